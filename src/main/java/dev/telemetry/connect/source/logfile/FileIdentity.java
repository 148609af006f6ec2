package dev.telemetry.connect.source.logfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file as the file system knows it: device and inode, which stay the same when the file is renamed. A reused inode
 * is told apart by the fingerprint kept in the offset (see {@link Fingerprint}).
 */
public record FileIdentity(long device, long inode) {

    static final String DEVICE_KEY = "dev";
    static final String INODE_KEY = "ino";

    /** The identity of the file at {@code path} now. */
    public static FileIdentity of(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino");
        return new FileIdentity(
                ((Number) attributes.get("dev")).longValue(), ((Number) attributes.get("ino")).longValue());
    }

    /**
     * The Connect source partition of this file. The worker stores offsets under the partition's JSON bytes, so the
     * keys keep one fixed order ("dev", then "ino", as a map parsed back from that JSON iterates them): with Map.of,
     * whose order changes from one JVM to the next, a restarted worker would not find the offset.
     */
    public Map<String, Object> sourcePartition() {
        Map<String, Object> partition = new LinkedHashMap<>(4);
        partition.put(DEVICE_KEY, device);
        partition.put(INODE_KEY, inode);
        return partition;
    }

    /** Whether task {@code index} of {@code count} reads this file; every file belongs to exactly one task. */
    public boolean ownedBy(int index, int count) {
        return Math.floorMod(Long.hashCode(device * 1_000_003L + inode), count) == index;
    }

    @Override
    public String toString() {
        return "dev=" + device + ",ino=" + inode;
    }
}
