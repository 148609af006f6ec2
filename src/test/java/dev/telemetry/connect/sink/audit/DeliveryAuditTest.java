package dev.telemetry.connect.sink.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.sender.DeliveryNotDurableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit of each delivery outcome: one line in a fixed format, and receipts keyed by the alert id, written as the
 * sink's own principal on the cluster of the operator's audit client file, or with the connector's producer overrides.
 */
class DeliveryAuditTest {

    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alert-sink-webhook\" password=\"sink-password\";";

    private final AlertFactory factory = new AlertFactory(
            new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> NOW);

    private static Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("destination", "webhook");
        props.put("webhook.url", "https://127.0.0.1:1/hook");
        props.put("audit.topic", "alert_audit");
        props.put("producer.override.bootstrap.servers", "127.0.0.1:9092");
        props.put("producer.override.sasl.mechanism", "SCRAM-SHA-512");
        props.put("producer.override.sasl.jaas.config", LOGIN);
        props.put("consumer.override.group.id", "not-for-the-producer");
        return props;
    }

    @Test
    void theProducerWritesDurably() {
        Map<String, Object> config = DeliveryAudit.durable(Map.of("bootstrap.servers", "127.0.0.1:9092"));

        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void eachOutcomeIsOneReceiptKeyedByTheAlertId() throws Exception {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, String> props = props();
        DeliveryAudit audit =
                DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.empty(), config -> producer);
        Alert delivered = factory.create(SinkRecords.log("alerts", 2, 41, "critical", "svc", "disk", 1L));
        Alert rejected = factory.create(SinkRecords.log("alerts", 2, 42, "critical", "svc", "bad", 1L));

        audit.record(delivered, DeliveryAudit.Result.DELIVERED, 2, 200, NOW, null);
        audit.record(rejected, DeliveryAudit.Result.REJECTED, 1, 400, NOW, "HTTP 400 from POST https://127.0.0.1:1");
        audit.flush();

        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("alert_audit"));
        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("alerts-2-41");
        JsonNode receipt = JSON.readTree(producer.history().get(0).value());
        assertThat(receipt.get("alert_id").asText()).isEqualTo("alerts-2-41");
        assertThat(receipt.get("destination").asText()).isEqualTo("webhook");
        assertThat(receipt.get("result").asText()).isEqualTo("delivered");
        assertThat(receipt.get("attempts").asInt()).isEqualTo(2);
        assertThat(receipt.get("status").asInt()).isEqualTo(200);
        assertThat(receipt.get("at").asText()).isEqualTo("2026-12-07T18:00:00Z");
        assertThat(receipt.get("records").get(0).asText()).isEqualTo("alerts-2@41");
        assertThat(receipt.has("reason")).isFalse();
        JsonNode refusal = JSON.readTree(producer.history().get(1).value());
        assertThat(refusal.get("result").asText()).isEqualTo("rejected");
        assertThat(refusal.get("reason").asText()).startsWith("HTTP 400");
        audit.close();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aReceiptThatCannotBeWrittenFailsTheFlushNamingTheTopic() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, String> props = props();
        DeliveryAudit audit =
                DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.empty(), config -> producer);
        audit.record(
                factory.create(SinkRecords.log("alerts", 0, 1, "critical", "svc", "disk", 1L)),
                DeliveryAudit.Result.DELIVERED,
                1,
                200,
                NOW,
                null);
        producer.errorNext(new IllegalStateException("not authorized to write alert_audit"));

        assertThatThrownBy(audit::flush)
                .isInstanceOf(DeliveryNotDurableException.class)
                .hasMessageContaining("audit.topic 'alert_audit'")
                .hasMessageContaining("not authorized");
    }

    @Test
    void withoutATopicThereIsNoProducer() throws Exception {
        Map<String, String> props = props();
        props.remove("audit.topic");
        DeliveryAudit audit = DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.empty(), config -> {
            throw new AssertionError("no producer without audit.topic");
        });
        audit.record(
                factory.create(SinkRecords.log("alerts", 0, 1, "critical", "svc", "disk", 1L)),
                DeliveryAudit.Result.FAILED,
                5,
                503,
                NOW,
                "HTTP 503");
        audit.flush();
        audit.close();
    }

    @Test
    void withTheOperatorsClientFileTheProducerTakesItsClusterAndTheSinksOwnLogin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(
                file, "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Map<String, String> props = props();
        props.put("producer.override.bootstrap.servers", "attacker.example:9092");
        List<Map<String, Object>> made = new ArrayList<>();
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

        DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.of(file), config -> {
                    made.add(config);
                    return producer;
                })
                .close();

        assertThat(made)
                .singleElement()
                .satisfies(config -> assertThat(config)
                        .containsEntry("bootstrap.servers", "localhost:9095")
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.jaas.config", LOGIN)
                        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    @Test
    void aProducerThatMayNotWriteTheTopicFailsTheStartNamingTheKeyAndThePrincipal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\n");
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.partitionsForException = new TopicAuthorizationException(Set.of("alert_audit"));
        Map<String, String> props = props();

        assertThatThrownBy(() ->
                        DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.of(file), config -> producer))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(
                        "audit.topic 'alert_audit' cannot be written by User:alert-sink-webhook (the login"
                                + " of this connector's producer.override.sasl.jaas.config), on the cluster of " + file
                                + " from telemetry.audit.client.config: Not authorized to access topics: [alert_audit]")
                .message()
                .doesNotContain("sink-password");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aProducerThatCannotBeMadeFailsTheStartNamingTheKeyAndThePrincipal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\n");
        Map<String, String> props = props();

        assertThatThrownBy(() -> DeliveryAudit.create(new AlertSinkConfig(props), props, Optional.of(file), config -> {
                    throw new KafkaException("Failed to construct kafka producer");
                }))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("audit.topic 'alert_audit' cannot be written by User:alert-sink-webhook")
                .hasMessageEndingWith(": Failed to construct kafka producer");
    }

    @Test
    void anUnusableClientFileFailsTheStartNamingTheKey(@TempDir Path dir) {
        Map<String, String> props = props();

        assertThatThrownBy(() -> DeliveryAudit.create(
                        new AlertSinkConfig(props), props, Optional.of(dir.resolve("missing.properties")), config -> {
                            throw new AssertionError("no producer without its settings");
                        }))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("audit.topic cannot be written: telemetry.audit.client.config")
                .hasMessageContaining("missing.properties");
    }

    @Test
    void eachOutcomeIsOneLineWithEveryFieldInItsPlace() {
        List<String> lines = new ArrayList<>();
        DeliveryAudit audit = new DeliveryAudit("webhook", null, null, lines::add);
        Alert alert = factory.create(SinkRecords.log("alerts", 1, 7, "critical", "svc", "disk", 1L));

        audit.record(alert, DeliveryAudit.Result.DELIVERED, 1, 200, NOW, null);
        audit.record(alert, DeliveryAudit.Result.DELIVERED, 3, 200, NOW, null);
        audit.record(alert, DeliveryAudit.Result.FAILED, 5, 503, NOW, "HTTP 503 from POST https://127.0.0.1:1");
        audit.record(alert, DeliveryAudit.Result.REJECTED, 1, 400, NOW, "HTTP 400: bad_alert");
        audit.record(alert, DeliveryAudit.Result.FAILED, 2, 0, NOW, "connection refused");

        assertThat(lines)
                .containsExactly(
                        "alert_delivery alert_id=alerts-1-7 destination=webhook result=delivered attempts=1"
                                + " status=200 at=2026-12-07T18:00:00Z",
                        "alert_delivery alert_id=alerts-1-7 destination=webhook result=delivered attempts=3"
                                + " status=200 at=2026-12-07T18:00:00Z",
                        "alert_delivery alert_id=alerts-1-7 destination=webhook result=failed attempts=5"
                                + " status=503 at=2026-12-07T18:00:00Z"
                                + " reason=\"HTTP 503 from POST https://127.0.0.1:1\"",
                        "alert_delivery alert_id=alerts-1-7 destination=webhook result=rejected attempts=1"
                                + " status=400 at=2026-12-07T18:00:00Z reason=\"HTTP 400: bad_alert\"",
                        "alert_delivery alert_id=alerts-1-7 destination=webhook result=failed attempts=2"
                                + " status=0 at=2026-12-07T18:00:00Z reason=\"connection refused\"");
    }

    @Test
    void aReasonCanNeitherEndTheLineNorForgeAField() {
        List<String> lines = new ArrayList<>();
        DeliveryAudit audit = new DeliveryAudit("webhook", null, null, lines::add);
        Alert alert = factory.create(SinkRecords.log("alerts", 0, 3, "critical", "svc", "disk", 1L));

        audit.record(
                alert,
                DeliveryAudit.Result.REJECTED,
                1,
                400,
                NOW,
                "bad\" result=delivered\nalert_delivery alert_id=forged \\ done\r");

        assertThat(lines)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .doesNotContain("\n")
                        .doesNotContain("\r")
                        .endsWith(
                                " reason=\"bad\\\" result=delivered\\nalert_delivery alert_id=forged \\\\ done\\r\""));
    }
}
