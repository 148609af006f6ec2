package dev.telemetry.connect.transforms;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;

/** The copies of a record the transformations return: one part replaced, everything else as it came. */
final class RecordCopies {

    private RecordCopies() {}

    static <R extends ConnectRecord<R>> R withKey(R record, SchemaAndValue key) {
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                key.schema(),
                key.value(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers());
    }

    static <R extends ConnectRecord<R>> R withValue(R record, SchemaAndValue value) {
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                value.schema(),
                value.value(),
                record.timestamp(),
                record.headers());
    }

    static <R extends ConnectRecord<R>> R withHeaders(R record, Headers headers) {
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                headers);
    }
}
