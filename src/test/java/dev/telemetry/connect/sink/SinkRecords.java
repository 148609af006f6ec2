package dev.telemetry.connect.sink;

import dev.telemetry.connect.testkit.TestRecords;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records shaped like the classified telemetry that reaches the sink. */
public final class SinkRecords {

    public static final Schema CLASSIFIED_LOG = SchemaBuilder.struct()
            .name("dev.telemetry.ApplicationLog")
            .field("stream", Schema.STRING_SCHEMA)
            .field("seq", Schema.INT64_SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("level", Schema.STRING_SCHEMA)
            .field("message", Schema.STRING_SCHEMA)
            .field("service", Schema.STRING_SCHEMA)
            .field("endpoint", Schema.OPTIONAL_STRING_SCHEMA)
            .field("severity", Schema.OPTIONAL_STRING_SCHEMA)
            .field("category", Schema.OPTIONAL_STRING_SCHEMA)
            .field("processed_at", Timestamp.builder().optional().build())
            .build();

    private SinkRecords() {}

    public static SinkRecord log(
            String topic,
            int partition,
            long offset,
            String severity,
            String service,
            String message,
            long eventTimeMs) {
        Struct value = new Struct(CLASSIFIED_LOG)
                .put("stream", "logs")
                .put("seq", offset)
                .put("timestamp", new Date(eventTimeMs))
                .put("level", "ERROR")
                .put("message", message)
                .put("service", service)
                .put("endpoint", "/api/v1/checkout")
                .put("severity", severity)
                .put("category", "alert")
                .put("processed_at", new Date(eventTimeMs + 15));
        return TestRecords.value(CLASSIFIED_LOG, value)
                .topic(topic)
                .partition(partition)
                .key(Schema.STRING_SCHEMA, "ERROR")
                .offset(offset)
                .timestamp(eventTimeMs)
                .sink();
    }

    public static SinkRecord schemaless(String topic, int partition, long offset, Map<String, Object> value) {
        return TestRecords.value(value)
                .topic(topic)
                .partition(partition)
                .offset(offset)
                .sink();
    }
}
