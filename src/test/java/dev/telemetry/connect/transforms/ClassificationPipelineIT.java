package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.TelemetryGenerator;
import dev.telemetry.connect.testkit.CapturingSinkConnector;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ExpectedClassification;
import dev.telemetry.connect.testkit.ExpectedClassification.StreamSeq;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import dev.telemetry.connect.transforms.predicates.SeverityAtLeast;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The classify and stamp chain of {@code config/telemetry-source.properties}, loaded from that file, in a real
 * distributed worker (exactly-once source) against a real KRaft broker. The seeded generator makes the output
 * computable: the expected classification of every record is worked out in plain Java ({@link ExpectedClassification}),
 * independently of the CEL rules, and every record, alerts included, must be in its own stream topic exactly once with
 * that classification. The alert sinks' Filter ({@code config/alert-sink-file.properties}) must then let exactly the
 * alerts through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationPipelineIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    /**
     * Records per stream. Anomalies come in bursts of 20 records; under the shipped seed the database stream's first
     * slow-query surge is at seq 960, so 1,000 per stream exercises every rule (the guard below checks it).
     */
    private static final int PER_STREAM = 1_000;

    private static final int TOTAL = PER_STREAM * TelemetryStream.values().length;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedConnectCluster connect;
    private RestClient rest;
    private Map<String, String> shipped;
    private TelemetryGenerator generator;
    /** What the rule set must decide for every (stream, seq) the connectors emit. */
    private Map<StreamSeq, ExpectedClassification> expected;

    @BeforeAll
    void acquireClusterAndComputeExpectations() throws Exception {
        shipped = ConfigFiles.load("telemetry-source.properties");
        long seed = Long.parseLong(shipped.get("generator.seed"));
        double anomalyRate = Double.parseDouble(shipped.get("anomaly.rate"));
        generator = new TelemetryGenerator(seed, anomalyRate);
        expected = ExpectedClassification.ofRun(seed, anomalyRate, PER_STREAM);
        assertTheSeedExercisesEveryRule();
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void releaseCluster() {
        SharedConnectCluster.release();
    }

    /** Guards the test itself: with fewer than a handful of records per rule it would prove little. */
    private void assertTheSeedExercisesEveryRule() {
        Map<ExpectedClassification, Long> counts =
                expected.values().stream().collect(Collectors.groupingBy(e -> e, TreeMap::new, Collectors.counting()));
        assertThat(counts)
                .as("records per expected classification: %s", counts)
                .containsKeys(ExpectedClassification.values());
        counts.values().forEach(n -> assertThat(n).isGreaterThanOrEqualTo(3));
    }

    @Test
    void shippedChainKeepsEveryRecordInItsStreamClassifiedAndStampedWithSchemas() throws Exception {
        String prefix = "shipped.";
        Map<String, String> config = shippedWithTestOverrides("shipped-chain", prefix, true);

        createConnector("shipped-chain", config);

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicRecords.awaitAtLeast(connect.kafka(), TOTAL, TIMEOUT_MS, topics(prefix));
        long readAt = System.currentTimeMillis();
        JsonConverter converter = jsonConverter(true);
        List<Observed> observed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SchemaAndValue data = converter.toConnectData(record.topic(), record.value());
            Struct value = (Struct) data.value();
            TelemetryStream stream = TelemetryStream.parse(value.getString(TelemetrySchemas.STREAM));
            long seq = value.getInt64(TelemetrySchemas.SEQ);
            long eventTime = ((Date) value.get(TelemetrySchemas.TIMESTAMP)).getTime();
            assertThat(eventTime).as("event time field = record timestamp").isEqualTo(record.timestamp());

            // The source's fields arrive unchanged, under the source's schema name, followed by the added fields.
            Struct original = generator.generate(stream, seq, eventTime).value();
            assertThat(data.schema().name()).isEqualTo(original.schema().name());
            for (Field field : original.schema().fields()) {
                assertThat(value.get(field.name()))
                        .as("%s of %s #%d", field.name(), stream, seq)
                        .isEqualTo(original.get(field));
            }
            assertThat(data.schema().fields().stream()
                            .skip(original.schema().fields().size())
                            .map(Field::name))
                    .containsExactly("severity", "category", "processed_at", "latency_ms");
            assertThat(data.schema().field("processed_at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);

            observed.add(new Observed(
                    record.topic(),
                    new StreamSeq(stream, seq),
                    value.getString("severity"),
                    value.getString("category"),
                    eventTime,
                    ((Date) value.get("processed_at")).getTime(),
                    value.getInt64("latency_ms")));
        }
        assertExactlyTheExpectedRouting(observed, prefix, readAt);
    }

    @Test
    void headerVariantsClassifyAndStampSchemalessJsonWithoutTouchingTheValue() throws Exception {
        String prefix = "headers.";
        Map<String, String> config = shippedWithTestOverrides("header-chain", prefix, false);
        // The same rules, written to headers; the time is an ISO-8601 string.
        config.put("transforms.classify.type", ClassifyEvent.Header.class.getName());
        config.put("transforms.stamp.type", InsertProcessedTimestamp.Header.class.getName());
        config.put("transforms.stamp.format", "iso8601");

        createConnector("header-chain", config);

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicRecords.awaitAtLeast(connect.kafka(), TOTAL, TIMEOUT_MS, topics(prefix));
        long readAt = System.currentTimeMillis();
        JsonConverter converter = jsonConverter(false);
        List<Observed> observed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value());
            TelemetryStream stream =
                    TelemetryStream.parse(value.get(TelemetrySchemas.STREAM).asText());
            long seq = value.get(TelemetrySchemas.SEQ).asLong();
            long eventTime = value.get(TelemetrySchemas.TIMESTAMP).asLong();
            Struct original = generator.generate(stream, seq, eventTime).value();
            assertThat(value)
                    .as("value of %s #%d is the source's, untouched", stream, seq)
                    .isEqualTo(JSON.readTree(converter.fromConnectData(record.topic(), original.schema(), original)));

            observed.add(new Observed(
                    record.topic(),
                    new StreamSeq(stream, seq),
                    header(record, "severity"),
                    header(record, "category"),
                    eventTime,
                    Instant.parse(header(record, "processed_at")).toEpochMilli(),
                    Long.parseLong(header(record, "latency_ms"))));
        }
        assertExactlyTheExpectedRouting(observed, prefix, readAt);
    }

    /**
     * Sink side: JsonConverter without schemas hands the transforms schemaless Maps. ClassifyEvent$Value and
     * InsertProcessedTimestamp$Value (epoch millis) add entries to them, and the shipped alert sinks' Filter with the
     * negated SeverityAtLeast predicate drops everything below warning, so the sink receives exactly the alerts.
     */
    @Test
    void valueVariantsOnSchemalessMapsInASinkLetExactlyTheAlertsThrough() throws Exception {
        String prefix = "maps.";
        Map<String, String> source = shippedWithTestOverrides("maps-source", prefix, false);
        source.keySet().removeIf(key -> key.startsWith("transforms.") || key.startsWith("predicates."));
        source.put("transforms", "");
        source.put("predicates", "");
        createConnector("maps-source", source);
        String[] rawTopics = {prefix + "raw_data", prefix + "application_logs", prefix + "user_events"};
        TopicRecords.awaitAtLeast(connect.kafka(), TOTAL, TIMEOUT_MS, rawTopics);

        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", CapturingSinkConnector.class.getName());
        sink.put(CapturingSinkConnector.CAPTURE_ID_CONFIG, "maps");
        sink.put("tasks.max", "1");
        sink.put("topics", String.join(",", rawTopics));
        sink.put("key.converter", StringConverter.class.getName());
        sink.put("value.converter", JsonConverter.class.getName());
        sink.put("value.converter.schemas.enable", "false");
        sink.put("consumer.override.isolation.level", "read_committed");
        sink.put("transforms", "classify,stamp,onlyAlerts");
        shipped.forEach((key, value) -> {
            if (key.startsWith("transforms.classify.")) {
                sink.put(key, value);
            }
        });
        Map<String, String> shippedSink = ConfigFiles.load("alert-sink-file.properties");
        assertThat(shippedSink.get("transforms")).isEqualTo("onlyAlerts");
        shippedSink.forEach((key, value) -> {
            if (key.startsWith("transforms.onlyAlerts.") || key.startsWith("predicates")) {
                sink.put(key, value);
            }
        });
        sink.put("transforms.stamp.type", InsertProcessedTimestamp.Value.class.getName());
        sink.put("transforms.stamp.format", "epoch_millis");
        sink.put("transforms.stamp.latency.field", "latency_ms");
        sink.put("transforms.stamp.event.time.field", "timestamp");
        assertThat(sink.get("transforms.onlyAlerts.type")).isEqualTo(Filter.class.getName());
        assertThat(sink.get("transforms.onlyAlerts.negate")).isEqualTo("true");
        assertThat(sink.get("transforms.classify.type")).isEqualTo(ClassifyEvent.Value.class.getName());
        assertThat(sink.get("predicates.isAlert.severity.field")).isEqualTo("severity");

        createConnector("maps-sink", sink);
        TopicRecords.awaitGroupCaughtUp(connect.kafka(), "connect-maps-sink", TIMEOUT_MS, rawTopics);
        long readAt = System.currentTimeMillis();

        JsonConverter converter = jsonConverter(false);
        List<StreamSeq> received = new ArrayList<>();
        for (SinkRecord record : CapturingSinkConnector.captured("maps")) {
            assertThat(record.valueSchema()).isNull();
            assertThat(record.value()).isInstanceOf(Map.class);
            Map<?, ?> value = (Map<?, ?>) record.value();
            TelemetryStream stream = TelemetryStream.parse((String) value.get(TelemetrySchemas.STREAM));
            long seq = (Long) value.get(TelemetrySchemas.SEQ);
            long eventTime = (Long) value.get(TelemetrySchemas.TIMESTAMP);
            StreamSeq key = new StreamSeq(stream, seq);
            received.add(key);

            Struct original = generator.generate(stream, seq, eventTime).value();
            Map<?, ?> originalMap = (Map<?, ?>) converter
                    .toConnectData(
                            record.topic(), converter.fromConnectData(record.topic(), original.schema(), original))
                    .value();
            Map<Object, Object> sourceFields = new HashMap<>(value);
            sourceFields.keySet().retainAll(originalMap.keySet());
            assertThat(sourceFields).as("source fields of %s", key).isEqualTo(originalMap);
            assertThat(new HashMap<Object, Object>(value))
                    .containsKeys("severity", "category", "processed_at", "latency_ms");

            ExpectedClassification want = expected.get(key);
            assertThat(value.get("severity")).as("severity of %s", key).isEqualTo(want.severity());
            assertThat(value.get("category")).as("category of %s", key).isEqualTo(want.category());
            assertStamp(key, eventTime, (Long) value.get("processed_at"), (Long) value.get("latency_ms"), readAt);
        }
        assertNoDuplicates(received, "records the sink received");
        assertThat(new HashSet<>(received)).isEqualTo(expectedAlerts());
    }

    @Test
    void pluginsAreDiscoveredByServiceLoader() {
        RestClient.Response response = rest.get("connector-plugins?connectorsOnly=false");
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> plugins = new HashMap<>();
        response.json().forEach(plugin -> plugins.put(plugin.get("class").asText(), plugin));

        Map<String, String> ours = Map.of(
                ClassifyEvent.Value.class.getName(), "transformation",
                ClassifyEvent.Header.class.getName(), "transformation",
                InsertProcessedTimestamp.Value.class.getName(), "transformation",
                InsertProcessedTimestamp.Header.class.getName(), "transformation",
                SeverityAtLeast.class.getName(), "predicate");
        ours.forEach((className, type) -> {
            assertThat(plugins).as("plugins listed by the worker").containsKey(className);
            assertThat(plugins.get(className).get("type").asText()).isEqualTo(type);
            assertThat(plugins.get(className).get("version").asText()).isEqualTo(Version.get());
        });

        RestClient.Response classifyConfig =
                rest.get("connector-plugins/" + ClassifyEvent.Value.class.getName() + "/config");
        assertThat(classifyConfig.status()).as(classifyConfig.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        classifyConfig.json().forEach(key -> keys.add(key.get("name").asText()));
        assertThat(keys).contains("rules", "default.severity", "default.category", "severity.field", "category.field");
    }

    /**
     * A Transformation has no validation hook in Connect 4.3 and rule keys are dynamic, so the bundle's connectors
     * compile the rules of their own ClassifyEvent entries in validate() (issue 10, finding 14): the validate endpoint
     * names each bad key, and the worker refuses to create the connector instead of failing its task later.
     */
    @Test
    void badRulesAreRefusedAtValidationUnderTheirOwnKeys() {
        String name = "bad-rule";
        Map<String, String> config = shippedWithTestOverrides(name, "bad.", true);
        config.put("transforms.classify.rules.error_log.condition", "level ==");
        config.remove("transforms.classify.rules.warning_log.severity");
        config.put("transforms.classify.rules.slow_api.threshold", "2000");

        Map<String, List<String>> errors = rest.validationErrors("TelemetrySourceConnector", config);
        assertThat(errors)
                .containsOnlyKeys(
                        "transforms.classify.rules.error_log.condition",
                        "transforms.classify.rules.warning_log.severity",
                        "transforms.classify.rules.slow_api.threshold");
        assertThat(errors.get("transforms.classify.rules.error_log.condition"))
                .singleElement()
                .asString()
                .contains("rule 'error_log'")
                .containsPattern("line \\d+, column \\d+");

        RestClient.Response refused = rest.put("connectors/" + name + "/config", config);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("transforms.classify.rules.error_log.condition");
        assertThat(rest.get("connectors/" + name).status()).isEqualTo(404);
    }

    /**
     * The whole run: every emitted record, alerts included, is in its own stream topic exactly once, classified as the
     * rules say; nothing is moved out of a stream.
     */
    private void assertExactlyTheExpectedRouting(List<Observed> observed, String prefix, long readAt) {
        assertThat(observed).hasSize(TOTAL);
        List<StreamSeq> seen = new ArrayList<>();
        for (Observed record : observed) {
            ExpectedClassification want = expected.get(record.key);
            assertThat(want).as("%s was emitted", record.key).isNotNull();
            String streamTopic = prefix
                    + switch (record.key.stream().topicKind()) {
                        case METRICS -> "raw_data";
                        case LOGS -> "application_logs";
                        case EVENTS -> "user_events";
                    };
            assertThat(record.topic).as("topic of %s", record.key).isEqualTo(streamTopic);
            seen.add(record.key);
            assertThat(record.severity).as("severity of %s", record.key).isEqualTo(want.severity());
            assertThat(record.category).as("category of %s", record.key).isEqualTo(want.category());
            assertStamp(record.key, record.eventTimeMs, record.processedAtMs, record.latencyMs, readAt);
        }
        assertNoDuplicates(seen, "the stream topics");
        assertThat(new HashSet<>(seen)).as("stream topics").isEqualTo(expected.keySet());
        assertThat(seen).as("alerts among them").containsAll(expectedAlerts());
    }

    private static void assertStamp(StreamSeq key, long eventTime, long processedAt, Long latency, long readAt) {
        assertThat(processedAt)
                .as("processed_at of %s not before its event time", key)
                .isGreaterThanOrEqualTo(eventTime)
                .isLessThanOrEqualTo(readAt);
        assertThat(latency)
                .as("latency_ms of %s", key)
                .isNotNull()
                .isNotNegative()
                .isEqualTo(processedAt - eventTime);
    }

    private static void assertNoDuplicates(List<StreamSeq> keys, String where) {
        Map<StreamSeq, Long> twice = keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        twice.values().removeIf(n -> n == 1);
        assertThat(twice).as("records in %s more than once", where).isEmpty();
    }

    private Set<StreamSeq> expectedAlerts() {
        return expected.entrySet().stream()
                .filter(e -> e.getValue().isAlert())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /**
     * The shipped file, unchanged but for what this test environment needs: its own topic names, a bounded run at
     * full speed, replication factor 1 on a one-broker cluster, and the converters.
     */
    private Map<String, String> shippedWithTestOverrides(String name, String prefix, boolean schemasEnabled) {
        Map<String, String> config = new HashMap<>(shipped);
        config.put("name", name);
        config.put("topic.metrics", prefix + "raw_data");
        config.put("topic.logs", prefix + "application_logs");
        config.put("topic.events", prefix + "user_events");
        config.put("max.records", String.valueOf(PER_STREAM));
        config.put("rate.per.second", "0");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("key.converter", StringConverter.class.getName());
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", String.valueOf(schemasEnabled));
        return config;
    }

    private static String[] topics(String prefix) {
        return new String[] {prefix + "raw_data", prefix + "application_logs", prefix + "user_events"};
    }

    private void createConnector(String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static JsonConverter jsonConverter(boolean schemasEnabled) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", String.valueOf(schemasEnabled)), false);
        return converter;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header last = record.headers().lastHeader(name);
        assertThat(last).as("header %s", name).isNotNull();
        return new String(last.value(), StandardCharsets.UTF_8);
    }

    /** A record as the test read it back: where it landed and what the chain wrote. */
    private record Observed(
            String topic,
            StreamSeq key,
            String severity,
            String category,
            long eventTimeMs,
            long processedAtMs,
            Long latencyMs) {}
}
