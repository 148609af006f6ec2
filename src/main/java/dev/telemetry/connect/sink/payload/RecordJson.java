package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.common.record.ValueJson;
import java.time.Instant;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record as JSON, its key, value and headers as {@link ValueJson} writes them: how an alert carries its record. */
public final class RecordJson {

    private RecordJson() {}

    /** The record's coordinates, timestamp, key, value and headers. */
    public static ObjectNode of(SinkRecord record) {
        ObjectNode json = Json.object();
        json.put("topic", record.topic());
        json.put("partition", record.kafkaPartition());
        json.put("offset", record.kafkaOffset());
        if (record.timestamp() != null) {
            json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        }
        json.set("key", ValueJson.toJson(record.key()));
        json.set("value", ValueJson.toJson(record.value()));
        ObjectNode headers = Json.object();
        for (Header header : record.headers()) {
            headers.set(header.key(), ValueJson.toJson(header.value()));
        }
        if (!headers.isEmpty()) {
            json.set("headers", headers);
        }
        return json;
    }
}
