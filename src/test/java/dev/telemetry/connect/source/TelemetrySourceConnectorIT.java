package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.GeneratedRecord;
import dev.telemetry.connect.source.generator.TelemetryGenerator;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source connector in a real distributed worker with exactly-once source support, against a real KRaft broker:
 * created over REST, read back with a plain consumer and with kcat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetrySourceConnectorIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @ParameterizedTest(name = "schemas.enable={0}")
    @ValueSource(booleans = {true, false})
    void emitsEveryStreamAsJsonWithContiguousSequenceNumbers(boolean schemasEnabled) throws Exception {
        String prefix = "json" + schemasEnabled + ".";
        int perStream = 150;
        Map<String, String> config = connectorConfig(prefix, schemasEnabled);
        config.put("max.records", String.valueOf(perStream));
        config.put("generator.seed", "7");
        config.put("tasks.max", "3");

        createConnector("telemetry-json-" + schemasEnabled, config);

        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.awaitAtLeast(
                connect.kafka(),
                6 * perStream,
                TIMEOUT_MS,
                prefix + "raw_data",
                prefix + "application_logs",
                prefix + "user_events");
        JsonConverter converter = jsonConverter(schemasEnabled);
        TelemetryGenerator generator = new TelemetryGenerator(7, 0.02);
        Map<String, List<Long>> seqs = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value());
            JsonNode payload = schemasEnabled ? value.get("payload") : value;
            TelemetryStream stream =
                    TelemetryStream.parse(payload.get(TelemetrySchemas.STREAM).asText());
            long seq = payload.get(TelemetrySchemas.SEQ).asLong();
            seqs.computeIfAbsent(stream.wireName(), s -> new ArrayList<>()).add(seq);

            assertThat(record.topic())
                    .isEqualTo(prefix
                            + switch (stream.topicKind()) {
                                case METRICS -> "raw_data";
                                case LOGS -> "application_logs";
                                case EVENTS -> "user_events";
                            });
            GeneratedRecord expected = generator.generate(stream, seq, record.timestamp());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(expected.key());
            JsonNode expectedValue = JSON.readTree(
                    converter.fromConnectData(record.topic(), expected.value().schema(), expected.value()));
            assertThat(value).as("value of %s #%d", stream, seq).isEqualTo(expectedValue);
            if (schemasEnabled) {
                assertThat(value.at("/schema/name").asText())
                        .isEqualTo(stream.valueSchema().name());
            }
        }
        assertEachStreamIsExactly(seqs, perStream);
    }

    @Test
    void stoppingRestartingAndRecreatingLeavesNoGapAndNoDuplicate() throws Exception {
        String prefix = "restart.";
        String name = "telemetry-restart";
        int perStream = 400;
        Map<String, String> config = connectorConfig(prefix, false);
        config.put("max.records", String.valueOf(perStream));
        config.put("rate.per.second", "600");
        config.put("max.batch.size", "20");
        config.put("tasks.max", "2");
        String[] topics = {prefix + "raw_data", prefix + "application_logs", prefix + "user_events"};

        createConnector(name, config);
        connect.kafka().consume(300, TIMEOUT_MS, TopicRecords.READ_COMMITTED, topics);
        assertThat(rest.put("connectors/" + name + "/stop", "").status()).isIn(202, 204);
        connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        assertThat(rest.put("connectors/" + name + "/resume", "").status()).isIn(202, 204);

        connect.kafka().consume(1_000, TIMEOUT_MS, TopicRecords.READ_COMMITTED, topics);
        assertThat(rest.post("connectors/" + name + "/restart?includeTasks=true", "")
                        .status())
                .isIn(200, 202);

        connect.kafka().consume(1_500, TIMEOUT_MS, TopicRecords.READ_COMMITTED, topics);
        assertThat(rest.delete("connectors/" + name).status()).isEqualTo(204);
        connect.assertions().assertConnectorDoesNotExist(name, "connector was not deleted");
        // Offsets outlive the connector: recreated under the same name, it resumes where it stopped.
        createConnector(name, config);

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicRecords.awaitAtLeast(connect.kafka(), 6 * perStream, TIMEOUT_MS, topics);
        Map<String, List<Long>> seqs = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value());
            seqs.computeIfAbsent(value.get("stream").asText(), s -> new ArrayList<>())
                    .add(value.get("seq").asLong());
        }
        assertEachStreamIsExactly(seqs, perStream);
    }

    @Test
    void offsetsApiOnAStoppedConnectorRefusesBadOffsetsAltersAndResets() throws Exception {
        String prefix = "offsets.";
        String name = "telemetry-offsets";
        int perStream = 50;
        Map<String, String> config = connectorConfig(prefix, false);
        config.put("streams", "logs,events");
        config.put("max.records", String.valueOf(perStream));
        config.put("generator.seed", "11");
        String[] topics = {prefix + "application_logs", prefix + "user_events"};
        String offsetsPath = "connectors/" + name + "/offsets";

        createConnector(name, config);
        TopicRecords.awaitAtLeast(connect.kafka(), 2 * perStream, TIMEOUT_MS, topics);
        awaitOffsets(offsetsPath, Map.of("logs", "{\"seq\":49,\"seed\":11}", "events", "{\"seq\":49,\"seed\":11}"));

        assertThat(rest.put("connectors/" + name + "/stop", "").status()).isIn(202, 204);
        connect.assertions().assertConnectorIsStopped(name, "connector did not stop");

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"seq\":\"x\"}", "'seq' must be a whole number");
        refused.put("{\"seq\":-5}", "'seq' must be between 0 and 49");
        refused.put("{\"seq\":" + Long.MAX_VALUE + "}", "but is " + Long.MAX_VALUE);
        refused.put("{\"seq\":3,\"seed\":12}", "the connector's generator.seed is 11");
        // A refusal is the caller's mistake: 400, with the connector's message.
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            RestClient.Response response = rest.patch(
                    offsetsPath,
                    "{\"offsets\":[{\"partition\":{\"stream\":\"logs\"},\"offset\":" + bad.getKey() + "}]}");
            assertThat(response.status())
                    .as(bad.getKey() + " -> " + response.body())
                    .isEqualTo(400);
            assertThat(response.json().get("message").asText())
                    .as(bad.getKey())
                    .contains("stream 'logs'")
                    .contains(bad.getValue());
        }
        RestClient.Response unknownStream = rest.patch(
                offsetsPath, "{\"offsets\":[{\"partition\":{\"stream\":\"clicks\"},\"offset\":{\"seq\":1}}]}");
        assertThat(unknownStream.status()).isEqualTo(400);
        assertThat(unknownStream.json().get("message").asText()).contains("names no stream");
        // Nothing refused was stored.
        awaitOffsets(offsetsPath, Map.of("logs", "{\"seq\":49,\"seed\":11}", "events", "{\"seq\":49,\"seed\":11}"));

        // Reset logs (null offset); move events back to after seq 19 in the previous release's shape (no seed).
        RestClient.Response altered = rest.patch(
                offsetsPath,
                "{\"offsets\":["
                        + "{\"partition\":{\"stream\":\"logs\"},\"offset\":null},"
                        + "{\"partition\":{\"stream\":\"events\"},\"offset\":{\"seq\":19}}]}");
        assertThat(altered.status()).as(altered.body()).isEqualTo(200);
        // Connect's answer when alterOffsets returns true (its default answer says the connector was not consulted).
        assertThat(altered.json().get("message").asText())
                .isEqualTo("The offsets for this connector have been altered successfully");
        awaitOffsets(offsetsPath, Map.of("events", "{\"seq\":19}"));

        assertThat(rest.put("connectors/" + name + "/resume", "").status()).isIn(202, 204);
        // logs replays 0..49 again; events continues at 20 under seed 11 and records the seed again.
        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.awaitAtLeast(
                connect.kafka(), 2 * perStream + perStream + (perStream - 20), TIMEOUT_MS, topics);
        Map<String, List<Long>> seqs = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value());
            seqs.computeIfAbsent(value.get("stream").asText(), s -> new ArrayList<>())
                    .add(value.get("seq").asLong());
        }
        List<Long> twice = LongStream.range(0, perStream)
                .flatMap(seq -> LongStream.of(seq, seq))
                .boxed()
                .toList();
        assertThat(seqs.get("logs").stream().sorted().toList())
                .as("logs replayed from 0")
                .isEqualTo(twice);
        List<Long> eventsExpected = LongStream.range(0, perStream)
                .flatMap(seq -> seq < 20 ? LongStream.of(seq) : LongStream.of(seq, seq))
                .boxed()
                .toList();
        assertThat(seqs.get("events").stream().sorted().toList())
                .as("events resumed after 19")
                .isEqualTo(eventsExpected);
        awaitOffsets(offsetsPath, Map.of("logs", "{\"seq\":49,\"seed\":11}", "events", "{\"seq\":49,\"seed\":11}"));
    }

    /** Polls GET .../offsets until it lists exactly these offsets (JSON) by stream. */
    private void awaitOffsets(String offsetsPath, Map<String, String> expected) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Map<String, JsonNode> wanted = new HashMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            wanted.put(e.getKey(), JSON.readTree(e.getValue()));
        }
        Map<String, JsonNode> actual = Map.of();
        while (System.currentTimeMillis() < deadline) {
            RestClient.Response response = rest.get(offsetsPath);
            if (response.status() == 200) {
                actual = new HashMap<>();
                for (JsonNode entry : response.json().get("offsets")) {
                    actual.put(entry.at("/partition/stream").asText(), entry.get("offset"));
                }
                if (actual.equals(wanted)) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        assertThat(actual).as("offsets at " + offsetsPath).isEqualTo(wanted);
    }

    @Test
    void validationNamesEveryBadKey() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", TelemetrySourceConnector.class.getName());
        config.put("name", "bad");
        config.put("streams", "web,clickstream");
        config.put("rate.per.second", "-5");
        config.put("anomaly.rate", "2");
        config.put("topic.metrics", "no spaces allowed");

        Map<String, List<String>> errors = rest.validationErrors("TelemetrySourceConnector", config);

        assertThat(errors).containsOnlyKeys("streams", "rate.per.second", "anomaly.rate", "topic.metrics");
        assertThat(errors.values()).allSatisfy(messages -> assertThat(messages).hasSize(1));
        assertThat(errors.get("streams").get(0)).contains("clickstream");
        assertThat(errors.get("rate.per.second").get(0)).contains("-5");
        assertThat(errors.get("topic.metrics").get(0)).contains("no spaces allowed");
    }

    @Test
    void kcatReadsTheSameKeysAndValues() throws Exception {
        Path kcat = Path.of("/usr/bin/kcat");
        assertThat(Files.isExecutable(kcat))
                .as("kcat is installed (apt-get install kcat; .ci/run does)")
                .isTrue();
        String prefix = "kcat.";
        int perStream = 40;
        Map<String, String> config = connectorConfig(prefix, false);
        config.put("streams", "logs,events");
        config.put("max.records", String.valueOf(perStream));
        createConnector("telemetry-kcat", config);
        TopicRecords.awaitAtLeast(
                connect.kafka(), 2 * perStream, TIMEOUT_MS, prefix + "application_logs", prefix + "user_events");

        List<String> lines = kcat(kcat, prefix + "application_logs");
        lines.addAll(kcat(kcat, prefix + "user_events"));

        assertThat(lines).hasSize(2 * perStream);
        Map<String, List<Long>> seqs = new TreeMap<>();
        for (String line : lines) {
            String[] keyAndValue = line.split("\t", 2);
            JsonNode value = JSON.readTree(keyAndValue[1]);
            String stream = value.get("stream").asText();
            String expectedKey = stream.equals("logs")
                    ? value.get("level").asText()
                    : value.get("user_id").asText();
            assertThat(keyAndValue[0]).isEqualTo(expectedKey);
            seqs.computeIfAbsent(stream, s -> new ArrayList<>())
                    .add(value.get("seq").asLong());
        }
        assertThat(seqs.keySet()).containsExactly("events", "logs");
        assertEachStreamIsExactly(seqs, perStream);
    }

    private List<String> kcat(Path kcat, String topic) throws Exception {
        Process process = new ProcessBuilder(
                        kcat.toString(),
                        "-C",
                        "-b",
                        connect.kafka().bootstrapServers(),
                        "-t",
                        topic,
                        "-o",
                        "beginning",
                        "-e",
                        "-q",
                        "-X",
                        "isolation.level=read_committed",
                        "-f",
                        "%k\\t%s\\n")
                .redirectErrorStream(false)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat did not finish reading " + topic);
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kcat exit code; stderr: %s", errors).isZero();
        return lines;
    }

    private void createConnector(String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static Map<String, String> connectorConfig(String topicPrefix, boolean schemasEnabled) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", TelemetrySourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("rate.per.second", "0");
        config.put("topic.metrics", topicPrefix + "raw_data");
        config.put("topic.logs", topicPrefix + "application_logs");
        config.put("topic.events", topicPrefix + "user_events");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", String.valueOf(schemasEnabled));
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        config.put("exactly.once.support", "required");
        return config;
    }

    private static JsonConverter jsonConverter(boolean schemasEnabled) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", String.valueOf(schemasEnabled)), false);
        return converter;
    }

    private static void assertEachStreamIsExactly(Map<String, List<Long>> seqs, int perStream) {
        List<Long> expected = LongStream.range(0, perStream).boxed().toList();
        seqs.forEach((stream, list) -> assertThat(list.stream().sorted().toList())
                .as("sequence numbers of stream %s: contiguous from 0, none twice", stream)
                .isEqualTo(expected));
    }
}
