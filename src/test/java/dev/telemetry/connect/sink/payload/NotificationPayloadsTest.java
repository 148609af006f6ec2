package dev.telemetry.connect.sink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.alert.Notification;
import dev.telemetry.connect.sink.alert.Notification.Kind;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each destination says an incident's notification in its own idiom, with the lifecycle fields. */
class NotificationPayloadsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertFactory factory =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    private Alert notification(Kind kind, Severity severity, Severity previous) {
        Alert opening = factory.create(
                SinkRecords.log("logs", 2, 40, "warning", "checkout", "checkout failed", T0.toEpochMilli()));
        Notification lifecycle = new Notification(
                kind,
                "logs-2-40",
                Map.of("source", "checkout"),
                7,
                T0,
                T0.plusSeconds(30),
                kind == Kind.RESOLVED ? T0.plusSeconds(330) : T0.plus(Duration.ofHours(4)),
                "logs",
                2,
                40,
                52,
                opening.records(),
                previous);
        return opening.asNotification(Notification.idOf("logs-2-40", kind, 1), severity, null, lifecycle);
    }

    @Test
    void webhookEntriesHaveTheLifecycleFieldsInAlertmanagersWebhookShape() throws Exception {
        JsonNode firing =
                JSON.readTree(WebhookPayload.body(List.of(notification(Kind.FIRING, Severity.WARNING, null))));
        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        JsonNode alert = firing.at("/alerts/0");
        assertThat(alert.get("id").asText()).isEqualTo("logs-2-40/firing");
        assertThat(alert.get("status").asText()).isEqualTo("firing");
        assertThat(alert.get("incident").asText()).isEqualTo("logs-2-40");
        assertThat(alert.get("fingerprint").asText()).isEqualTo("logs-2-40");
        assertThat(alert.at("/key/source").asText()).isEqualTo("checkout");
        assertThat(alert.get("count").asLong()).isEqualTo(7);
        assertThat(alert.get("first_seen").asText()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(alert.get("last_seen").asText()).isEqualTo("2026-12-07T08:00:30Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.at("/positions/partition").asInt()).isEqualTo(2);
        assertThat(alert.at("/positions/first_offset").asLong()).isEqualTo(40);
        assertThat(alert.at("/positions/last_offset").asLong()).isEqualTo(52);
        assertThat(alert.get("examples")).hasSize(1);

        JsonNode resolved =
                JSON.readTree(WebhookPayload.body(List.of(notification(Kind.RESOLVED, Severity.WARNING, null))));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/alerts/0/endsAt").asText()).isEqualTo("2026-12-07T08:05:30Z");
        assertThat(WebhookPayload.idempotencyKey(List.of(notification(Kind.RESOLVED, Severity.WARNING, null))))
                .isEqualTo("logs-2-40/resolved");
    }

    @Test
    void alertmanagerGetsOneAlertPerIncidentEndingWhenItResolvedAndAnEscalationEndsTheLowerSeverity() throws Exception {
        JsonNode resolved = JSON.readTree(AlertmanagerPayload.body(
                List.of(notification(Kind.RESOLVED, Severity.WARNING, null)), "TelemetryAlert", Duration.ZERO, T0));
        assertThat(resolved).hasSize(1);
        assertThat(resolved.at("/0/labels/incident").asText()).isEqualTo("logs-2-40");
        assertThat(resolved.at("/0/startsAt").asText()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(resolved.at("/0/endsAt").asText()).isEqualTo("2026-12-07T08:05:30Z");
        assertThat(resolved.at("/0/annotations/status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/0/annotations/count").asText()).isEqualTo("7");
        assertThat(resolved.at("/0/annotations/positions").asText()).isEqualTo("logs/2/40-52");

        JsonNode escalated = JSON.readTree(AlertmanagerPayload.body(
                List.of(notification(Kind.ESCALATION, Severity.CRITICAL, Severity.WARNING)),
                "TelemetryAlert",
                Duration.ZERO,
                T0));
        assertThat(escalated).hasSize(2);
        assertThat(escalated.at("/0/labels/severity").asText()).isEqualTo("critical");
        assertThat(escalated.at("/0/endsAt").asText()).isEqualTo("2026-12-07T12:00:00Z");
        assertThat(escalated.at("/1/labels/severity").asText()).isEqualTo("warning");
        assertThat(escalated.at("/1/endsAt").asText()).isEqualTo("2026-12-07T08:00:30Z");
    }

    @Test
    void slackMarksAResolvedMessageAndShowsTheCountsAndTheIncident() throws Exception {
        JsonNode message = JSON.readTree(SlackPayload.body(notification(Kind.RESOLVED, Severity.WARNING, null)));
        assertThat(message.get("text").asText()).startsWith(":white_check_mark: RESOLVED [WARNING] checkout failed");
        assertThat(message.toString()).contains("*Count*\\n7").contains("incident `logs-2-40`");
        JsonNode firing = JSON.readTree(SlackPayload.body(notification(Kind.FIRING, Severity.WARNING, null)));
        assertThat(firing.get("text").asText()).startsWith(":warning: FIRING [WARNING]");
    }
}
