package dev.telemetry.connect.sink.sender;

import java.util.ArrayList;
import java.util.List;

import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.http.HttpOutcome;
import dev.telemetry.connect.sink.retry.TransientDeliveryException;

/**
 * When a destination refuses a whole batch for good, resends its alerts one by one, so that only the alerts it
 * really refuses go to the dead-letter queue and the rest are delivered.
 */
final class CulpritIsolation {

    /** Posts some alerts in one request. */
    @FunctionalInterface
    interface Post {
        HttpOutcome post(List<Alert> alerts) throws TransientDeliveryException, InterruptedException;
    }

    private CulpritIsolation() {
    }

    static DeliveryResult send(List<Alert> alerts, Post post) throws TransientDeliveryException, InterruptedException {
        HttpOutcome outcome = post.post(alerts);
        if (outcome.isAccepted()) {
            return DeliveryResult.ALL_DELIVERED;
        }
        if (alerts.size() == 1) {
            return new DeliveryResult(List.of(new DeliveryResult.Rejection(alerts.get(0), outcome.refusal())));
        }
        List<DeliveryResult.Rejection> rejections = new ArrayList<>();
        for (Alert alert : alerts) {
            HttpOutcome single = post.post(List.of(alert));
            if (!single.isAccepted()) {
                rejections.add(new DeliveryResult.Rejection(alert, single.refusal()));
            }
        }
        return new DeliveryResult(rejections);
    }
}
