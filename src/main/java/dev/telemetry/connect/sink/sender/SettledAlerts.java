package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.sink.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, for the most recent alerts, whether the destination took each one or refused it for good. A batch that
 * failed half-way is then retried for the rest only: progress survives transient failures, and a destination without
 * idempotency keys is not sent the same alert twice.
 */
final class SettledAlerts {

    private static final int CAPACITY = 10_000;
    private static final String DELIVERED = "";

    private final Map<String, String> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    boolean isSettled(Alert alert) {
        return outcomes.containsKey(alert.id());
    }

    void delivered(Alert alert) {
        outcomes.put(alert.id(), DELIVERED);
    }

    void refused(Alert alert, String reason) {
        outcomes.put(alert.id(), reason);
    }

    List<Alert> unsettled(List<Alert> alerts) {
        return alerts.stream().filter(alert -> !isSettled(alert)).toList();
    }

    /** The result for a batch whose alerts are all settled: the refused ones with their reasons. */
    DeliveryResult resultFor(List<Alert> alerts) {
        List<DeliveryResult.Rejection> rejections = new ArrayList<>();
        for (Alert alert : alerts) {
            String outcome = outcomes.get(alert.id());
            if (outcome != null && !outcome.equals(DELIVERED)) {
                rejections.add(new DeliveryResult.Rejection(alert, outcome));
            }
        }
        return new DeliveryResult(rejections);
    }
}
