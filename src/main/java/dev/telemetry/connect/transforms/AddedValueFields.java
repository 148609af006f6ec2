package dev.telemetry.connect.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Adds a fixed list of fields to record values: to a Struct by evolving its schema (derived schemas kept in a bounded
 * cache, as Kafka's own transforms do), or to a schemaless Map. The {@code $Value} variants of this bundle's
 * transforms share it.
 */
final class AddedValueFields {

    private static final int SCHEMA_CACHE_SIZE = 16;

    private final Map<String, Schema> fields;
    private final List<String> names;
    private final String transform;
    private final Cache<Schema, Schema> schemaCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));

    /** @param fields names and schemas of the added fields, in order */
    AddedValueFields(Map<String, Schema> fields, String transform) {
        this.fields = new LinkedHashMap<>(fields);
        this.names = new ArrayList<>(fields.keySet());
        this.transform = transform;
    }

    /** A copy of {@code record} whose value also holds {@code values}, one per added field, in order. */
    <R extends ConnectRecord<R>> R write(R record, Object... values) {
        if (record.valueSchema() == null) {
            Map<String, Object> updated = StructSchemas.copy(StructSchemas.requireMap(record.value(), transform));
            for (int i = 0; i < values.length; i++) {
                updated.put(names.get(i), values[i]);
            }
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    null, updated, record.timestamp(), record.headers());
        }
        Struct value = StructSchemas.requireStruct(record.valueSchema(), record.value(), transform);
        Schema updatedSchema = schemaCache.get(value.schema());
        if (updatedSchema == null) {
            updatedSchema = StructSchemas.withFields(value.schema(), fields, transform);
            schemaCache.put(value.schema(), updatedSchema);
        }
        Struct updated = StructSchemas.copy(value, updatedSchema);
        for (int i = 0; i < values.length; i++) {
            updated.put(names.get(i), values[i]);
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                updatedSchema, updated, record.timestamp(), record.headers());
    }
}
