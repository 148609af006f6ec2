package dev.telemetry.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.sink.AlertSinkMetrics;
import dev.telemetry.connect.source.generator.GeneratorMetrics;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.PluginMBeans;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import dev.telemetry.connect.transforms.ClassifyEventMetrics;
import dev.telemetry.connect.transforms.InsertProcessedTimestampMetrics;
import dev.telemetry.connect.transforms.predicates.SeverityAtLeastMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin metrics as an operator reads them: the shipped pipeline (generator with the classify and stamp chain, the
 * file alert sink behind its SeverityAtLeast filter) runs in the in-process worker, and every documented metric of
 * those plugins is read from the platform MBean server under the ObjectName docs/metrics.md gives, its value checked
 * against what the run produced: counts exactly, times within the run and in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginMetricsJmxIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final int PER_STREAM = 300;
    private static final String SOURCE = "metrics-jmx-source";
    private static final String SINK = "metrics-jmx-sink";
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

    @Test
    void everyDocumentedMetricOfThePipelineIsInJmxWithTheValuesTheRunProduced() throws Exception {
        long started = System.currentTimeMillis();
        Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
        source.put("max.records", String.valueOf(PER_STREAM));
        source.put("rate.per.second", "0");
        source.put("topic.metrics", "metrics_jmx_raw");
        source.put("topic.logs", "metrics_jmx_logs");
        source.put("topic.events", "metrics_jmx_events");
        Path alertFile = dir.resolve("alerts.jsonl");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.put("topics", "metrics_jmx_raw,metrics_jmx_logs,metrics_jmx_events");
        sink.put("file.path", alertFile.toString());
        sink.put("errors.deadletterqueue.topic.name", "metrics_jmx_dlq");
        // One alert per record, so alerts-delivered-total can be checked against the file's lines.
        sink.put("incident.enabled", "false");
        put(SOURCE, source);
        put(SINK, sink);

        // What the rules decided, read back from the records themselves.
        Map<String, Long> matchedByRule = new HashMap<>();
        long unmatched = 0;
        long alerts = 0;
        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.awaitAtLeast(
                connect.kafka(),
                PER_STREAM * TelemetryStream.values().length,
                TIMEOUT_MS,
                "metrics_jmx_raw",
                "metrics_jmx_logs",
                "metrics_jmx_events");
        assertThat(records).hasSize(PER_STREAM * TelemetryStream.values().length);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value()).get("payload");
            String rule = rule(
                    value.get("stream").asText(),
                    value.get("severity").asText(),
                    value.get("category").asText());
            if (rule == null) {
                unmatched++;
            } else {
                matchedByRule.merge(rule, 1L, Long::sum);
            }
            if (!value.get("severity").asText().equals("info")) {
                alerts++;
            }
        }
        awaitLines(alertFile, alerts);
        TopicRecords.awaitGroupCaughtUp(
                connect.kafka(),
                "connect-" + SINK,
                TIMEOUT_MS,
                "metrics_jmx_raw",
                "metrics_jmx_logs",
                "metrics_jmx_events");
        String sinkTask = "connector=" + SINK + ",task=0";
        mbeans.awaitValue(sinkTask, "alerts-delivered-total", alerts);
        assertThat(Files.readAllLines(alertFile, StandardCharsets.UTF_8)).hasSize((int) alerts);
        long elapsed = System.currentTimeMillis() - started;

        // Every MBean of the bundle's plugins carries the worker's keys first, in the documented order.
        assertThat(mbeans.keyLists())
                .filteredOn(
                        keys -> keys.contains("connector=" + SOURCE + ",") || keys.contains("connector=" + SINK + ","))
                .allSatisfy(keys -> assertThat(keys).matches("type=plugins,connector=[^,]+,task=0(,.*)?"))
                .contains(
                        "type=plugins,connector=" + SOURCE + ",task=0,stream=web",
                        "type=plugins,connector=" + SOURCE + ",task=0",
                        "type=plugins,connector=" + SOURCE + ",task=0,transformation=classify",
                        "type=plugins,connector=" + SOURCE + ",task=0,transformation=classify,rule=error_log",
                        "type=plugins,connector=" + SOURCE + ",task=0,transformation=stamp",
                        "type=plugins,connector=" + SINK + ",task=0,predicate=isAlert",
                        "type=plugins,connector=" + SINK + ",task=0",
                        "type=plugins,connector=" + SINK + ",task=0,reason=refused");

        // The generator.
        String sourceTask = "connector=" + SOURCE + ",task=0";
        assertDocumented(GeneratorMetrics.ALL, sourceTask, Map.of("stream", "web"));
        for (TelemetryStream stream : TelemetryStream.values()) {
            String tags = sourceTask + ",stream=" + stream.wireName();
            assertThat(mbeans.value(tags, "records-emitted-total")).as(tags).isEqualTo(PER_STREAM);
            assertThat(mbeans.value(tags, "records-emitted-rate")).as(tags).isGreaterThan(0);
        }
        assertThat(mbeans.value(sourceTask, "pacing-target-rate"))
                .as("unlimited")
                .isZero();
        assertThat(mbeans.value(sourceTask, "pacing-deficit-rate"))
                .as("unlimited")
                .isZero();

        // ClassifyEvent: per rule exactly what the records say, and the rest unmatched.
        String classify = sourceTask + ",transformation=classify";
        assertDocumented(ClassifyEventMetrics.ALL, classify, Map.of("rule", "error_log"));
        for (String rule : List.of("error_log", "warning_log", "slow_api", "slow_queries", "purchase")) {
            assertThat(mbeans.value(classify + ",rule=" + rule, "records-matched-total"))
                    .as("records matched by %s", rule)
                    .isEqualTo(matchedByRule.getOrDefault(rule, 0L).doubleValue());
        }
        assertThat(matchedByRule).as("the run exercises the rules").containsKeys("error_log", "warning_log");
        assertThat(mbeans.value(classify, "records-unmatched-total")).isEqualTo(unmatched);
        assertThat(mbeans.value(classify, "evaluation-errors-total")).isZero();
        assertOrdered(classify, "classify-time-ns", Double.MAX_VALUE);

        // InsertProcessedTimestamp: latencies of records stamped during this run.
        String stamp = sourceTask + ",transformation=stamp";
        assertDocumented(InsertProcessedTimestampMetrics.ALL, stamp, Map.of());
        assertPercentiles(stamp, "processing-latency", elapsed);

        // SeverityAtLeast in the sink's Filter: every record tested once.
        String predicate = sinkTask + ",predicate=isAlert";
        assertDocumented(SeverityAtLeastMetrics.ALL, predicate, Map.of());
        assertThat(mbeans.value(predicate, "records-passed-total")).isEqualTo(alerts);
        assertThat(mbeans.value(predicate, "records-below-total")).isEqualTo(records.size() - alerts);

        // The sink: each alert line delivered once, nothing failed, filtered or queued.
        List<MetricDefinition> sinkMetrics = AlertSinkMetrics.ALL.stream()
                .filter(m -> !m.name().startsWith("incidents-"))
                .toList();
        assertDocumented(sinkMetrics, sinkTask, Map.of("reason", "refused"));
        for (MetricDefinition incidents : AlertSinkMetrics.ALL) {
            if (incidents.name().startsWith("incidents-")) {
                assertThat(mbeans.attributes(sinkTask))
                        .as("registered only with incident.enabled")
                        .doesNotContainAnyElementsOf(incidents.attributes());
            }
        }
        assertThat(mbeans.value(sinkTask, "alerts-delivered-rate")).isGreaterThan(0);
        for (String zero : List.of(
                "alerts-folded-total",
                "records-below-min-severity-total",
                "records-dlq-total",
                "alerts-rejected-total",
                "delivery-retries-total",
                "oldest-undelivered-age")) {
            assertThat(mbeans.value(sinkTask, zero)).as(zero).isZero();
        }
        for (String reason : List.of("refused", "out_of_time", "transient")) {
            assertThat(mbeans.value(sinkTask + ",reason=" + reason, "delivery-failures-total"))
                    .as(reason)
                    .isZero();
        }
        assertPercentiles(sinkTask, "delivery-latency", elapsed);
        assertPercentiles(sinkTask, "request-time", elapsed);
        assertOrdered(sinkTask, "batch-size", 500);
        assertThat(mbeans.value(sinkTask, "batch-size-avg")).isGreaterThanOrEqualTo(1);
    }

    /**
     * The rule of the shipped rule set that gave a record its severity and category, or null for the default; the two
     * performance rules differ only in the stream they read.
     */
    private static String rule(String stream, String severity, String category) {
        return switch (severity + "/" + category) {
            case "critical/alert" -> "error_log";
            case "warning/alert" -> "warning_log";
            case "warning/performance" -> stream.equals("api") ? "slow_api" : "slow_queries";
            case "info/revenue" -> "purchase";
            case "info/telemetry" -> null;
            default -> throw new AssertionError("No shipped rule classifies as " + severity + "/" + category);
        };
    }

    /** Every attribute of these definitions is on the MBean of these worker tags plus each definition's own tags. */
    private void assertDocumented(List<MetricDefinition> definitions, String workerTags, Map<String, String> ownTags)
            throws Exception {
        for (MetricDefinition definition : definitions) {
            StringBuilder tags = new StringBuilder(workerTags);
            for (String tag : definition.tagNames()) {
                assertThat(ownTags).as("a value for tag %s", tag).containsKey(tag);
                tags.append(',').append(tag).append('=').append(ownTags.get(tag));
            }
            assertThat(mbeans.attributes(tags.toString()))
                    .as("attributes of %s", tags)
                    .containsAll(definition.attributes());
        }
    }

    /** Average and maximum are in [0, limit] and the average is at most the maximum. */
    private void assertOrdered(String tags, String name, double limit) throws Exception {
        double avg = mbeans.value(tags, name + "-avg");
        double max = mbeans.value(tags, name + "-max");
        assertThat(avg).as(name + "-avg").isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(max);
        assertThat(max).as(name + "-max").isLessThanOrEqualTo(limit);
    }

    /** As {@link #assertOrdered}, and 0 ≤ p50 ≤ p99 ≤ max. */
    private void assertPercentiles(String tags, String name, double limitMs) throws Exception {
        assertOrdered(tags, name, limitMs);
        double p50 = mbeans.value(tags, name + "-p50");
        double p99 = mbeans.value(tags, name + "-p99");
        double max = mbeans.value(tags, name + "-max");
        assertThat(p50).as(name + "-p50").isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p99);
        assertThat(p99).as(name + "-p99").isLessThanOrEqualTo(max);
    }

    private void put(String name, Map<String, String> config) {
        config.remove("name");
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static void awaitLines(Path file, long count) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long lines = 0;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
                if (lines >= count) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Expected " + count + " alerts in " + file + ", found " + lines);
    }
}
