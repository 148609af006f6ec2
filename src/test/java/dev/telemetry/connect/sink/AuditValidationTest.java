package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit.topic} is refused at validation, on its key, when no producer could write it: with the worker's audit
 * client file, on a SASL cluster, when neither the connector nor the file has a login; without it (unset in the test
 * JVM unless a test sets it), when the connector's producer overrides do not say where the cluster is.
 */
class AuditValidationTest {

    private static final String LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alert-sink-file\" password=\"sink-password-0123456789\";";

    private static Map<String, List<String>> errors(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "file", "file.path", "/tmp/audited.jsonl"));
        props.putAll(overrides);
        return ValidationErrors.of(new AlertSinkConnector().validate(props));
    }

    @Test
    void anAuditTopicWithoutTheOperatorsFileOrABootstrapOverrideIsRefusedOnItsKey() {
        assertThat(errors(Map.of("audit.topic", "alert_audit")).get("audit.topic"))
                .singleElement()
                .asString()
                .contains("audit.topic needs the worker's telemetry.audit.client.config")
                .contains("producer.override.bootstrap.servers");
    }

    @Test
    void anAuditTopicWithABootstrapOverrideOrNoAuditTopicIsAccepted() {
        assertThat(errors(
                        Map.of("audit.topic", "alert_audit", "producer.override.bootstrap.servers", "127.0.0.1:9092")))
                .doesNotContainKey("audit.topic");
        assertThat(errors(Map.of())).doesNotContainKey("audit.topic");
    }

    @Test
    void withTheOperatorsSaslClusterTheSinksOwnLoginIsAcceptedAndNoLoginAtAllIsRefused(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\n");
        try (OperatorSettings worker = OperatorSettings.set("telemetry.audit.client.config", file.toString())) {
            assertThat(errors(Map.of("audit.topic", "alert_audit", "producer.override.sasl.jaas.config", LOGIN)))
                    .doesNotContainKey("audit.topic");
            assertThat(errors(Map.of("audit.topic", "alert_audit")).get("audit.topic"))
                    .singleElement()
                    .asString()
                    .contains("audit.topic needs a login for its receipts: this connector's"
                            + " producer.override.sasl.jaas.config")
                    .contains(file.toString());
            assertThat(errors(Map.of(
                            "audit.topic",
                            "alert_audit",
                            "producer.override.sasl.jaas.config",
                            "not a login password=\"sink-password-0123456789\"")))
                    .extractingByKey("audit.topic")
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("is not a JAAS login Kafka can use")
                    .doesNotContain("sink-password-0123456789");
        }
    }
}
