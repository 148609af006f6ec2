package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The body of Prometheus Alertmanager's {@code POST /api/v2/alerts}: an array of postable alerts with labels (which
 * identify an alert to Alertmanager: alertname, severity, category, source and the configured label fields),
 * annotations (summary, description, the alert id and count), {@code startsAt}, {@code endsAt} and
 * {@code generatorURL}.
 *
 * <p>An incident notification is one Alertmanager alert per incident and severity (label {@code incident}): firing
 * with {@code endsAt} past its next repeat, resolved with {@code endsAt} when it ended, both taken from the incident
 * so that a notification sent again after a crash is the same. An escalation also ends the alert of the severity
 * it had.
 */
public final class AlertmanagerPayload {

    private AlertmanagerPayload() {}

    /**
     * @param resolveTimeout how long after {@code now} Alertmanager resolves a plain alert unless it is sent again
     */
    public static byte[] body(List<Alert> alerts, String alertName, Duration resolveTimeout, Instant now) {
        ArrayNode array = Json.array();
        for (Alert alert : alerts) {
            Notification notification = alert.notification();
            if (notification == null) {
                Instant endsAt = now.plus(resolveTimeout);
                postable(array, alert, alertName, alert.severity(), alert.eventTime(), endsAt);
                continue;
            }
            ObjectNode postable = postable(
                    array, alert, alertName, alert.severity(), notification.firstSeen(), notification.endsAt());
            ((ObjectNode) postable.get("labels")).put("incident", notification.incident());
            ObjectNode annotations = (ObjectNode) postable.get("annotations");
            annotations.put("incident", notification.incident());
            annotations.put("status", notification.status());
            annotations.put("notification", notification.kind().wireName());
            annotations.put("count", String.valueOf(notification.count()));
            annotations.put("first_seen", notification.firstSeen().toString());
            annotations.put("last_seen", notification.lastSeen().toString());
            annotations.put(
                    "positions",
                    notification.topic() + "/" + notification.partition() + "/" + notification.firstOffset() + "-"
                            + notification.lastOffset());
            Severity previous = notification.previousSeverity();
            if (previous != null) {
                ObjectNode ended =
                        postable(array, alert, alertName, previous, notification.firstSeen(), notification.lastSeen());
                ((ObjectNode) ended.get("labels")).put("incident", notification.incident());
                ((ObjectNode) ended.get("annotations")).put("incident", notification.incident());
            }
        }
        return Json.bytes(array);
    }

    private static ObjectNode postable(
            ArrayNode array, Alert alert, String alertName, Severity severity, Instant startsAt, Instant endsAt) {
        ObjectNode postable = array.addObject();
        ObjectNode labels = postable.putObject("labels");
        alert.labels().forEach(labels::put);
        labels.put("alertname", alertName);
        labels.put("severity", severity.wireName());
        labels.put("category", alert.category());
        labels.put("source", alert.source());
        ObjectNode annotations = postable.putObject("annotations");
        annotations.put("summary", alert.summary());
        annotations.put("description", alert.description());
        annotations.put("alert_id", alert.id());
        annotations.put("occurrences", String.valueOf(alert.occurrences()));
        postable.put("startsAt", startsAt.toString());
        // Alertmanager refuses an alert that ends before it starts.
        postable.put("endsAt", (endsAt.isAfter(startsAt) ? endsAt : startsAt.plusSeconds(1)).toString());
        if (alert.link() != null) {
            postable.put("generatorURL", alert.link());
        }
        return postable;
    }
}
