package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

/** The offset a record carries is, to the worker, the same map as the {@code Map.of} it replaced. */
class FileOffsetTest {

    private static final Fingerprint FINGERPRINT = new Fingerprint("0123456789abcdef0123456789abcdef", 1024);

    private static final Map<String, Object> WITH_FINGERPRINT = Map.of(
            "position", 4096L,
            "line", 37L,
            "fingerprint", FINGERPRINT.hash(),
            "fingerprint.bytes", 1024L,
            "path", "/var/log/app.log");

    @Test
    void equalsTheMapOfItsEntriesBothWaysWithTheSameHash() {
        FileOffset offset = new FileOffset(4096, 37, FINGERPRINT, "/var/log/app.log");
        assertThat(offset).isEqualTo(WITH_FINGERPRINT);
        assertThat(WITH_FINGERPRINT).isEqualTo(offset);
        assertThat(offset).hasSameHashCodeAs(WITH_FINGERPRINT);
        assertThat(new HashMap<>(offset)).isEqualTo(WITH_FINGERPRINT);
        assertThat(offset).hasSize(5).containsKey("fingerprint").doesNotContainKey("seq");
        assertThat(offset.get("position")).isEqualTo(4096L);
        assertThat(offset.get("fingerprint.bytes")).isEqualTo(1024L);
        assertThat(offset.get(42)).isNull();
    }

    @Test
    void aFileShorterThanItsFingerprintHasNoFingerprintKeys() {
        FileOffset offset = new FileOffset(12, 1, null, "/var/log/app.log");
        assertThat(offset).isEqualTo(Map.of("position", 12L, "line", 1L, "path", "/var/log/app.log"));
        assertThat(offset).hasSize(3).doesNotContainKey("fingerprint").doesNotContainKey("fingerprint.bytes");
        assertThat(offset.get("fingerprint")).isNull();
    }

    @Test
    void isImmutable() {
        FileOffset offset = new FileOffset(12, 1, FINGERPRINT, "/var/log/app.log");
        assertThatThrownBy(() -> offset.put("position", 0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> offset.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> offset.remove("position")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** What the worker does with an offset it commits: checks its types, then writes it with its converter. */
    @Test
    void theWorkerAcceptsAndStoresItAsTheMapItReplaced() {
        FileOffset offset = new FileOffset(4096, 37, FINGERPRINT, "/var/log/app.log");
        OffsetUtils.validateFormat(offset);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        assertThat(converter
                        .toConnectData("offsets", converter.fromConnectData("offsets", null, offset))
                        .value())
                .isEqualTo(WITH_FINGERPRINT);
        assertThat(new String(converter.fromConnectData("offsets", null, offset), StandardCharsets.UTF_8))
                .contains("\"position\":4096");
    }
}
