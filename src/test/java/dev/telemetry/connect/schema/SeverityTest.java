package dev.telemetry.connect.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void parsesAWireNameInAnyCaseWithSpaceAround() {
        assertThat(Severity.parseOrNull("warning")).isEqualTo(Severity.WARNING);
        assertThat(Severity.parseOrNull("CRITICAL")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.parseOrNull(" Info ")).isEqualTo(Severity.INFO);
    }

    @Test
    void textThatNamesNoSeverityIsNullOrAnErrorNamingTheAcceptedValues() {
        assertThat(Severity.parseOrNull(null)).isNull();
        assertThat(Severity.parseOrNull("warn")).isNull();
        assertThat(Severity.parseOrNull("")).isNull();
        assertThatThrownBy(() -> Severity.parse("fatal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fatal'")
                .hasMessageContaining("[info, warning, critical]");
    }

    @Test
    void theWireNameIsTheLowerCaseNameAndOrdersFromLeastUrgent() {
        assertThat(Severity.NAMES).containsExactly("info", "warning", "critical");
        assertThat(Severity.CRITICAL.isAtLeast(Severity.WARNING)).isTrue();
        assertThat(Severity.INFO.isAtLeast(Severity.WARNING)).isFalse();
        assertThat(Severity.WARNING.toString()).isEqualTo("warning");
    }
}
