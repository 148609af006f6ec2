package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.telemetry.connect.common.time.InstantText;
import dev.telemetry.connect.sink.alert.Alert;
import java.io.IOException;
import java.util.Map;

/** An alert as one JSON object: the shape of a line in the alert file and of an entry in a webhook batch. */
public final class AlertJson {

    private AlertJson() {}

    public static void write(JsonGenerator out, Alert alert) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", alert.id());
        out.writeStringField("severity", alert.severity().wireName());
        out.writeStringField("category", alert.category());
        out.writeStringField("source", alert.source());
        out.writeStringField("summary", alert.summary());
        out.writeStringField("description", alert.description());
        out.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : alert.labels().entrySet()) {
            out.writeStringField(label.getKey(), label.getValue());
        }
        out.writeEndObject();
        out.writeStringField("event_time", InstantText.of(alert.eventTime()));
        if (alert.processedTime() != null) {
            out.writeStringField("processed_time", InstantText.of(alert.processedTime()));
        }
        out.writeNumberField("occurrences", alert.occurrences());
        if (alert.occurrences() > 1) {
            out.writeStringField("last_event_time", InstantText.of(alert.lastEventTime()));
        }
        if (alert.link() != null) {
            out.writeStringField("link", alert.link());
        }
        out.writeFieldName("record");
        RecordJson.write(out, alert.records().get(0));
        out.writeEndObject();
    }
}
