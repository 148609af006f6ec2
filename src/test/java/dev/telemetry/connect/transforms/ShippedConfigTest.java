package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.TestRecords;
import dev.telemetry.connect.transforms.predicates.SeverityAtLeast;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chain in config/telemetry-source.properties, assembled from that file the way Connect does (prefixed keys),
 * applied to one record per stream, then the alert sinks' Filter from config/alert-sink-*.properties. {@code ShippedConnectorConfigsTest} checks its JSON twin.
 */
class ShippedConfigTest {

    private static final long EVENT_TIME = 1_764_000_000_000L;

    private static Map<String, String> config;

    @BeforeAll
    static void load() {
        config = ConfigFiles.load("telemetry-source.properties");
    }

    private static Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new HashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(prefix + "type")) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    /** classify, then stamp: what the worker does with this file. No route: every record stays in its topic. */
    private static SourceRecord chain(SourceRecord record) {
        assertThat(config.get("transforms")).isEqualTo("classify,stamp");
        assertThat(config.get("transforms.classify.type")).isEqualTo(ClassifyEvent.Value.class.getName());
        assertThat(config.get("transforms.stamp.type")).isEqualTo(InsertProcessedTimestamp.Value.class.getName());
        assertThat(config).doesNotContainKey("predicates");

        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        classify.configure(withPrefix("transforms.classify."));
        InsertProcessedTimestamp<SourceRecord> stamp = new InsertProcessedTimestamp.Value<>();
        stamp.configure(withPrefix("transforms.stamp."));
        return stamp.apply(classify.apply(record));
    }

    /**
     * The alert sink's chain from {@code config/<sinkFile>}: Kafka's Filter with the SeverityAtLeast predicate,
     * negated, as the worker assembles it. Answers whether the record reaches the sink.
     */
    private static boolean reachesSink(String sinkFile, SourceRecord classified) {
        Map<String, String> sink = ConfigFiles.load(sinkFile);
        assertThat(sink.get("transforms")).isEqualTo("onlyAlerts");
        assertThat(sink.get("transforms.onlyAlerts.type")).isEqualTo(Filter.class.getName());
        assertThat(sink.get("transforms.onlyAlerts.predicate")).isEqualTo("isAlert");
        assertThat(sink.get("transforms.onlyAlerts.negate")).isEqualTo("true");
        assertThat(sink.get("predicates.isAlert.type")).isEqualTo(SeverityAtLeast.class.getName());
        SeverityAtLeast<SinkRecord> isAlert = new SeverityAtLeast<>();
        Map<String, String> predicateConfig = new HashMap<>();
        sink.forEach((k, v) -> {
            if (k.startsWith("predicates.isAlert.") && !k.endsWith(".type")) {
                predicateConfig.put(k.substring("predicates.isAlert.".length()), v);
            }
        });
        isAlert.configure(predicateConfig);
        Filter<SinkRecord> filter = new Filter<>();
        filter.configure(Map.of());
        // What Connect's TransformationChain does for a transform with a negated predicate.
        SinkRecord record = TestRecords.value(classified.valueSchema(), classified.value())
                .topic(classified.topic())
                .offset(7)
                .sink();
        SinkRecord out = isAlert.test(record) ? record : filter.apply(record);
        return out != null;
    }

    private static SourceRecord record(TelemetryStream stream, String topic, Map<String, Object> fields) {
        Struct value = new Struct(stream.valueSchema())
                .put(TelemetrySchemas.STREAM, stream.wireName())
                .put(TelemetrySchemas.SEQ, 1L)
                .put(TelemetrySchemas.TIMESTAMP, new Date(EVENT_TIME));
        fields.forEach(value::put);
        return TestRecords.value(stream.valueSchema(), value)
                .topic(topic)
                .partition(null)
                .timestamp(EVENT_TIME)
                .source();
    }

    /** The record keeps its topic, is classified and stamped, and reaches the alert sinks exactly when expected. */
    private static void assertRouted(SourceRecord in, String topic, String severity, String category) {
        long before = System.currentTimeMillis();
        SourceRecord out = chain(in);
        Struct value = (Struct) out.value();
        assertThat(out.topic()).isEqualTo(in.topic()).isEqualTo(topic);
        assertThat(value.getString("severity")).isEqualTo(severity);
        assertThat(value.getString("category")).isEqualTo(category);
        assertThat(((Date) value.get("processed_at")).getTime()).isGreaterThanOrEqualTo(before);
        assertThat(value.getInt64("latency_ms")).isGreaterThanOrEqualTo(before - EVENT_TIME);
        boolean alert = !severity.equals("info");
        for (String sink : List.of(
                "alert-sink-file.properties", "alert-sink-webhook.properties", "alert-sink-alertmanager.properties")) {
            assertThat(reachesSink(sink, out)).as(sink + " keeps " + severity).isEqualTo(alert);
        }
        assertThat(reachesSink("alert-sink-slack.properties", out))
                .as("the Slack sink keeps criticals only")
                .isEqualTo(severity.equals("critical"));
    }

    @Test
    void logsByLevel() {
        Map<String, Object> error =
                Map.of("level", "ERROR", "message", "Database connection timeout", "service", "checkout");
        assertRouted(record(TelemetryStream.LOGS, "application_logs", error), "application_logs", "critical", "alert");
        Map<String, Object> warning = Map.of("level", "WARNING", "message", "Retrying", "service", "checkout");
        assertRouted(record(TelemetryStream.LOGS, "application_logs", warning), "application_logs", "warning", "alert");
        Map<String, Object> info = Map.of("level", "INFO", "message", "ok", "service", "checkout");
        assertRouted(record(TelemetryStream.LOGS, "application_logs", info), "application_logs", "info", "telemetry");
    }

    @Test
    void slowApiResponsesAndSlowQueries() {
        assertRouted(
                record(TelemetryStream.API, "raw_data", Map.of("api_calls", 10L, "response_time", 2500.0)),
                "raw_data",
                "warning",
                "performance");
        assertRouted(
                record(TelemetryStream.API, "raw_data", Map.of("api_calls", 10L, "response_time", 180.0)),
                "raw_data",
                "info",
                "telemetry");
        assertRouted(
                record(TelemetryStream.DATABASE, "raw_data", Map.of("queries", 1000L, "slow_queries", 11L)),
                "raw_data",
                "warning",
                "performance");
        assertRouted(
                record(TelemetryStream.DATABASE, "raw_data", Map.of("queries", 1000L, "slow_queries", 10L)),
                "raw_data",
                "info",
                "telemetry");
        assertRouted(
                record(TelemetryStream.DATABASE, "raw_data", Map.of("queries", 0L, "slow_queries", 0L)),
                "raw_data",
                "info",
                "telemetry");
    }

    @Test
    void purchasesAreRevenueAndNeverReachTheSinks() {
        assertRouted(
                record(
                        TelemetryStream.EVENTS,
                        "user_events",
                        Map.of("event_type", "purchase", "user_id", "u1", "amount", 25.0)),
                "user_events",
                "info",
                "revenue");
        assertRouted(
                record(TelemetryStream.EVENTS, "user_events", Map.of("event_type", "product_view", "user_id", "u1")),
                "user_events",
                "info",
                "telemetry");
        assertRouted(
                record(TelemetryStream.WEB, "raw_data", Map.of("page_views", 10L, "unique_visitors", 3L)),
                "raw_data",
                "info",
                "telemetry");
    }
}
