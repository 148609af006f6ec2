package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.sink.payload.RecordJson;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Reads fields out of Connect values of any shape: a {@link Struct}, a schemaless {@link Map}, or lists of those. */
public final class FieldValues {

    private FieldValues() {
    }

    /** The value at a dotted path ({@code a.b.0.c}), or {@code null} when any step is missing. */
    public static Object get(Object root, String path) {
        Object current = root;
        int start = 0;
        while (current != null && start <= path.length()) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            current = child(current, name);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return current;
    }

    private static Object child(Object parent, String name) {
        if (parent instanceof Struct) {
            Struct struct = (Struct) parent;
            Field field = struct.schema().field(name);
            return field == null ? null : struct.get(field);
        }
        if (parent instanceof Map) {
            return ((Map<?, ?>) parent).get(name);
        }
        if (parent instanceof List) {
            List<?> list = (List<?>) parent;
            try {
                int index = Integer.parseInt(name);
                return index >= 0 && index < list.size() ? list.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A value as text for labels and templates: times as ISO-8601, bytes as Base64, structures as JSON. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Date) {
            return ((Date) value).toInstant().toString();
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof Struct || value instanceof Map || value instanceof List) {
            return RecordJson.toJsonText(value);
        }
        return value.toString();
    }

    /** A header or field value as a string; header bytes are read as UTF-8. */
    public static String string(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.UTF_8);
        }
        return text(value);
    }

    /**
     * A point in time from epoch millis, a Connect {@code Timestamp}/{@code Date}, or an ISO-8601 text;
     * {@code null} when the value is none of those.
     */
    public static Instant instant(Object value) {
        if (value instanceof Date) {
            return ((Date) value).toInstant();
        }
        if (value instanceof Number) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException notOffset) {
                    try {
                        return Instant.ofEpochMilli(Long.parseLong(text));
                    } catch (NumberFormatException notMillis) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
