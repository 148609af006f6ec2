package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.source.LogFileSourceConnector;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** alterOffsets (KIP-875): well-formed rewinds and resets are accepted, anything else refused with a reason. */
class SourceOffsetsTest {

    private static boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return new LogFileSourceConnector().alterOffsets(Map.of(), offsets);
    }

    @Test
    void rewindsAndResetsAreAccepted() {
        Map<String, Long> partition = Map.of("dev", 64769L, "ino", 1234L);
        assertThat(alter(partition, Map.of("position", 0L))).isTrue();
        assertThat(alter(partition, Map.of("position", 4096L, "line", 20L, "path", "/var/log/app.log")))
                .isTrue();
        assertThat(alter(partition, Map.of("position", 10L, "fingerprint", "0a1b", "fingerprint.bytes", 1024L)))
                .isTrue();
        assertThat(alter(partition, null)).isTrue();
    }

    @Test
    void malformedOffsetsAreRefused() {
        Map<String, Long> partition = Map.of("dev", 1L, "ino", 2L);
        assertThatThrownBy(() -> alter(Map.of("file", "/var/log/app.log"), Map.of("position", 0L)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("\"dev\"");
        assertThatThrownBy(() -> alter(Map.of("dev", "x", "ino", 2L), Map.of("position", 0L)))
                .hasMessageContaining("'dev'");
        assertThatThrownBy(() -> alter(partition, Map.of("line", 3L))).hasMessageContaining("position");
        assertThatThrownBy(() -> alter(partition, Map.of("position", -1L))).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> alter(partition, Map.of("position", "12"))).hasMessageContaining("position");
        assertThatThrownBy(() -> alter(partition, Map.of("position", 1L, "offset", 3L)))
                .hasMessageContaining("Unknown key 'offset'");
        assertThatThrownBy(() -> alter(partition, Map.of("position", 1L, "fingerprint", "ab")))
                .hasMessageContaining("together");
    }

    @Test
    void aFingerprintLengthNoFileEverGetsIsRefused() {
        Map<String, Long> partition = Map.of("dev", 1L, "ino", 2L);
        assertThat(alter(partition, Map.of("position", 10L, "fingerprint", "0a1b", "fingerprint.bytes", 1L)))
                .isTrue();
        assertThat(alter(partition, Map.of("position", 10L, "fingerprint", "0a1b", "fingerprint.bytes", 65_536L)))
                .isTrue();
        // 2^31 - 1 would make the task allocate 2 GiB to hash the file's head; 2^32 + 16 wraps to 16 as an int.
        for (long absurd : new long[] {0L, 65_537L, Integer.MAX_VALUE, (1L << 32) + 16}) {
            assertThatThrownBy(() -> alter(
                            partition, Map.of("position", 10L, "fingerprint", "0a1b", "fingerprint.bytes", absurd)))
                    .as("fingerprint.bytes %d", absurd)
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("fingerprint.bytes")
                    .hasMessageContaining("65536");
        }
    }
}
