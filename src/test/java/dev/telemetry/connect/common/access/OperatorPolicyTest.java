package dev.telemetry.connect.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorPolicyTest {

    @Test
    void readsEachListFromItsSetting() {
        OperatorPolicy policy = OperatorPolicy.of(Map.of(
                OperatorPolicy.READ_PATHS_PROPERTY, "/var/log/app, /srv/logs",
                OperatorPolicy.WRITE_PATHS_PROPERTY, "/var/lib/alerts",
                OperatorPolicy.NETWORKS_PROPERTY, "127.0.0.0/8,10.0.0.0/8")::get);
        assertThat(policy.readPaths().directories()).containsExactly(Path.of("/var/log/app"), Path.of("/srv/logs"));
        assertThat(policy.writePaths().directories()).containsExactly(Path.of("/var/lib/alerts"));
        assertThat(policy.networks().ranges()).hasToString("[127.0.0.0/8, 10.0.0.0/8]");
    }

    @Test
    void unsetOrBlankSettingsKeepTheDefaults() {
        OperatorPolicy policy = OperatorPolicy.of(Map.of(OperatorPolicy.READ_PATHS_PROPERTY, " ")::get);
        assertThat(policy.readPaths().configured()).isFalse();
        assertThat(policy.writePaths().configured()).isFalse();
        assertThat(policy.networks().configured()).isFalse();
    }

    @Test
    void aBrokenSettingFailsRatherThanOpeningUp() {
        assertThatThrownBy(() -> OperatorPolicy.of(Map.of(OperatorPolicy.READ_PATHS_PROPERTY, "var/log")::get))
                .hasMessageContaining(OperatorPolicy.READ_PATHS_PROPERTY)
                .hasMessageContaining("'var/log'");
        assertThatThrownBy(() -> OperatorPolicy.of(Map.of(OperatorPolicy.NETWORKS_PROPERTY, "intranet")::get))
                .hasMessageContaining(OperatorPolicy.NETWORKS_PROPERTY)
                .hasMessageContaining("'intranet'");
    }

    @Test
    void refusalsNameBothWaysToSetTheList() {
        OperatorPolicy policy = OperatorPolicy.of(Map.<String, String>of()::get);
        assertThat(policy.writePaths().refusal(Path.of("/etc/kafka/connect-distributed.properties")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("-Dtelemetry.allowed.write.paths", "TELEMETRY_ALLOWED_WRITE_PATHS"));
        assertThat(OperatorPolicy.environmentName(OperatorPolicy.NETWORKS_PROPERTY))
                .isEqualTo("TELEMETRY_ALLOWED_NETWORKS");
    }
}
