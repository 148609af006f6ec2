package dev.telemetry.connect.common.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.telemetry.connect.common.time.InstantText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Connect data of any shape into JSON: Structs and schemaless Maps alike, times as ISO-8601 text, bytes as
 * Base64. Written straight to a generator: the alert sink writes every record it delivers this way, and building a
 * tree first cost it more than the writing.
 */
public final class ValueJson {

    private ValueJson() {}

    public static String toJsonText(Object value) {
        return Json.text(out -> write(out, value));
    }

    /**
     * Writes a Connect value as one JSON value. Classes are tested before the interfaces Map and List: no Connect value
     * is both, and a test against an interface scans the value's interfaces, which showed in the sink's profile.
     */
    public static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Struct struct) {
            out.writeStartObject();
            for (Field field : struct.schema().fields()) {
                out.writeFieldName(field.name());
                write(out, struct.get(field));
            }
            out.writeEndObject();
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).intValue());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Date date) {
            out.writeString(InstantText.of(date.toInstant()));
        } else if (value instanceof BigDecimal decimal) {
            // Jackson's node factory normalises decimals (trailing zeros); written as it would write that node.
            out.writeNumber(JsonNodeFactory.instance.numberNode(decimal).decimalValue());
        } else if (value instanceof byte[] bytes) {
            out.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            out.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, namedEntries(map));
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else {
            out.writeString(value.toString());
        }
    }

    /** Writes name/value pairs, in their order, as one JSON object of Connect values. */
    public static void writeObject(JsonGenerator out, Map<String, ?> fields) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            out.writeFieldName(field.getKey());
            write(out, field.getValue());
        }
        out.writeEndObject();
    }

    /**
     * A map's entries under their keys as text. Keys that are not strings may read alike ({@code 1} and {@code "1"}):
     * then the last value is kept, in the place of the first.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> namedEntries(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                Map<String, Object> named = new LinkedHashMap<>();
                map.forEach((k, v) -> named.put(String.valueOf(k), v));
                return named;
            }
        }
        return (Map<String, ?>) map;
    }
}
