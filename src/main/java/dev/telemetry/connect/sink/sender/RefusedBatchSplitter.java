package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.http.HttpOutcome;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import java.util.List;

/**
 * Sends a batch in one request; when the destination refuses the whole batch for good, resends its alerts one by one,
 * so that only the alerts it really refuses go to the dead-letter queue. What each alert came to is remembered, so a
 * retry after a transient failure in the middle of that carries on where it stopped instead of starting over.
 */
final class RefusedBatchSplitter {

    /** Posts some alerts in one request. */
    @FunctionalInterface
    interface Post {
        HttpOutcome post(List<Alert> alerts) throws TransientFailureException, InterruptedException;
    }

    private final SettledAlerts settled = new SettledAlerts();

    DeliveryResult send(List<Alert> alerts, Post post) throws TransientFailureException, InterruptedException {
        List<Alert> pending = settled.unsettled(alerts);
        if (!pending.isEmpty() && pending.size() == alerts.size()) {
            HttpOutcome outcome = post.post(pending);
            if (outcome.isAccepted()) {
                pending.forEach(settled::delivered);
                return settled.resultFor(alerts);
            }
            if (pending.size() == 1) {
                settled.refused(pending.get(0), outcome.refusal());
                return settled.resultFor(alerts);
            }
        }
        for (Alert alert : pending) {
            HttpOutcome single = post.post(List.of(alert));
            if (single.isAccepted()) {
                settled.delivered(alert);
            } else {
                settled.refused(alert, single.refusal());
            }
        }
        return settled.resultFor(alerts);
    }
}
