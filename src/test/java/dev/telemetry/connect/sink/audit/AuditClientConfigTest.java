package dev.telemetry.connect.sink.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's audit client file: named only on the worker, refused with the setting named, never its values. */
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
}
