package dev.telemetry.connect.sink.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's audit client file, named only on the worker and refused with the setting named, never its values; and
 * the audit producer's settings: the file's cluster with the sink's own login.
 */
class AuditClientConfigTest {

    private static final String PASSWORD = "the-audit-password-0123456789";

    @Test
    void theWorkersSettingNamesTheFileAndUnsetOrBlankNamesNone() {
        assertThat(AuditClientConfig.of(Map.of("telemetry.audit.client.config", " /etc/kafka/audit.properties ")::get))
                .contains(Path.of("/etc/kafka/audit.properties"));
        assertThat(AuditClientConfig.of(Map.of("telemetry.audit.client.config", " ")::get))
                .isEmpty();
        assertThat(AuditClientConfig.of(Map.<String, String>of()::get)).isEqualTo(Optional.empty());
    }

    @Test
    void theFilesSettingsAreTheClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(
                file,
                "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\nsasl.jaas.config=x password=\""
                        + PASSWORD + "\";\n");

        assertThat(AuditClientConfig.load(file))
                .containsEntry("bootstrap.servers", "localhost:9095")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKey("sasl.jaas.config");
    }

    @Test
    void aFileWithoutBootstrapServersIsRefusedWithoutShowingItsValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(file, "sasl.jaas.config=x password=\"" + PASSWORD + "\";\n");

        assertThatThrownBy(() -> AuditClientConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telemetry.audit.client.config (-Dtelemetry.audit.client.config or"
                        + " TELEMETRY_AUDIT_CLIENT_CONFIG on the worker)")
                .hasMessageContaining("has no bootstrap.servers")
                .message()
                .doesNotContain(PASSWORD);
    }

    @Test
    void aRelativeMissingOrDirectoryPathIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> AuditClientConfig.load(Path.of("audit.properties")))
                .hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> AuditClientConfig.load(dir.resolve("missing.properties")))
                .hasMessageContaining("missing.properties, which is not a regular file the worker can read");
        assertThatThrownBy(() -> AuditClientConfig.load(dir)).hasMessageContaining("not a regular file");
    }

    private static final String SINK_PASSWORD = "the-sink-password-9876543210";
    private static final String SINK_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alert-sink-webhook\" password=\"" + SINK_PASSWORD + "\";";

    private static Path file(Path dir, String text) throws Exception {
        Path file = dir.resolve("audit-client.properties");
        Files.writeString(file, text);
        return file;
    }

    private static Map<String, String> sink(String login) {
        Map<String, String> props = new HashMap<>();
        props.put("audit.topic", "alert_audit");
        props.put("producer.override.bootstrap.servers", "attacker.example:9092");
        props.put("producer.override.security.protocol", "PLAINTEXT");
        props.put("producer.override.ssl.truststore.location", "/tmp/attacker.pem");
        if (login != null) {
            props.put("producer.override.sasl.jaas.config", login);
        }
        return props;
    }

    private static final String SASL_CLUSTER = "bootstrap.servers=localhost:9095\nsecurity.protocol=SASL_SSL\n"
            + "sasl.mechanism=SCRAM-SHA-512\nssl.truststore.type=PEM\nssl.truststore.location=/etc/kafka/ca.pem\n";

    @Test
    void theSinksOwnLoginOnTheOperatorsClusterAndNoneOfTheConnectorsOtherOverrides(@TempDir Path dir) throws Exception {
        Path file = file(dir, SASL_CLUSTER);

        AuditClientConfig.AuditClient client = AuditClientConfig.resolve(Optional.of(file), sink(SINK_LOGIN));

        assertThat(client.settings())
                .containsOnly(
                        Map.entry("bootstrap.servers", "localhost:9095"),
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                        Map.entry("ssl.truststore.type", "PEM"),
                        Map.entry("ssl.truststore.location", "/etc/kafka/ca.pem"),
                        Map.entry("sasl.jaas.config", SINK_LOGIN));
        assertThat(client.principal())
                .isEqualTo("User:alert-sink-webhook (the login of this connector's producer.override.sasl.jaas.config)"
                        + ", on the cluster of " + file + " from telemetry.audit.client.config")
                .doesNotContain(SINK_PASSWORD);
    }

    @Test
    void theSinksOwnLoginReplacesTheFilesLogin(@TempDir Path dir) throws Exception {
        Path file = file(
                dir,
                SASL_CLUSTER + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"audit\" password=\"" + PASSWORD + "\";\n");

        AuditClientConfig.AuditClient client = AuditClientConfig.resolve(Optional.of(file), sink(SINK_LOGIN));

        assertThat(client.settings()).containsEntry("sasl.jaas.config", SINK_LOGIN);
        assertThat(client.principal()).startsWith("User:alert-sink-webhook ");
    }

    @Test
    void withoutTheSinksLoginTheFilesOwnLogin(@TempDir Path dir) throws Exception {
        Path file = file(
                dir,
                SASL_CLUSTER + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"audit\" password=\"" + PASSWORD + "\";\n");

        AuditClientConfig.AuditClient client = AuditClientConfig.resolve(Optional.of(file), sink(null));

        assertThat(client.settings().get("sasl.jaas.config").toString()).contains("username=\"audit\"");
        assertThat(client.principal())
                .isEqualTo("User:audit (the login of " + file + "), on the cluster of " + file
                        + " from telemetry.audit.client.config")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aSaslClusterWithoutTheSinksLoginOrTheFilesIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Path file = file(dir, SASL_CLUSTER);

        assertThatThrownBy(() -> AuditClientConfig.resolve(Optional.of(file), sink(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("audit.topic needs a login for its receipts: this connector's"
                        + " producer.override.sasl.jaas.config (the sink's own principal")
                .hasMessageContaining("or a sasl.jaas.config in " + file)
                .hasMessageContaining("whose security.protocol is SASL_SSL");
    }

    @Test
    void withoutSaslTheConnectionsOwnPrincipalAndNoLoginOfTheConnector(@TempDir Path dir) throws Exception {
        Path file = file(dir, "bootstrap.servers=localhost:9093\nsecurity.protocol=SSL\n");

        AuditClientConfig.AuditClient client = AuditClientConfig.resolve(Optional.of(file), sink(SINK_LOGIN));

        assertThat(client.settings()).doesNotContainKey("sasl.jaas.config");
        assertThat(client.principal()).startsWith("the principal of the SSL connection, on the cluster of " + file);
    }

    @Test
    void aLoginThatIsNotJaasIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path file = file(dir, SASL_CLUSTER);

        assertThatThrownBy(() -> AuditClientConfig.resolve(
                        Optional.of(file), sink("username=\"alert-sink-webhook\" password=\"" + SINK_PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("audit.topic cannot be written: the login of this connector's"
                        + " producer.override.sasl.jaas.config is not a JAAS login Kafka can use")
                .message()
                .doesNotContain(SINK_PASSWORD);
    }

    @Test
    void anUnusableFileIsRefusedOnTheAuditTopic(@TempDir Path dir) {
        assertThatThrownBy(() ->
                        AuditClientConfig.resolve(Optional.of(dir.resolve("missing.properties")), sink(SINK_LOGIN)))
                .hasMessageStartingWith("audit.topic cannot be written: telemetry.audit.client.config")
                .hasMessageContaining("missing.properties");
    }

    @Test
    void withoutTheFileTheConnectorsProducerOverridesWhichMustNameTheCluster() {
        Map<String, String> props = sink(SINK_LOGIN);
        props.put("producer.override.bootstrap.servers", "broker-1:9093");
        props.put("consumer.override.group.id", "not-for-the-producer");

        AuditClientConfig.AuditClient client = AuditClientConfig.resolve(Optional.empty(), props);

        assertThat(client.settings())
                .containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("sasl.jaas.config", SINK_LOGIN)
                .doesNotContainKey("group.id");
        assertThat(client.principal())
                .isEqualTo(
                        "User:alert-sink-webhook (the login of this connector's producer.override.sasl.jaas.config)");
        props.remove("producer.override.bootstrap.servers");
        assertThatThrownBy(() -> AuditClientConfig.resolve(Optional.empty(), props))
                .hasMessageStartingWith("audit.topic needs the worker's telemetry.audit.client.config")
                .hasMessageContaining("or this connector's producer.override.bootstrap.servers");
    }
}
