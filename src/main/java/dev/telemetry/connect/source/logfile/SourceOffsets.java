package dev.telemetry.connect.source.logfile;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks offsets a user writes through the offsets REST API (KIP-875) before the worker stores them: a partition is
 * {@code {"dev": n, "ino": n}}; an offset is null (forget the file: it is read as a new file) or has a non-negative
 * {@code position}, and optionally {@code line}, {@code fingerprint} with {@code fingerprint.bytes}, and {@code path}.
 */
public final class SourceOffsets {

    private static final Set<String> PARTITION_KEYS = Set.of(FileIdentity.DEVICE_KEY, FileIdentity.INODE_KEY);
    private static final Set<String> OFFSET_KEYS = Set.of(
            TailedFile.POSITION_KEY,
            TailedFile.LINE_KEY,
            TailedFile.FINGERPRINT_KEY,
            TailedFile.FINGERPRINT_BYTES_KEY,
            TailedFile.PATH_KEY);
    /**
     * The most bytes a task ever hashes ({@code fingerprint.bytes}' upper bound): the task allocates that many to
     * check the fingerprint, so a larger stored length would cost memory or wrap around as an int.
     */
    private static final long MAX_FINGERPRINT_BYTES = 65_536;

    private SourceOffsets() {}

    public static void validate(Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (partition == null || !partition.keySet().equals(PARTITION_KEYS)) {
                throw new ConnectException("A log file's source partition is {\"dev\": <device>, \"ino\": <inode>} "
                        + "(see GET /connectors/<name>/offsets), not " + partition);
            }
            for (String key : PARTITION_KEYS) {
                requireInteger(partition, key, "partition");
            }
            Map<String, ?> offset = entry.getValue();
            if (offset == null) {
                continue;
            }
            for (String key : offset.keySet()) {
                if (!OFFSET_KEYS.contains(key)) {
                    throw new ConnectException(
                            "Unknown key '" + key + "' in the offset of " + partition + "; known: " + OFFSET_KEYS);
                }
            }
            if (!offset.containsKey(TailedFile.POSITION_KEY)) {
                throw new ConnectException("The offset of " + partition + " needs '" + TailedFile.POSITION_KEY
                        + "', the byte position to resume at (0: the start of the file)");
            }
            requireInteger(offset, TailedFile.POSITION_KEY, "offset");
            if (offset.containsKey(TailedFile.LINE_KEY)) {
                requireInteger(offset, TailedFile.LINE_KEY, "offset");
            }
            boolean hash = offset.get(TailedFile.FINGERPRINT_KEY) != null;
            boolean hashBytes = offset.get(TailedFile.FINGERPRINT_BYTES_KEY) != null;
            if (hash != hashBytes) {
                throw new ConnectException("The offset of " + partition + " has '" + TailedFile.FINGERPRINT_KEY
                        + "' and '" + TailedFile.FINGERPRINT_BYTES_KEY + "' together or neither");
            }
            if (hash) {
                if (!(offset.get(TailedFile.FINGERPRINT_KEY) instanceof String text) || !text.matches("[0-9a-f]+")) {
                    throw new ConnectException("'" + TailedFile.FINGERPRINT_KEY + "' in the offset of " + partition
                            + " is a lower-case hex string");
                }
                requireInteger(offset, TailedFile.FINGERPRINT_BYTES_KEY, "offset");
                long hashLength = ((Number) offset.get(TailedFile.FINGERPRINT_BYTES_KEY)).longValue();
                if (hashLength < 1 || hashLength > MAX_FINGERPRINT_BYTES) {
                    throw new ConnectException("'" + TailedFile.FINGERPRINT_BYTES_KEY + "' in the offset of "
                            + partition + " is the number of bytes the fingerprint covers, 1 to "
                            + MAX_FINGERPRINT_BYTES + ", was " + hashLength);
                }
            }
        }
    }

    private static void requireInteger(Map<String, ?> map, String key, String what) {
        Object value = map.get(key);
        if (!(value instanceof Long || value instanceof Integer) || ((Number) value).longValue() < 0) {
            throw new ConnectException(
                    "'" + key + "' in the " + what + " " + map + " must be a non-negative integer, was " + value);
        }
    }
}
