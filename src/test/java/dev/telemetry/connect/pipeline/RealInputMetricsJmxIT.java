package dev.telemetry.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.PluginMBeans;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real inputs' plugin metrics as an operator reads them from the worker's JMX ({@link PluginMetricsJmxIT} does
 * the generator, the transformations and the sink): each source runs from its shipped config in the in-process worker
 * against an input whose numbers the test knows, and its metrics must say exactly those numbers. The sources that keep
 * running are paused before their counts are compared with their topic, so that nothing arrives in between. The three
 * run at the same time, each with its own connector and topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class RealInputMetricsJmxIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final PluginMBeans mbeans = new PluginMBeans();
    private EmbeddedConnectCluster connect;
    private RestClient rest;

    @BeforeAll
    void acquireCluster() throws InterruptedException {
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void releaseCluster() {
        SharedConnectCluster.release();
    }

    /** Six JSON events and two lines that are not JSON: eight records, two parse errors of reason format. */
    @Test
    void logFileMetricsCountTheFilesBytesRecordsAndParseErrors() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path file = logs.resolve("app.log");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append("{\"level\":\"INFO\",\"message\":\"event ").append(i).append("\",\"service\":\"checkout\"}\n");
        }
        lines.append("not json at all\n").append("{broken\n");
        Files.writeString(file, lines, StandardCharsets.UTF_8);

        Map<String, String> config = ConfigFiles.load("log-file-source.properties");
        config.keySet()
                .removeIf(key ->
                        key.startsWith("transforms") || key.startsWith("regex.") || key.startsWith("multiline."));
        config.put("files", logs + "/*.log");
        config.put("format", "json");
        config.put("topic.logs", "jmx_input_logs");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        String connector = "jmx-input-logs";
        put(connector, config);

        String task = "connector=" + connector + ",task=0";
        // The worker quotes a tag value in the ObjectName only where JMX needs it, as Kafka's Sanitizer decides.
        String fileTags =
                task + ",file=" + Sanitizer.jmxSanitize(file.toAbsolutePath().toString());
        mbeans.awaitValue(fileTags, "records-emitted-total", 8);
        assertThat(TopicRecords.awaitAtLeast(connect.kafka(), 8, TIMEOUT_MS, "jmx_input_logs"))
                .hasSize(8);
        mbeans.awaitValue(task + ",reason=format", "parse-errors-total", 2);
        assertThat(mbeans.value(fileTags, "bytes-read-total")).isEqualTo(Files.size(file));
        assertThat(mbeans.value(fileTags, "read-lag-bytes")).isZero();
        assertThat(mbeans.value(task, "files-tailed")).isEqualTo(1);
        assertThat(mbeans.value(task, "files-open")).isEqualTo(1);
        assertThat(mbeans.value(task, "rotations-total")).isZero();
        assertThat(mbeans.value(task, "lines-truncated-total")).isZero();
        assertThat(mbeans.value(task + ",reason=timestamp", "parse-errors-total"))
                .isZero();
        delete(connector);
    }

    /**
     * A target that answers two samples (within sample.limit=2), then three (over it), then HTTP 500: its records, its
     * last good scrape's samples, its failures by reason and the samples its refused scrapes kept, against the records
     * in its topic once the connector is paused.
     */
    @Test
    void scrapeMetricsCountRecordsSamplesAndFailuresByReason() throws Exception {
        String twoSamples = "# TYPE jobs_total counter\njobs_total 7\n# TYPE queue_depth gauge\nqueue_depth 3\n";
        try (ScriptedHttpServer target =
                new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, twoSamples, Map.of()))) {
            Map<String, String> config = ConfigFiles.load("metrics-scrape-source.properties");
            config.keySet().removeIf(key -> key.startsWith("targets"));
            config.put("targets", "app");
            config.put("targets.app.url", target.uri("/metrics").toString());
            config.put("targets.app.source", "jmx_app");
            config.put("sample.limit", "2");
            config.put("topic", "jmx_input_scrapes");
            config.put("scrape.interval.ms", "500");
            config.put("scrape.timeout.ms", "400");
            config.put("topic.creation.default.replication.factor", "1");
            config.put("topic.creation.default.partitions", "1");
            String connector = "jmx-input-scrape";
            put(connector, config);

            String targetTags = "connector=" + connector + ",task=0,target=app";
            mbeans.awaitValue(targetTags, "scrape-up", 1);
            assertThat(mbeans.value(targetTags, "scrape-samples")).isEqualTo(2);
            target.script(request ->
                    new ScriptedHttpServer.Status(200, twoSamples + "# TYPE extra gauge\nextra 1\n", Map.of()));
            mbeans.awaitAtLeast(targetTags + ",reason=limit", "scrape-failures-total", 1);
            target.script(request -> new ScriptedHttpServer.Status(500));
            mbeans.awaitAtLeast(targetTags + ",reason=http_status", "scrape-failures-total", 1);

            List<JsonNode> scrapes = pauseAndReadAll(connector, "jmx_input_scrapes");
            long overLimit = scrapes.stream()
                    .filter(v -> v.get("up").asInt() == 0
                            && v.get("scrape_error").asText().contains("sample.limit"))
                    .count();
            long refused = scrapes.stream()
                    .filter(v -> v.get("up").asInt() == 0
                            && v.get("scrape_error").asText().contains("HTTP 500"))
                    .count();
            assertThat(overLimit).isPositive();
            assertThat(refused).isPositive();
            assertThat(scrapes.stream().filter(v -> v.get("up").asInt() == 0).count())
                    .as("every failed scrape is over the limit or refused")
                    .isEqualTo(overLimit + refused);
            assertThat(mbeans.value(targetTags, "records-emitted-total")).isEqualTo(scrapes.size());
            assertThat(mbeans.value(targetTags + ",reason=limit", "scrape-failures-total"))
                    .isEqualTo(overLimit);
            assertThat(mbeans.value(targetTags + ",reason=http_status", "scrape-failures-total"))
                    .isEqualTo(refused);
            assertThat(mbeans.value(targetTags + ",limit=sample_limit", "samples-refused-total"))
                    .isEqualTo(3 * overLimit);
            assertThat(mbeans.value(targetTags, "scrape-up")).isZero();
            assertThat(mbeans.value(targetTags, "scrape-duration-max"))
                    .isGreaterThanOrEqualTo(mbeans.value(targetTags, "scrape-duration-avg"))
                    .isGreaterThanOrEqualTo(0);
            delete(connector);
        }
    }

    /**
     * A group that committed offset 4 of a partition holding 10 records lags by 6; one group and one topic watched, the
     * canary on. Once paused, the gauges hold the last poll's values, which its last group record carries too.
     */
    @Test
    void healthMetricsGiveTheGroupsLagAndWhatThePollEvaluated() throws Exception {
        String topic = "jmx_input_orders";
        String group = "jmx-input-group";
        connect.kafka().createTopic(topic, 1);
        for (int i = 0; i < 10; i++) {
            connect.kafka().produce(topic, "k", "order " + i);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer =
                connect.kafka().createConsumer(Map.of("group.id", group, "enable.auto.commit", "false"))) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(4)));
        }

        Map<String, String> config = ConfigFiles.load("kafka-health-source.properties");
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("groups.include", java.util.regex.Pattern.quote(group));
        config.put("topics.include", java.util.regex.Pattern.quote(topic));
        config.put("topic", "jmx_input_health");
        config.put("poll.interval.ms", "1000");
        config.put("list.refresh.interval.ms", "1000");
        config.put("canary.enabled", "true");
        config.put("canary.topic", "jmx_input_canary");
        config.put("topic.creation.default.replication.factor", "1");
        String connector = "jmx-input-health";
        put(connector, config);

        String task = "connector=" + connector + ",task=0";
        String groupTags = task + ",group=" + group;
        mbeans.awaitValue(groupTags, "group-lag", 6);
        mbeans.awaitFinite(task, "canary-round-trip-max");

        List<JsonNode> health = pauseAndReadAll(connector, "jmx_input_health");
        List<JsonNode> groupRecords = health.stream()
                .filter(v -> v.get("kind").asText().equals("group"))
                .toList();
        assertThat(groupRecords)
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.get("lag_sum").asLong()).isEqualTo(6));
        assertThat(mbeans.value(task + ",kind=group", "records-emitted-total")).isEqualTo(groupRecords.size());
        assertThat(mbeans.value(task + ",kind=cluster", "records-emitted-total"))
                .isEqualTo(health.stream()
                        .filter(v -> v.get("kind").asText().equals("cluster"))
                        .count());
        long ok = groupRecords.stream()
                .filter(v -> v.get("status").asText().equals("OK"))
                .count();
        assertThat(mbeans.value(task + ",status=ok", "group-statuses-total")).isEqualTo(ok);
        assertThat(mbeans.value(task, "groups-evaluated")).isEqualTo(1);
        assertThat(mbeans.value(task, "topics-evaluated")).isEqualTo(1);
        assertThat(mbeans.value(task, "poll-failures-total")).isZero();
        JsonNode last = groupRecords.get(groupRecords.size() - 1);
        assertThat(mbeans.value(groupTags, "group-lag"))
                .isEqualTo(last.get("lag_sum").asLong());
        // NaN while the time lag is not known yet, as the record's null says.
        JsonNode timeLag = last.get("time_lag_seconds");
        assertThat(Double.valueOf(mbeans.value(groupTags, "group-time-lag")))
                .isEqualTo(Double.valueOf(timeLag.isNull() ? Double.NaN : timeLag.asDouble()));
        double p50 = mbeans.value(task, "canary-round-trip-p50");
        assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(mbeans.value(task, "canary-round-trip-max"));
        delete(connector);
    }

    /**
     * Pauses the connector and reads its topic until two reads a poll interval apart agree: what the paused task had
     * returned before it paused is then all committed.
     */
    private List<JsonNode> pauseAndReadAll(String connector, String topic) throws Exception {
        assertThat(rest.put("connectors/" + connector + "/pause", "").status()).isEqualTo(202);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(connector, 1, connector + " did not pause");
        List<JsonNode> before = read(topic);
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(2_000);
            List<JsonNode> now = read(topic);
            if (now.size() == before.size()) {
                return now;
            }
            before = now;
        }
        throw new AssertionError(topic + " kept growing after " + connector + " paused");
    }

    private List<JsonNode> read(String topic) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, topic)) {
            try {
                values.add(JSON.readTree(record.value()).get("payload"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values;
    }

    private void put(String name, Map<String, String> config) {
        Map<String, String> copy = new HashMap<>(config);
        copy.remove("name");
        RestClient.Response response = rest.put("connectors/" + name + "/config", copy);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private void delete(String name) {
        assertThat(rest.delete("connectors/" + name).status()).isEqualTo(204);
    }
}
