package dev.telemetry.connect.sink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.AlertTemplate;
import dev.telemetry.connect.sink.sender.FileAlertSender;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final long EVENT = NOW.minusSeconds(30).toEpochMilli();

    private final AlertFactory factory = new AlertFactory(
            new AlertSinkConfig(Map.of(
                    "destination",
                    "file",
                    "file.path",
                    "/tmp/a.jsonl",
                    "labels.fields",
                    "endpoint,level",
                    "alert.link.template",
                    "http://grafana.local/d/logs?service=${service}")),
            () -> NOW);

    private Alert alert(long offset, String message) {
        return factory.create(SinkRecords.log("alerts", 0, offset, "critical", "payment-service", message, EVENT));
    }

    private static JsonNode parse(byte[] body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void alertmanagerBodyFollowsApiV2PostableAlerts() throws Exception {
        JsonNode body = parse(AlertmanagerPayload.body(
                List.of(alert(1, "Payment provider timeout"), alert(2, "x")),
                "TelemetryAlert",
                Duration.ofMinutes(5),
                NOW));

        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(2);
        JsonNode first = body.get(0);
        // labels: required, a map of strings with Prometheus label names.
        JsonNode labels = first.get("labels");
        assertThat(labels.isObject()).isTrue();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            assertThat(label.getKey()).matches("[a-zA-Z_][a-zA-Z0-9_]*");
            assertThat(label.getValue().isTextual()).isTrue();
        }
        assertThat(labels.get("alertname").asText()).isEqualTo("TelemetryAlert");
        assertThat(labels.get("severity").asText()).isEqualTo("critical");
        assertThat(labels.get("category").asText()).isEqualTo("alert");
        assertThat(labels.get("source").asText()).isEqualTo("payment-service");
        assertThat(labels.get("endpoint").asText()).isEqualTo("/api/v1/checkout");
        // annotations: a map of strings.
        JsonNode annotations = first.get("annotations");
        annotations
                .fields()
                .forEachRemaining(a -> assertThat(a.getValue().isTextual()).isTrue());
        assertThat(annotations.get("summary").asText()).isEqualTo("Payment provider timeout");
        assertThat(annotations.get("alert_id").asText()).isEqualTo("alerts-0-1");
        // startsAt / endsAt: RFC 3339 date-times, endsAt after startsAt.
        OffsetDateTime startsAt = OffsetDateTime.parse(first.get("startsAt").asText());
        OffsetDateTime endsAt = OffsetDateTime.parse(first.get("endsAt").asText());
        assertThat(startsAt.toInstant()).isEqualTo(Instant.ofEpochMilli(EVENT));
        assertThat(endsAt.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        // generatorURL: a URI.
        assertThat(java.net.URI.create(first.get("generatorURL").asText()).getScheme())
                .isEqualTo("http");
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("labels", "annotations", "startsAt", "endsAt", "generatorURL");
    }

    @Test
    void webhookBodyCarriesEveryAlertAndAStableIdempotencyKey() throws Exception {
        List<Alert> batch = List.of(alert(1, "a"), alert(2, "b"));
        JsonNode body = parse(WebhookPayload.body(batch));
        assertThat(body.get("alerts")).hasSize(2);
        JsonNode first = body.get("alerts").get(0);
        assertThat(first.get("id").asText()).isEqualTo("alerts-0-1");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("link").asText()).isEqualTo("http://grafana.local/d/logs?service=payment-service");
        assertThat(first.at("/record/value/message").asText()).isEqualTo("a");

        assertThat(WebhookPayload.idempotencyKey(List.of(batch.get(0)))).isEqualTo("alerts-0-1");
        String key = WebhookPayload.idempotencyKey(batch);
        assertThat(key).startsWith("batch-").hasSize(6 + 64);
        assertThat(WebhookPayload.idempotencyKey(List.of(alert(1, "a"), alert(2, "b"))))
                .isEqualTo(key);
        assertThat(WebhookPayload.idempotencyKey(List.of(alert(2, "b"), alert(1, "a"))))
                .isNotEqualTo(key);
    }

    @Test
    void anAlertWithoutAMessageCarriesItsRecordOnceAndDescribesItsFieldsReadably() throws Exception {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("service", "api-gateway");
        value.put("response_time", 4200.5);
        value.put("severity", "warning");
        Alert alert = factory.create(SinkRecords.schemaless("alerts", 0, 5, value));
        String line = Json.text(out -> AlertJson.write(out, alert));
        JsonNode json = Json.MAPPER.readTree(line);

        assertThat(json.get("description").asText())
                .isEqualTo("service: api-gateway\nresponse_time: 4200.5\nseverity: warning");
        assertThat(json.at("/record/value/response_time").asDouble()).isEqualTo(4200.5);
        assertThat(line.split("\"response_time\"", -1))
                .as("the value's JSON appears once, as the record")
                .hasSize(2);
    }

    /**
     * The alert line exactly, byte for byte: what the sink wrote before it wrote lines straight to a generator (the
     * lines below were written by the earlier tree-building code), for a classified Struct and for a schemaless value
     * with every kind of Connect value, keys that read alike, and a repeated header.
     */
    @Test
    void alertLinesAndWebhookEntriesAreTheAlertAndItsRecordAsCompactJson(@TempDir Path dir) throws Exception {
        long event = Instant.parse("2026-11-25T07:59:30.125Z").toEpochMilli();
        Alert classified = factory.create(SinkRecords.log(
                "alerts", 0, 7, "critical", "payment-service", "Payment provider \"timeout\"\nretrying", event));
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put("severity", "warning");
        value.put("service", "api-gateway");
        value.put("response_time", 4200.5);
        value.put("ratio", Double.NaN);
        value.put("amount", new BigDecimal("12.500"));
        value.put("count", (short) 3);
        value.put("big", Long.MAX_VALUE);
        value.put("flag", true);
        value.put("missing", null);
        value.put("bytes", new byte[] {1, 2, (byte) 0xff});
        value.put("buffer", ByteBuffer.wrap(new byte[] {4, 5}));
        value.put("seen", new Date(Instant.parse("2026-11-25T07:59:30.000123Z").toEpochMilli()));
        value.put("tags", List.of("a", "ü ✓", List.of(1, 2.5f)));
        Map<Object, Object> keysAlike = new LinkedHashMap<>();
        keysAlike.put(1, "int one");
        keysAlike.put("x", "ex");
        keysAlike.put("1", "string one");
        value.put("odd", keysAlike);
        ConnectHeaders headers = new ConnectHeaders();
        headers.add("trace", new SchemaAndValue(null, "t-1"));
        headers.add("hop", new SchemaAndValue(null, 1));
        headers.add("trace", new SchemaAndValue(null, "t-2"));
        @SuppressWarnings("unchecked")
        SinkRecord record = new SinkRecord(
                "alerts",
                2,
                null,
                Map.of("id", 9),
                null,
                (Map<String, Object>) (Map<?, ?>) value,
                41,
                event,
                TimestampType.CREATE_TIME,
                headers);
        Alert folded = factory.create(record)
                .folded(3, Instant.parse("2026-11-25T07:59:39.000000001Z"), List.of(record, record, record));

        String classifiedLine =
                "{\"id\":\"alerts-0-7\",\"severity\":\"critical\",\"category\":\"alert\",\"source\":\"payment-service"
                        + "\",\"summary\":\"Payment provider \\\"timeout\\\"\",\"description\":\"Payment provider \\\"timeout\\\""
                        + "\\nretrying\",\"labels\":{\"endpoint\":\"/api/v1/checkout\",\"level\":\"ERROR\"},\"event_time\":\"20"
                        + "26-11-25T07:59:30.125Z\",\"processed_time\":\"2026-11-25T07:59:30.140Z\",\"occurrences\":1,\"link\":"
                        + "\"http://grafana.local/d/logs?service=payment-service\",\"record\":{\"topic\":\"alerts\",\"partition"
                        + "\":0,\"offset\":7,\"timestamp\":\"2026-11-25T07:59:30.125Z\",\"key\":\"ERROR\",\"value\":{\"stream\""
                        + ":\"logs\",\"seq\":7,\"timestamp\":\"2026-11-25T07:59:30.125Z\",\"level\":\"ERROR\",\"message\":\"Pay"
                        + "ment provider \\\"timeout\\\"\\nretrying\",\"service\":\"payment-service\",\"endpoint\":\"/api/v1/ch"
                        + "eckout\",\"severity\":\"critical\",\"category\":\"alert\",\"processed_at\":\"2026-11-25T07:59:30.140"
                        + "Z\"}}}";
        String foldedLine =
                "{\"id\":\"alerts-2-41\",\"severity\":\"warning\",\"category\":\"uncategorized\",\"source\":\"api-gat"
                        + "eway\",\"summary\":\"warning uncategorized alert from api-gateway\",\"description\":\"severity: warn"
                        + "ing\\nservice: api-gateway\\nresponse_time: 4200.5\\nratio: NaN\\namount: 12.500\\ncount: 3\\nbig: 9"
                        + "223372036854775807\\nflag: true\\nbytes: AQL/\\nbuffer: java.nio.HeapByteBuffer[pos=0 lim=2 cap=2]\\n"
                        + "seen: 2026-11-25T07:59:30Z\\ntags: [\\\"a\\\",\\\"ü ✓\\\",[1,2.5]]\\nodd: {\\\"1\\\":\\\"string one\\\""
                        + ",\\\"x\\\":\\\"ex\\\"}\",\"labels\":{},\"event_time\":\"2026-11-25T07:59:30.125Z\",\"occurrences\":3"
                        + ",\"last_event_time\":\"2026-11-25T07:59:39.000000001Z\",\"link\":\"http://grafana.local/d/logs?servi"
                        + "ce=api-gateway\",\"record\":{\"topic\":\"alerts\",\"partition\":2,\"offset\":41,\"timestamp\":\"2026"
                        + "-11-25T07:59:30.125Z\",\"key\":{\"id\":9},\"value\":{\"severity\":\"warning\",\"service\":\"api-gate"
                        + "way\",\"response_time\":4200.5,\"ratio\":\"NaN\",\"amount\":12.500,\"count\":3,\"big\":9223372036854"
                        + "775807,\"flag\":true,\"missing\":null,\"bytes\":\"AQL/\",\"buffer\":\"BAU=\",\"seen\":\"2026-11-25T0"
                        + "7:59:30Z\",\"tags\":[\"a\",\"ü ✓\",[1,2.5]],\"odd\":{\"1\":\"string one\",\"x\":\"ex\"}},\"headers\""
                        + ":{\"trace\":\"t-2\",\"hop\":1}}}";
        Path file = dir.resolve("alerts.jsonl");
        try (FileAlertSender sender = new FileAlertSender(file, 0)) {
            sender.send(List.of(classified, folded));
        }
        assertThat(Files.readString(file)).isEqualTo(classifiedLine + "\n" + foldedLine + "\n");
        assertThat(new String(WebhookPayload.body(List.of(classified, folded)), StandardCharsets.UTF_8))
                .isEqualTo("{\"alerts\":[" + classifiedLine + "," + foldedLine + "]}");
    }

    @Test
    void slackMessageHasTextFallbackBlocksAndEscapedMarkup() throws Exception {
        JsonNode body = parse(SlackPayload.body(alert(3, "Upstream <svc> returned 503 & failed")));
        assertThat(body.get("text").asText()).contains("[CRITICAL]").contains("payment-service");
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        JsonNode section = blocks.get(1);
        assertThat(section.at("/text/text").asText()).isEqualTo("Upstream &lt;svc&gt; returned 503 &amp; failed");
        assertThat(section.get("fields").toString())
                .contains("*Severity*\\ncritical")
                .contains("*Source*");
        assertThat(blocks.get(2).toString()).contains("<http://grafana.local/d/logs?service=payment-service|open>");
    }

    @Test
    void slackMarkupFromARecordCannotMentionAnyoneOrForgeALink() throws Exception {
        String hostile = "x>|<!here>";
        Alert alert = factory.create(
                SinkRecords.log("alerts", 0, 4, "critical", hostile, "a & <!channel> <http://evil|click>", EVENT));

        JsonNode body = parse(SlackPayload.body(alert));

        // Every place Slack reads mrkdwn: the text fallback, the section, its fields and the context.
        List<String> markup = new ArrayList<>();
        markup.add(body.get("text").asText());
        JsonNode blocks = body.get("blocks");
        markup.add(blocks.get(1).at("/text/text").asText());
        blocks.get(1)
                .get("fields")
                .forEach(field -> markup.add(field.get("text").asText()));
        blocks.get(2)
                .get("elements")
                .forEach(element -> markup.add(element.get("text").asText()));
        assertThat(markup).noneSatisfy(text -> assertThat(text).contains("<!"));
        assertThat(String.join("\n", markup))
                .doesNotContain("<http://evil")
                .contains("x&gt;|&lt;!here&gt;")
                .contains("a &amp; &lt;!channel&gt;");
        // The link template's placeholder value is percent-encoded: the link keeps its one target and its label.
        assertThat(alert.link()).isEqualTo("http://grafana.local/d/logs?service=x%3E%7C%3C%21here%3E");
        assertThat(blocks.get(2).toString())
                .contains("<http://grafana.local/d/logs?service=x%3E%7C%3C%21here%3E|open>");
        // In a header (plain_text) nothing is interpreted, so the summary is shown as it is.
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
    }

    @Test
    void linkValuesArePercentEncodedAndLiteralPartsKept() {
        assertThat(AlertTemplate.parse("https://logs.local/search?q=${q}&from=${t:-now-1h}")
                        .renderLink(path -> path.equals("q") ? "a b&c=d/é~*" : null))
                .isEqualTo("https://logs.local/search?q=a%20b%26c%3Dd%2F%C3%A9~%2A&from=now-1h");
        assertThat(SlackPayload.linkTarget("http://x/?a=1|2&b=<3>")).isEqualTo("http://x/?a=1%7C2&amp;b=&lt;3&gt;");
    }
}
