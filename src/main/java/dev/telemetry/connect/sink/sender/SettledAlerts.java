package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.sink.alert.Alert;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, for the most recent alerts, whether the destination took each one or refused it for good. A batch that
 * failed half-way is then retried for the rest only: progress survives transient failures, and a destination without
 * idempotency keys is not sent the same alert twice.
 *
 * <p>The memory is of alert objects, the ones the task retries, not of ids: a different record can carry an id seen
 * before (a topic deleted and created again restarts its offsets), and must not be skipped as already delivered.
 */
final class SettledAlerts {

    private static final int CAPACITY = 10_000;
    private static final String DELIVERED = "";

    /** Weakly held, so remembering an alert never keeps its records in memory. */
    private record Outcome(WeakReference<Alert> alert, String refusal) {}

    private final Map<String, Outcome> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > CAPACITY;
        }
    };

    boolean isSettled(Alert alert) {
        return outcomeOf(alert) != null;
    }

    void delivered(Alert alert) {
        outcomes.put(alert.id(), new Outcome(new WeakReference<>(alert), DELIVERED));
    }

    void refused(Alert alert, String reason) {
        outcomes.put(alert.id(), new Outcome(new WeakReference<>(alert), reason));
    }

    List<Alert> unsettled(List<Alert> alerts) {
        return alerts.stream().filter(alert -> !isSettled(alert)).toList();
    }

    /** The result for a batch whose alerts are all settled: the refused ones with their reasons. */
    DeliveryResult resultFor(List<Alert> alerts) {
        List<DeliveryResult.Rejection> rejections = new ArrayList<>();
        for (Alert alert : alerts) {
            String outcome = outcomeOf(alert);
            if (outcome != null && !outcome.equals(DELIVERED)) {
                rejections.add(new DeliveryResult.Rejection(alert, outcome));
            }
        }
        return new DeliveryResult(rejections);
    }

    /** What became of this very alert; {@code null} when it was not sent, even if another alert had its id. */
    private String outcomeOf(Alert alert) {
        Outcome outcome = outcomes.get(alert.id());
        return outcome != null && outcome.alert().get() == alert ? outcome.refusal() : null;
    }
}
