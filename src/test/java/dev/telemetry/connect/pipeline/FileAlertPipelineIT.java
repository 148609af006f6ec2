package dev.telemetry.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.ExpectedClassification;
import dev.telemetry.connect.testkit.ExpectedClassification.StreamSeq;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in a real worker, from the shipped config files: the seeded source with the classify, stamp and
 * route chain, and the file alert sink. The alert file must hold exactly the alerts the rules select, each once, in
 * order per partition; malformed records must land in the dead-letter topic with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileAlertPipelineIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    // Enough for every rule to fire with the shipped seed: the first slow-query surge comes after seq 960.
    private static final int PER_STREAM = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EmbeddedConnectCluster connect;
    private RestClient rest;

    @BeforeAll
    void startCluster() throws InterruptedException {
        connect = ConnectClusters.startExactlyOnce("file-alert-pipeline-it", 1);
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void theAlertFileHoldsExactlyTheSelectedAlertsOnceInOrderAndBadRecordsReachTheDlq() throws Exception {
        Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
        source.put("max.records", String.valueOf(PER_STREAM));
        source.put("rate.per.second", "0");
        Path alertFile = dir.resolve("alerts.jsonl");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.put("file.path", alertFile.toString());

        put(source);
        put(sink);

        long seed = Long.parseLong(source.get("generator.seed"));
        double anomalyRate = Double.parseDouble(source.get("anomaly.rate"));
        Map<StreamSeq, ExpectedClassification> expectedAlerts = new HashMap<>();
        ExpectedClassification.ofRun(seed, anomalyRate, PER_STREAM).forEach((key, c) -> {
            if (c.isAlert()) {
                expectedAlerts.put(key, c);
            }
        });
        assertThat(expectedAlerts.values())
                .as("the seeded run has alerts of every kind")
                .contains(ExpectedClassification.ERROR_LOG, ExpectedClassification.WARNING_LOG)
                .anyMatch(c -> c.category().equals("performance"));

        List<String> lines = awaitLines(alertFile, expectedAlerts.size());
        // Everything the source will ever emit has been classified and routed; nothing more may arrive.
        TopicRecords.awaitAtLeast(connect.kafka(), expectedAlerts.size(), TIMEOUT_MS, "alerts");
        Thread.sleep(2_000);
        lines = Files.readAllLines(alertFile, StandardCharsets.UTF_8);

        Set<StreamSeq> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Map<Integer, Long> lastOffsetPerPartition = new HashMap<>();
        for (String line : lines) {
            JsonNode alert = JSON.readTree(line);
            JsonNode value = alert.at("/record/value");
            StreamSeq key = new StreamSeq(
                    TelemetryStream.parse(value.get("stream").asText()),
                    value.get("seq").asLong());
            ExpectedClassification want = expectedAlerts.get(key);
            assertThat(want).as("alert %s is one the rules select", key).isNotNull();
            assertThat(seen.add(key)).as("alert %s delivered once", key).isTrue();
            assertThat(ids.add(alert.get("id").asText())).isTrue();
            assertThat(alert.get("severity").asText()).isEqualTo(want.severity());
            assertThat(alert.get("category").asText()).isEqualTo(want.category());
            assertThat(alert.get("occurrences").asInt()).isEqualTo(1);
            Instant eventTime = Instant.parse(alert.get("event_time").asText());
            Instant processed = Instant.parse(alert.get("processed_time").asText());
            assertThat(processed).isAfterOrEqualTo(eventTime);
            String expectedSource = value.has("service")
                    ? value.get("service").asText()
                    : value.get("stream").asText();
            assertThat(alert.get("source").asText()).isEqualTo(expectedSource);
            assertThat(alert.at("/labels/stream").asText())
                    .isEqualTo(value.get("stream").asText());

            int partition = alert.at("/record/partition").asInt();
            long offset = alert.at("/record/offset").asLong();
            Long previous = lastOffsetPerPartition.put(partition, offset);
            assertThat(previous == null || previous < offset)
                    .as("in order within partition %d", partition)
                    .isTrue();
        }
        assertThat(seen).isEqualTo(expectedAlerts.keySet());

        produceMalformedAlerts();
        List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.awaitAtLeast(
                connect.kafka(), 2, TIMEOUT_MS, sink.get("errors.deadletterqueue.topic.name"));
        assertThat(dead).hasSize(2);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            Header reason = record.headers().lastHeader("__connect.errors.exception.message");
            assertThat(reason).as("dead letter carries the reason").isNotNull();
            reasons.add(new String(reason.value(), StandardCharsets.UTF_8));
        }
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("'loud'"));
        assertThat(Files.readAllLines(alertFile)).hasSize(expectedAlerts.size());
    }

    private void produceMalformedAlerts() {
        connect.kafka().produce("alerts", "bad-json", "{this is not json");
        connect.kafka()
                .produce(
                        "alerts",
                        "bad-severity",
                        "{\"schema\":{\"type\":\"struct\",\"fields\":["
                                + "{\"field\":\"severity\",\"type\":\"string\"},{\"field\":\"message\",\"type\":\"string\"}]},"
                                + "\"payload\":{\"severity\":\"loud\",\"message\":\"disk full\"}}");
    }

    private void put(Map<String, String> config) {
        String name = config.remove("name");
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<String> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Expected " + count + " alerts in " + file + ", found " + lines.size());
    }
}
