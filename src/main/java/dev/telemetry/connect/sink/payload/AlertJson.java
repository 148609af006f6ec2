package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.telemetry.connect.common.record.ValueJson;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

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
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString NOTIFICATION = new SerializedString("notification");
    private static final SerializableString INCIDENT = new SerializedString("incident");
    private static final SerializableString FINGERPRINT = new SerializedString("fingerprint");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString COUNT = new SerializedString("count");
    private static final SerializableString FIRST_SEEN = new SerializedString("first_seen");
    private static final SerializableString LAST_SEEN = new SerializedString("last_seen");
    private static final SerializableString STARTS_AT = new SerializedString("startsAt");
    private static final SerializableString ENDS_AT = new SerializedString("endsAt");
    private static final SerializableString PREVIOUS_SEVERITY = new SerializedString("previous_severity");
    private static final SerializableString POSITIONS = new SerializedString("positions");
    private static final SerializableString EXAMPLES = new SerializedString("examples");

    /** Alertmanager's webhook payload says this {@code endsAt} while an alert fires. */
    static final String OPEN_ENDS_AT = "0001-01-01T00:00:00Z";

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
        if (alert.notification() != null) {
            writeLifecycle(out, alert.notification());
        }
        out.writeEndObject();
    }

    /**
     * The incident a notification is about: its status and stable id, key, count, first and last seen, the stream
     * positions it covers and a few example records. {@code startsAt}, {@code endsAt} and {@code fingerprint} have the
     * meaning and form of Alertmanager's webhook payload, which many receivers parse.
     */
    private static void writeLifecycle(JsonGenerator out, Notification notification) throws IOException {
        writeField(out, STATUS, notification.status());
        writeField(out, NOTIFICATION, notification.kind().wireName());
        writeField(out, INCIDENT, notification.incident());
        writeField(out, FINGERPRINT, notification.incident());
        out.writeFieldName(KEY);
        out.writeStartObject();
        for (Map.Entry<String, String> field : notification.key().entrySet()) {
            out.writeStringField(field.getKey(), field.getValue());
        }
        out.writeEndObject();
        out.writeFieldName(COUNT);
        out.writeNumber(notification.count());
        out.writeFieldName(FIRST_SEEN);
        ValueJson.writeInstant(out, notification.firstSeen());
        out.writeFieldName(LAST_SEEN);
        ValueJson.writeInstant(out, notification.lastSeen());
        out.writeFieldName(STARTS_AT);
        ValueJson.writeInstant(out, notification.firstSeen());
        out.writeFieldName(ENDS_AT);
        if (notification.kind() == Notification.Kind.RESOLVED) {
            ValueJson.writeInstant(out, notification.endsAt());
        } else {
            out.writeString(OPEN_ENDS_AT);
        }
        if (notification.previousSeverity() != null) {
            out.writeFieldName(PREVIOUS_SEVERITY);
            out.writeString(SEVERITY_NAMES[notification.previousSeverity().ordinal()]);
        }
        out.writeFieldName(POSITIONS);
        out.writeStartObject();
        out.writeStringField("topic", notification.topic());
        out.writeNumberField("partition", notification.partition());
        out.writeNumberField("first_offset", notification.firstOffset());
        out.writeNumberField("last_offset", notification.lastOffset());
        out.writeEndObject();
        out.writeFieldName(EXAMPLES);
        out.writeStartArray();
        for (SinkRecord example : notification.examples()) {
            RecordJson.write(out, example);
        }
        out.writeEndArray();
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
