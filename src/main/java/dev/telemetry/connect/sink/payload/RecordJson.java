package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.telemetry.connect.common.record.ValueJson;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record as JSON, its key, value and headers as {@link ValueJson} writes them: how an alert carries its record. */
final class RecordJson {

    // Field names quoted and encoded once, as in AlertJson.
    private static final SerializableString TOPIC = new SerializedString("topic");
    private static final SerializableString PARTITION = new SerializedString("partition");
    private static final SerializableString OFFSET = new SerializedString("offset");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString HEADERS = new SerializedString("headers");

    private RecordJson() {}

    /** Writes the record's coordinates, timestamp, key, value and headers as one JSON object. */
    public static void write(JsonGenerator out, SinkRecord record) throws IOException {
        out.writeStartObject();
        out.writeFieldName(TOPIC);
        out.writeString(record.topic());
        out.writeFieldName(PARTITION);
        if (record.kafkaPartition() == null) {
            out.writeNull();
        } else {
            out.writeNumber(record.kafkaPartition());
        }
        out.writeFieldName(OFFSET);
        out.writeNumber(record.kafkaOffset());
        if (record.timestamp() != null) {
            out.writeFieldName(TIMESTAMP);
            ValueJson.writeInstant(out, Instant.ofEpochMilli(record.timestamp()));
        }
        out.writeFieldName(KEY);
        ValueJson.write(out, record.key());
        out.writeFieldName(VALUE);
        ValueJson.write(out, record.value());
        if (!record.headers().isEmpty()) {
            // A key may repeat among headers: the last value counts, in the place of the first.
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value());
            }
            out.writeFieldName(HEADERS);
            ValueJson.writeObject(out, headers);
        }
        out.writeEndObject();
    }
}
