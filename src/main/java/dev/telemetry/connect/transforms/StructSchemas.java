package dev.telemetry.connect.transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Schema evolution and value checks shared by the transforms that add fields to a record value. */
final class StructSchemas {

    private StructSchemas() {}

    /**
     * A copy of the struct schema {@code base} (name, version, doc, parameters, optionality) with {@code additions}
     * appended. A field that already exists with the same type is kept in place and overwritten later; one with a
     * different type is a DataException.
     */
    static Schema withFields(Schema base, Map<String, Schema> additions, String transform) {
        SchemaBuilder builder =
                SchemaBuilder.struct().name(base.name()).version(base.version()).doc(base.doc());
        if (base.parameters() != null && !base.parameters().isEmpty()) {
            builder.parameters(base.parameters());
        }
        if (base.isOptional()) {
            builder.optional();
        }
        Map<String, Schema> toAdd = new LinkedHashMap<>(additions);
        for (Field field : base.fields()) {
            Schema added = toAdd.remove(field.name());
            if (added != null
                    && (field.schema().type() != added.type()
                            || !Objects.equals(field.schema().name(), added.name()))) {
                throw new DataException(transform + " writes field '" + field.name() + "' as " + describe(added)
                        + ", but the record schema " + (base.name() == null ? "" : "'" + base.name() + "' ")
                        + "already has it as " + describe(field.schema()));
            }
            builder.field(field.name(), field.schema());
        }
        toAdd.forEach(builder::field);
        return builder.build();
    }

    /** A Struct of {@code updated} holding every field of {@code original}; the original fields come first. */
    static Struct copy(Struct original, Schema updated) {
        Struct copy = new Struct(updated);
        List<Field> fields = original.schema().fields();
        List<Field> updatedFields = updated.fields();
        for (int i = 0; i < fields.size(); i++) {
            copy.put(updatedFields.get(i), original.get(fields.get(i)));
        }
        return copy;
    }

    /** A mutable copy of a schemaless value. */
    static Map<String, Object> copy(Map<?, ?> original) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, (int) ((original.size() + 2) / 0.75f) + 1));
        for (Map.Entry<?, ?> e : original.entrySet()) {
            copy.put(String.valueOf(e.getKey()), e.getValue());
        }
        return copy;
    }

    /** The value as a Struct, when the record has a struct schema; else a DataException naming what arrived. */
    static Struct requireStruct(Schema schema, Object value, String transform) {
        if (schema.type() != Schema.Type.STRUCT || !(value instanceof Struct)) {
            throw new DataException(transform + " expects a Struct value with a STRUCT schema, but got "
                    + describe(schema) + " with a " + className(value));
        }
        return (Struct) value;
    }

    /** The value as a Map, when the record has no schema; else a DataException naming what arrived. */
    static Map<?, ?> requireMap(Object value, String transform) {
        if (!(value instanceof Map)) {
            throw new DataException(
                    transform + " expects a Map value when the record has no schema, but got a " + className(value));
        }
        return (Map<?, ?>) value;
    }

    static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.type() + " (" + schema.name() + ")";
    }

    static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
