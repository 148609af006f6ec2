package dev.telemetry.connect.common.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.telemetry.connect.common.time.InstantText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Connect data of any shape into JSON: Structs and schemaless Maps alike, times as ISO-8601 text, bytes as
 * Base64. Written straight to a generator: the alert sink writes every record it delivers this way, and building a
 * tree first cost it more than the writing.
 */
public final class ValueJson {

    /** Beyond this many schemas seen by one thread, its cache starts over: schemas a converter no longer uses go. */
    private static final int FIELD_NAME_CACHE_SCHEMAS = 64;

    /**
     * A Struct schema's field names, quoted and encoded once: escaping every field name of every record again showed
     * in the sink's profile. By identity, as converters hand out one schema instance for many records, and per thread,
     * as a task thread writes its records alone.
     */
    private static final ThreadLocal<Map<Schema, SerializableString[]>> FIELD_NAMES =
            ThreadLocal.withInitial(IdentityHashMap::new);

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
            List<Field> fields = struct.schema().fields();
            SerializableString[] names = fieldNames(struct.schema());
            out.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                out.writeFieldName(names[i]);
                write(out, struct.get(fields.get(i)));
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
            writeInstant(out, date.toInstant());
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

    /**
     * Writes an instant as the JSON string {@link InstantText#of} spells. That text is plain ASCII that JSON never
     * escapes, so a generator writing UTF-8 takes its bytes as they are instead of scanning them for escapes.
     */
    public static void writeInstant(JsonGenerator out, Instant instant) throws IOException {
        String text = InstantText.of(instant);
        if (out instanceof UTF8JsonGenerator) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            out.writeRawUTF8String(bytes, 0, bytes.length);
        } else {
            out.writeString(text);
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

    /** Only a {@link ConnectSchema} is cached: it cannot change, where a SchemaBuilder may gain fields. */
    private static SerializableString[] fieldNames(Schema schema) {
        if (!(schema instanceof ConnectSchema)) {
            return quoted(schema.fields());
        }
        Map<Schema, SerializableString[]> cache = FIELD_NAMES.get();
        SerializableString[] names = cache.get(schema);
        if (names == null) {
            if (cache.size() >= FIELD_NAME_CACHE_SCHEMAS) {
                cache.clear();
            }
            names = quoted(schema.fields());
            cache.put(schema, names);
        }
        return names;
    }

    private static SerializableString[] quoted(List<Field> fields) {
        SerializableString[] names = new SerializableString[fields.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(fields.get(i).name());
        }
        return names;
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
