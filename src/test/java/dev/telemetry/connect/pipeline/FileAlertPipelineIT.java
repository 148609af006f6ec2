package dev.telemetry.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ExpectedClassification;
import dev.telemetry.connect.testkit.ExpectedClassification.StreamSeq;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in a real worker, from the shipped config files: the seeded source with the classify and stamp
 * chain, and the file alert sink reading the stream topics through its Filter. Every generated record must be in its
 * stream topic exactly once; the alert file must hold exactly the alerts the rules select, each once, in order per
 * partition, with ids naming the record in its stream; malformed records must land in the dead-letter topic.
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
    void acquireCluster() throws InterruptedException {
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void releaseCluster() {
        SharedConnectCluster.release();
    }

    @Test
    void everyRecordStaysInItsStreamAndTheAlertFileHoldsExactlyTheSelectedAlertsOnceInOrder() throws Exception {
        Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
        source.put("max.records", String.valueOf(PER_STREAM));
        source.put("rate.per.second", "0");
        Path alertFile = dir.resolve("alerts.jsonl");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        sink.put("file.path", alertFile.toString());
        String[] streamTopics = sink.get("topics").split(",");
        assertThat(streamTopics)
                .containsExactlyInAnyOrder(
                        source.get("topic.metrics"), source.get("topic.logs"), source.get("topic.events"));

        String sinkGroup = "connect-" + sink.get("name");
        put(source);
        put(sink);

        long seed = Long.parseLong(source.get("generator.seed"));
        double anomalyRate = Double.parseDouble(source.get("anomaly.rate"));
        Map<StreamSeq, ExpectedClassification> expected = ExpectedClassification.ofRun(seed, anomalyRate, PER_STREAM);
        Map<StreamSeq, ExpectedClassification> expectedAlerts = new HashMap<>();
        expected.forEach((key, c) -> {
            if (c.isAlert()) {
                expectedAlerts.put(key, c);
            }
        });
        assertThat(expectedAlerts.values())
                .as("the seeded run has alerts of every kind")
                .contains(ExpectedClassification.ERROR_LOG, ExpectedClassification.WARNING_LOG)
                .anyMatch(c -> c.category().equals("performance"));

        // Every generated record, alerts included, is in its own stream topic exactly once.
        Map<String, StreamSeq> byCoordinates = new HashMap<>();
        Map<StreamSeq, Integer> copies = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                TopicRecords.awaitAtLeast(connect.kafka(), expected.size(), TIMEOUT_MS, streamTopics)) {
            JsonNode value = JSON.readTree(record.value()).get("payload");
            TelemetryStream stream = TelemetryStream.parse(value.get("stream").asText());
            StreamSeq key = new StreamSeq(stream, value.get("seq").asLong());
            assertThat(record.topic()).as("topic of %s", key).isEqualTo(streamTopic(source, stream));
            copies.merge(key, 1, Integer::sum);
            byCoordinates.put(record.topic() + "-" + record.partition() + "-" + record.offset(), key);
        }
        assertThat(copies.keySet()).as("records in the stream topics").isEqualTo(expected.keySet());
        copies.values().removeIf(n -> n == 1);
        assertThat(copies).as("records in their stream topic more than once").isEmpty();

        awaitLines(alertFile, expectedAlerts.size());
        // Everything the source will ever emit is in the topics and the sink has been handed all of it.
        TopicRecords.awaitGroupCaughtUp(connect.kafka(), sinkGroup, TIMEOUT_MS, streamTopics);
        Thread.sleep(2_000);
        List<String> lines = Files.readAllLines(alertFile, StandardCharsets.UTF_8);

        Set<StreamSeq> seen = new HashSet<>();
        Map<String, Long> lastOffsetPerPartition = new HashMap<>();
        for (String line : lines) {
            JsonNode alert = JSON.readTree(line);
            JsonNode value = alert.at("/record/value");
            StreamSeq key = new StreamSeq(
                    TelemetryStream.parse(value.get("stream").asText()),
                    value.get("seq").asLong());
            ExpectedClassification want = expectedAlerts.get(key);
            assertThat(want).as("alert %s is one the rules select", key).isNotNull();
            assertThat(seen.add(key)).as("alert %s delivered once", key).isTrue();
            String topic = alert.at("/record/topic").asText();
            int partition = alert.at("/record/partition").asInt();
            long offset = alert.at("/record/offset").asLong();
            String id = alert.get("id").asText();
            assertThat(id)
                    .as("the id names the record in its stream topic")
                    .isEqualTo(topic + "-" + partition + "-" + offset);
            assertThat(byCoordinates.get(id)).as("the record at %s", id).isEqualTo(key);
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

            Long previous = lastOffsetPerPartition.put(topic + "-" + partition, offset);
            assertThat(previous == null || previous < offset)
                    .as("in order within %s-%d", topic, partition)
                    .isTrue();
        }
        assertThat(seen).isEqualTo(expectedAlerts.keySet());

        String logs = source.get("topic.logs");
        produceMalformedRecords(logs);
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

    /**
     * Issue 10, finding 1: the shipped sink reads read_committed, so a record of an aborted transaction (a source
     * worker that crashed or was fenced mid-transaction) never becomes an alert; the committed one after it does.
     */
    @Test
    void aRecordOfAnAbortedTransactionNeverBecomesAnAlert() throws Exception {
        String topic = "aborted_logs";
        connect.kafka().createTopic(topic, 1);
        Path alertFile = dir.resolve("aborted.jsonl");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        assertThat(sink).containsEntry("consumer.override.isolation.level", "read_committed");
        sink.put("name", "alert-sink-aborted");
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        sink.put("topics", topic);
        sink.put("file.path", alertFile.toString());
        put(sink);

        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-source");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted", criticalLog("aborted write")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed", criticalLog("committed write")));
            producer.commitTransaction();
        }

        awaitLines(alertFile, 1);
        TopicRecords.awaitGroupCaughtUp(connect.kafka(), "connect-alert-sink-aborted", TIMEOUT_MS, topic);
        Thread.sleep(2_000);
        List<String> lines = Files.readAllLines(alertFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode alert = JSON.readTree(lines.get(0));
        assertThat(alert.at("/record/value/message").asText()).isEqualTo("committed write");
        // The aborted record took offset 0 and its abort marker offset 1: the committed record is at 2.
        assertThat(alert.get("id").asText()).isEqualTo(topic + "-0-2");
    }

    private static String criticalLog(String message) {
        return "{\"schema\":{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"stream\",\"type\":\"string\"},{\"field\":\"message\",\"type\":\"string\"},"
                + "{\"field\":\"severity\",\"type\":\"string\"},{\"field\":\"category\",\"type\":\"string\"}]},"
                + "\"payload\":{\"stream\":\"logs\",\"message\":\"" + message
                + "\",\"severity\":\"critical\",\"category\":\"alert\"}}";
    }

    private static String streamTopic(Map<String, String> source, TelemetryStream stream) {
        return switch (stream.topicKind()) {
            case METRICS -> source.get("topic.metrics");
            case LOGS -> source.get("topic.logs");
            case EVENTS -> source.get("topic.events");
        };
    }

    /** Written to a stream topic by another producer: not JSON, and a severity that names none. */
    private void produceMalformedRecords(String topic) {
        connect.kafka().produce(topic, "bad-json", "{this is not json");
        connect.kafka()
                .produce(
                        topic,
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
