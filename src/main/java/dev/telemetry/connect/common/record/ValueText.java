package dev.telemetry.connect.common.record;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * Connect values as text. Two readings, because a value means different things in two places: {@link #display} is
 * for showing a field in a label or template (a missing value shows as nothing, bytes as Base64), {@link #orNull} is
 * for reading a name such as a severity from a field or a header (missing stays missing, header bytes are UTF-8
 * text).
 */
public final class ValueText {

    private ValueText() {}

    /** A value for display: "" for null, times as ISO-8601, bytes as Base64, structures as JSON. */
    public static String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Struct || value instanceof Map || value instanceof List) {
            return ValueJson.toJsonText(value);
        }
        return value.toString();
    }

    /** A field or header value as text, {@code null} when missing; bytes are read as UTF-8 text. */
    public static String orNull(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return display(value);
    }
}
