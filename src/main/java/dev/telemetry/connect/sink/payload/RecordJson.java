package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.telemetry.connect.common.record.ValueJson;
import dev.telemetry.connect.common.time.InstantText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record as JSON, its key, value and headers as {@link ValueJson} writes them: how an alert carries its record. */
public final class RecordJson {

    private RecordJson() {}

    /** Writes the record's coordinates, timestamp, key, value and headers as one JSON object. */
    public static void write(JsonGenerator out, SinkRecord record) throws IOException {
        out.writeStartObject();
        out.writeStringField("topic", record.topic());
        out.writeFieldName("partition");
        if (record.kafkaPartition() == null) {
            out.writeNull();
        } else {
            out.writeNumber(record.kafkaPartition());
        }
        out.writeNumberField("offset", record.kafkaOffset());
        if (record.timestamp() != null) {
            out.writeStringField("timestamp", InstantText.ofEpochMilli(record.timestamp()));
        }
        out.writeFieldName("key");
        ValueJson.write(out, record.key());
        out.writeFieldName("value");
        ValueJson.write(out, record.value());
        if (!record.headers().isEmpty()) {
            // A key may repeat among headers: the last value counts, in the place of the first.
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value());
            }
            out.writeFieldName("headers");
            ValueJson.writeObject(out, headers);
        }
        out.writeEndObject();
    }
}
