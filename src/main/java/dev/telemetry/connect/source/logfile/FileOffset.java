package dev.telemetry.connect.source.logfile;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The source offset of one record, as an immutable map of {@link TailedFile#POSITION_KEY}, {@link TailedFile#LINE_KEY},
 * the fingerprint and its length when the file has one, and {@link TailedFile#PATH_KEY}. Its entries are made only when
 * they are listed: the worker keeps every record's offset until the producer has sent the record, but lists the
 * entries of one offset per file at each commit, so building a {@code Map.of} of boxed values for every record cost a
 * plain task about a tenth of its time.
 */
final class FileOffset extends AbstractMap<String, Object> {

    private final long position;
    private final long line;
    /** Null when the file is still shorter than a fingerprint's first bytes. */
    private final Fingerprint fingerprint;

    private final String path;

    FileOffset(long position, long line, Fingerprint fingerprint, String path) {
        this.position = position;
        this.line = line;
        this.fingerprint = fingerprint;
        this.path = path;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        return switch (name) {
            case TailedFile.POSITION_KEY -> position;
            case TailedFile.LINE_KEY -> line;
            case TailedFile.FINGERPRINT_KEY -> fingerprint == null ? null : fingerprint.hash();
            case TailedFile.FINGERPRINT_BYTES_KEY -> fingerprint == null ? null : (long) fingerprint.length();
            case TailedFile.PATH_KEY -> path;
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return fingerprint == null ? 3 : 5;
    }

    /** A new immutable set on each call, so that an offset read by the worker's threads needs no lock. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> entries = fingerprint == null
                ? Map.of(TailedFile.POSITION_KEY, position, TailedFile.LINE_KEY, line, TailedFile.PATH_KEY, path)
                : Map.of(
                        TailedFile.POSITION_KEY,
                        position,
                        TailedFile.LINE_KEY,
                        line,
                        TailedFile.FINGERPRINT_KEY,
                        fingerprint.hash(),
                        TailedFile.FINGERPRINT_BYTES_KEY,
                        (long) fingerprint.length(),
                        TailedFile.PATH_KEY,
                        path);
        return entries.entrySet();
    }
}
