package dev.telemetry.connect.sink.payload;

import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The generic webhook's body, {@code {"alerts": [...]}} with each alert as {@link AlertJson}, and its
 * {@code Idempotency-Key}. Each alert carries its own stable {@code id}; the request's key is that id for a single
 * alert, and a digest of the ids for a batch, so a redelivered batch repeats the key it had. A batch of incident
 * notifications also carries the {@code version} and {@code status} of Alertmanager's webhook payload.
 */
public final class WebhookPayload {

    private WebhookPayload() {}

    public static byte[] body(List<Alert> alerts) {
        return Json.bytes(out -> {
            out.writeStartObject();
            if (alerts.stream().anyMatch(alert -> alert.notification() != null)) {
                // Alertmanager's webhook shape (version 4): the request is resolved when every alert in it is.
                out.writeStringField("version", "4");
                out.writeStringField(
                        "status",
                        alerts.stream()
                                        .allMatch(alert -> alert.notification() != null
                                                && alert.notification().kind() == Notification.Kind.RESOLVED)
                                ? "resolved"
                                : "firing");
            }
            out.writeArrayFieldStart("alerts");
            for (Alert alert : alerts) {
                AlertJson.write(out, alert);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    public static String idempotencyKey(List<Alert> alerts) {
        if (alerts.size() == 1) {
            return alerts.get(0).id();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Alert alert : alerts) {
                sha.update(alert.id().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "batch-" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
