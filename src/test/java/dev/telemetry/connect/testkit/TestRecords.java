package dev.telemetry.connect.testkit;

import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the SourceRecords and SinkRecords tests feed to plugins, naming what is set instead of a long positional
 * constructor: {@code TestRecords.value(schema, struct).topic("alerts").timestamp(t).source()}. Unset parts are
 * those of a plain record: topic {@code t}, partition 0, no key, no timestamp, offset 0.
 */
public final class TestRecords {

    private TestRecords() {}

    /** A record whose value has a schema. */
    public static Builder value(Schema schema, Object value) {
        return new Builder(schema, value);
    }

    /** A schemaless record (as JsonConverter with schemas.enable=false gives it), or a tombstone for {@code null}. */
    public static Builder value(Object value) {
        return new Builder(null, value);
    }

    /** The parts of one record; every setter returns this builder. */
    public static final class Builder {
        private final Schema valueSchema;
        private final Object value;
        private String topic = "t";
        private Integer partition = 0;
        private Schema keySchema;
        private Object key;
        private Long timestamp;
        private long offset;

        private Builder(Schema valueSchema, Object value) {
            this.valueSchema = valueSchema;
            this.value = value;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder partition(Integer partition) {
            this.partition = partition;
            return this;
        }

        public Builder key(Schema keySchema, Object key) {
            this.keySchema = keySchema;
            this.key = key;
            return this;
        }

        public Builder timestamp(Long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** The Kafka offset; used by {@link #sink()} only. */
        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        public SourceRecord source() {
            return new SourceRecord(
                    Map.of(), Map.of(), topic, partition, keySchema, key, valueSchema, value, timestamp);
        }

        public SinkRecord sink() {
            return new SinkRecord(
                    topic,
                    partition == null ? 0 : partition,
                    keySchema,
                    key,
                    valueSchema,
                    value,
                    offset,
                    timestamp,
                    timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
        }
    }
}
