package dev.telemetry.connect.source.logfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of a file's first bytes (at most a configured number). Stored with every offset together with the number of
 * bytes it covers, it tells a file from another one that got its inode, or from itself rewritten in place.
 */
record Fingerprint(String hash, int length) {

    /** The fingerprint of the first {@code length} bytes of {@code channel}, or null if it has fewer. */
    public static Fingerprint of(FileChannel channel, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(length);
        long position = 0;
        while (head.hasRemaining()) {
            int read = channel.read(head, position);
            if (read < 0) {
                return null;
            }
            position += read;
        }
        return new Fingerprint(hash(head.array(), length), length);
    }

    static String hash(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Whether {@code channel} still begins with the bytes this fingerprint was taken of. */
    public boolean matches(FileChannel channel) throws IOException {
        Fingerprint now = of(channel, length);
        return now != null && now.hash.equals(hash);
    }
}
