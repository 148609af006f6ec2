package dev.telemetry.connect.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void displayShowsMissingAsNothingAndBytesAsBase64() {
        assertThat(ValueText.display(null)).isEmpty();
        assertThat(ValueText.display("x")).isEqualTo("x");
        assertThat(ValueText.display(new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ValueText.display("hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("aGk=");
        assertThat(ValueText.display(Map.of("a", List.of(1, 2)))).isEqualTo("{\"a\":[1,2]}");
        assertThat(ValueText.display(4.5)).isEqualTo("4.5");
    }

    @Test
    void orNullKeepsMissingMissingAndReadsBytesAsText() {
        assertThat(ValueText.orNull(null)).isNull();
        assertThat(ValueText.orNull("warning".getBytes(StandardCharsets.UTF_8))).isEqualTo("warning");
        assertThat(ValueText.orNull(7L)).isEqualTo("7");
    }
}
