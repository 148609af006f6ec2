package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The body of Prometheus Alertmanager's {@code POST /api/v2/alerts}: an array of postable alerts with labels (which
 * identify an alert to Alertmanager: alertname, severity, category, source and the configured label fields),
 * annotations (summary, description, the alert id and count), {@code startsAt}, {@code endsAt} and
 * {@code generatorURL}.
 */
public final class AlertmanagerPayload {

    private AlertmanagerPayload() {}

    /**
     * @param resolveTimeout how long after {@code now} Alertmanager resolves the alert unless it is sent again
     */
    public static byte[] body(List<Alert> alerts, String alertName, Duration resolveTimeout, Instant now) {
        ArrayNode array = Json.array();
        for (Alert alert : alerts) {
            ObjectNode postable = array.addObject();
            ObjectNode labels = postable.putObject("labels");
            alert.labels().forEach(labels::put);
            labels.put("alertname", alertName);
            labels.put("severity", alert.severity().wireName());
            labels.put("category", alert.category());
            labels.put("source", alert.source());
            ObjectNode annotations = postable.putObject("annotations");
            annotations.put("summary", alert.summary());
            annotations.put("description", alert.description());
            annotations.put("alert_id", alert.id());
            annotations.put("occurrences", String.valueOf(alert.occurrences()));
            postable.put("startsAt", alert.eventTime().toString());
            Instant endsAt = now.plus(resolveTimeout);
            postable.put(
                    "endsAt",
                    (endsAt.isAfter(alert.eventTime())
                                    ? endsAt
                                    : alert.eventTime().plusSeconds(1))
                            .toString());
            if (alert.link() != null) {
                postable.put("generatorURL", alert.link());
            }
        }
        return Json.bytes(array);
    }
}
