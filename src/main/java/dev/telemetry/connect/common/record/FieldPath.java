package dev.telemetry.connect.common.record;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The one way the bundle reads a field by path. Syntax: names separated by single dots ({@code data.response_time});
 * a name that is a non-negative decimal number indexes a list ({@code items.0.price}). Each step reads a Struct field,
 * a Map entry (by the name as a string key) or a List element; a path that runs into a missing field, a null, an index
 * out of range or a value of any other type reads {@code null}.
 */
public final class FieldPath {

    private final String path;
    private final String[] segments;

    private FieldPath(String path, String[] segments) {
        this.path = path;
        this.segments = segments;
    }

    /** Parses {@code path}; an empty path or an empty name ({@code a..b}, {@code .a}) is refused naming {@code configKey}. */
    public static FieldPath parse(String configKey, String path) {
        if (path == null || path.isBlank()) {
            throw new ConfigException(configKey, path, "A field path must not be empty");
        }
        String[] segments = path.trim().split("\\.", -1);
        for (String segment : segments) {
            if (segment.isBlank()) {
                throw new ConfigException(
                        configKey, path, "A field path is field names separated by single dots, with no empty names");
            }
        }
        return new FieldPath(path.trim(), segments);
    }

    /** The value at this path inside {@code root}, or {@code null}. */
    public Object read(Object root) {
        Object current = root;
        for (String segment : segments) {
            if (current == null) {
                return null;
            }
            current = child(current, segment);
        }
        return current;
    }

    /**
     * The value at {@code path} inside {@code root}, reading the path as it goes: for a path known only at run time
     * (a template placeholder, a CEL identifier). A malformed path reads {@code null}.
     */
    public static Object read(Object root, String path) {
        Object current = root;
        int start = 0;
        while (current != null) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            current = child(current, name);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return null;
    }

    private static Object child(Object parent, String name) {
        if (parent instanceof Struct struct) {
            Field field = struct.schema().field(name);
            return field == null ? null : struct.get(field);
        }
        if (parent instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (parent instanceof List<?> list) {
            int index = listIndex(name);
            return index >= 0 && index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    /** A non-negative decimal index, or -1 when {@code name} is not one. */
    private static int listIndex(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    @Override
    public String toString() {
        return path;
    }
}
