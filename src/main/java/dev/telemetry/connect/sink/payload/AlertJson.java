package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.telemetry.connect.common.record.ValueJson;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import java.io.IOException;
import java.util.Map;

/** An alert as one JSON object: the shape of a line in the alert file and of an entry in a webhook batch. */
public final class AlertJson {

    // Field names quoted and encoded once: escaping them again for every alert showed in the file sink's profile.
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString SEVERITY = new SerializedString("severity");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString SUMMARY = new SerializedString("summary");
    private static final SerializableString DESCRIPTION = new SerializedString("description");
    private static final SerializableString LABELS = new SerializedString("labels");
    private static final SerializableString EVENT_TIME = new SerializedString("event_time");
    private static final SerializableString PROCESSED_TIME = new SerializedString("processed_time");
    private static final SerializableString OCCURRENCES = new SerializedString("occurrences");
    private static final SerializableString LAST_EVENT_TIME = new SerializedString("last_event_time");
    private static final SerializableString LINK = new SerializedString("link");
    private static final SerializableString RECORD = new SerializedString("record");

    /** Severity names by ordinal, quoted and encoded once. */
    private static final SerializableString[] SEVERITY_NAMES = severityNames();

    private AlertJson() {}

    public static void write(JsonGenerator out, Alert alert) throws IOException {
        out.writeStartObject();
        writeField(out, ID, alert.id());
        out.writeFieldName(SEVERITY);
        out.writeString(SEVERITY_NAMES[alert.severity().ordinal()]);
        writeField(out, CATEGORY, alert.category());
        writeField(out, SOURCE, alert.source());
        writeField(out, SUMMARY, alert.summary());
        writeField(out, DESCRIPTION, alert.description());
        out.writeFieldName(LABELS);
        out.writeStartObject();
        for (Map.Entry<String, String> label : alert.labels().entrySet()) {
            out.writeStringField(label.getKey(), label.getValue());
        }
        out.writeEndObject();
        out.writeFieldName(EVENT_TIME);
        ValueJson.writeInstant(out, alert.eventTime());
        if (alert.processedTime() != null) {
            out.writeFieldName(PROCESSED_TIME);
            ValueJson.writeInstant(out, alert.processedTime());
        }
        out.writeFieldName(OCCURRENCES);
        out.writeNumber(alert.occurrences());
        if (alert.occurrences() > 1) {
            out.writeFieldName(LAST_EVENT_TIME);
            ValueJson.writeInstant(out, alert.lastEventTime());
        }
        if (alert.link() != null) {
            writeField(out, LINK, alert.link());
        }
        out.writeFieldName(RECORD);
        RecordJson.write(out, alert.records().get(0));
        out.writeEndObject();
    }

    private static void writeField(JsonGenerator out, SerializableString name, String value) throws IOException {
        out.writeFieldName(name);
        out.writeString(value);
    }

    private static SerializableString[] severityNames() {
        Severity[] severities = Severity.values();
        SerializableString[] names = new SerializableString[severities.length];
        for (Severity severity : severities) {
            names[severity.ordinal()] = new SerializedString(severity.wireName());
        }
        return names;
    }
}
