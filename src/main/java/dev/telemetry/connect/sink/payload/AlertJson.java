package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.alert.Alert;

/** An alert as one JSON object: the shape of a line in the alert file and of an entry in a webhook batch. */
public final class AlertJson {

    private AlertJson() {}

    public static ObjectNode of(Alert alert) {
        ObjectNode json = Json.object();
        json.put("id", alert.id());
        json.put("severity", alert.severity().wireName());
        json.put("category", alert.category());
        json.put("source", alert.source());
        json.put("summary", alert.summary());
        json.put("description", alert.description());
        ObjectNode labels = json.putObject("labels");
        alert.labels().forEach(labels::put);
        json.put("event_time", alert.eventTime().toString());
        if (alert.processedTime() != null) {
            json.put("processed_time", alert.processedTime().toString());
        }
        json.put("occurrences", alert.occurrences());
        if (alert.occurrences() > 1) {
            json.put("last_event_time", alert.lastEventTime().toString());
        }
        if (alert.link() != null) {
            json.put("link", alert.link());
        }
        json.set("record", RecordJson.of(alert.records().get(0)));
        return json;
    }
}
