package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.ValueText;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Folds repeats of the same alert into one delivery that carries the count. Two alerts of one partition are repeats
 * when their key fields ({@code dedup.key.fields}: severity, category, source, or value field paths) agree and the
 * later one's event time is within {@code dedup.window.ms} of the fold's first. A fold is released once it has been
 * held for the window, measured on the task's clock, so a quiet stream still delivers.
 *
 * <p>Folding stays within a partition so that dropping a revoked partition's folds never strands another
 * partition's records.
 */
public final class AlertDeduplicator {

    private final Duration window;
    private final List<String> keyFields;
    private final Map<List<Object>, Fold> open = new LinkedHashMap<>();

    public AlertDeduplicator(Duration window, List<String> keyFields) {
        this.window = window;
        this.keyFields = List.copyOf(keyFields);
    }

    public boolean enabled() {
        return !window.isZero() && !window.isNegative();
    }

    /** Takes an alert; returns the alerts now ready for delivery, in the order their folds opened. */
    public List<Alert> offer(Alert alert, Instant now) {
        if (!enabled()) {
            return List.of(alert);
        }
        List<Alert> ready = new ArrayList<>();
        List<Object> key = keyOf(alert);
        Fold fold = open.get(key);
        if (fold != null
                // Durations, not milliseconds: event times far apart (year +999999999) must not overflow.
                && Duration.between(fold.first.eventTime(), alert.eventTime()).compareTo(window) < 0) {
            fold.add(alert);
        } else {
            if (fold != null) {
                ready.add(open.remove(key).toAlert());
            }
            open.put(key, new Fold(alert, now));
        }
        ready.addAll(releaseDue(now));
        return ready;
    }

    /** The folds held for the whole window by {@code now}, oldest first. */
    public List<Alert> releaseDue(Instant now) {
        List<Alert> ready = new ArrayList<>();
        Iterator<Fold> folds = open.values().iterator();
        while (folds.hasNext()) {
            Fold fold = folds.next();
            if (Duration.between(fold.openedAt, now).compareTo(window) < 0) {
                break;
            }
            ready.add(fold.toAlert());
            folds.remove();
        }
        return ready;
    }

    /** How long until the oldest fold is due; {@code null} when nothing is held. */
    public Duration untilNextRelease(Instant now) {
        if (open.isEmpty()) {
            return null;
        }
        Fold oldest = open.values().iterator().next();
        Duration left = window.minus(Duration.between(oldest.openedAt, now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public int held() {
        return open.size();
    }

    /** Drops the folds of revoked partitions; Connect redelivers their records from the committed offsets. */
    public void forget(Collection<TopicPartition> partitions) {
        open.values()
                .removeIf(fold -> partitions.contains(new TopicPartition(fold.first.topic(), fold.first.partition())));
    }

    private List<Object> keyOf(Alert alert) {
        List<Object> key = new ArrayList<>(keyFields.size() + 2);
        key.add(alert.topic());
        key.add(alert.partition());
        for (String field : keyFields) {
            key.add(
                    switch (field) {
                        case AlertSinkConfig.KEY_SEVERITY -> alert.severity();
                        case AlertSinkConfig.KEY_CATEGORY -> alert.category();
                        case AlertSinkConfig.KEY_SOURCE -> alert.source();
                        default ->
                            ValueText.display(
                                    FieldPath.read(alert.records().get(0).value(), field));
                    });
        }
        return key;
    }

    private static final class Fold {
        final Alert first;
        final Instant openedAt;
        final List<SinkRecord> records = new ArrayList<>();
        Instant lastEventTime;

        Fold(Alert first, Instant openedAt) {
            this.first = first;
            this.openedAt = openedAt;
            this.records.addAll(first.records());
            this.lastEventTime = first.eventTime();
        }

        void add(Alert repeat) {
            records.addAll(repeat.records());
            if (repeat.eventTime().isAfter(lastEventTime)) {
                lastEventTime = repeat.eventTime();
            }
        }

        Alert toAlert() {
            return records.size() == 1 ? first : first.folded(records.size(), lastEventTime, records);
        }
    }
}
