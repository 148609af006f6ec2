package dev.telemetry.connect.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * Adds a fixed list of fields to a record's key or value: to a Struct by evolving its schema (derived schemas kept in
 * a bounded cache, as Kafka's own transforms do), or to a schemaless Map. The {@code $Key} and {@code $Value}
 * variants of this bundle's transforms share it.
 */
final class AddedFields {

    private static final int SCHEMA_CACHE_SIZE = 16;

    private final Map<String, Schema> fields;
    private final List<String> names;
    private final String transform;
    private final Cache<Schema, Schema> schemaCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));

    /** @param fields names and schemas of the added fields, in order */
    AddedFields(Map<String, Schema> fields, String transform) {
        this.fields = new LinkedHashMap<>(fields);
        this.names = new ArrayList<>(fields.keySet());
        this.transform = transform;
    }

    /**
     * {@code operating} (a Struct with {@code schema}, or a Map when {@code schema} is null) with {@code values} added,
     * one per field, in order; a DataException naming what arrived when it is neither.
     */
    SchemaAndValue write(Schema schema, Object operating, Object... values) {
        if (schema == null) {
            Map<String, Object> updated = StructSchemas.copy(StructSchemas.requireMap(operating, transform));
            for (int i = 0; i < values.length; i++) {
                updated.put(names.get(i), values[i]);
            }
            return new SchemaAndValue(null, updated);
        }
        Struct struct = StructSchemas.requireStruct(schema, operating, transform);
        Schema updatedSchema = schemaCache.get(struct.schema());
        if (updatedSchema == null) {
            updatedSchema = StructSchemas.withFields(struct.schema(), fields, transform);
            schemaCache.put(struct.schema(), updatedSchema);
        }
        Struct updated = StructSchemas.copy(struct, updatedSchema);
        for (int i = 0; i < values.length; i++) {
            updated.put(names.get(i), values[i]);
        }
        return new SchemaAndValue(updatedSchema, updated);
    }
}
