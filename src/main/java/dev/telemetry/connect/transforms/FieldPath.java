package dev.telemetry.connect.transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path to a possibly nested field ({@code data.timestamp}) that reads through Structs and Maps alike.
 */
public final class FieldPath {

    private final String path;
    private final List<String> segments;

    private FieldPath(String path, List<String> segments) {
        this.path = path;
        this.segments = segments;
    }

    /** Parses {@code path}; empty segments ({@code a..b}, {@code .a}) are refused naming {@code configKey}. */
    public static FieldPath parse(String configKey, String path) {
        if (path == null || path.isBlank()) {
            throw new ConfigException(configKey, path, "A field path must not be empty");
        }
        List<String> segments = Arrays.asList(path.split("\\.", -1));
        for (String segment : segments) {
            if (segment.isBlank()) {
                throw new ConfigException(configKey, path,
                        "A field path is field names separated by single dots, with no empty names");
            }
        }
        return new FieldPath(path, List.copyOf(segments));
    }

    /**
     * The value at this path inside a Struct or Map, or null when any step is missing, null, or not a Struct or Map.
     */
    public Object read(Object root) {
        Object current = root;
        for (String segment : segments) {
            if (current instanceof Struct) {
                Struct struct = (Struct) current;
                Field field = struct.schema().field(segment);
                if (field == null) {
                    return null;
                }
                current = struct.get(field);
            } else if (current instanceof Map) {
                current = ((Map<?, ?>) current).get(segment);
            } else {
                return null;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return path;
    }
}
