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
 * Folds repeats of the same alert into one delivery that carries the count. Folding happens in windows, one at a time
 * per partition: the first alert of a partition opens its window, and alerts whose key fields ({@code
 * dedup.key.fields}: severity, category, source, or value field paths) agree are folded into one alert, with the id of
 * its first record, until the window closes. It closes when an alert of the partition has an event time {@code
 * dedup.window.ms} or more after the window's first (that alert opens the next window), or when it has been held that
 * long on the task's clock, so a quiet stream still delivers.
 *
 * <p>A window's folds are released together and no fold spans two windows. The task commits a window's records only
 * once all its folds are delivered, so a restart resumes at a window's first record and forms the same folds again,
 * under the same ids: a record is never delivered under two ids.
 */
public final class AlertDeduplicator {

    private final Duration window;
    private final List<String> keyFields;
    private final Map<TopicPartition, Window> open = new LinkedHashMap<>();

    public AlertDeduplicator(Duration window, List<String> keyFields) {
        this.window = window;
        this.keyFields = List.copyOf(keyFields);
    }

    public boolean enabled() {
        return !window.isZero();
    }

    /**
     * Takes an alert; returns the windows now closed, each as the alerts (folds) to deliver together, in the order
     * their windows and folds opened.
     */
    public List<List<Alert>> offer(Alert alert, Instant now) {
        if (!enabled()) {
            return List.of(List.of(alert));
        }
        List<List<Alert>> ready = new ArrayList<>();
        TopicPartition partition = new TopicPartition(alert.topic(), alert.partition());
        Window current = open.get(partition);
        if (current != null && reached(current.firstEventTime, alert.eventTime())) {
            ready.add(open.remove(partition).release());
            current = null;
        }
        if (current == null) {
            current = new Window(alert.eventTime(), now);
            open.put(partition, current);
        }
        current.add(keyOf(alert), alert);
        ready.addAll(releaseDue(now));
        return ready;
    }

    /** The windows held for the whole window by {@code now}, oldest first. */
    public List<List<Alert>> releaseDue(Instant now) {
        List<List<Alert>> ready = new ArrayList<>();
        Iterator<Window> windows = open.values().iterator();
        while (windows.hasNext()) {
            Window held = windows.next();
            if (reached(held.openedAt, now)) {
                ready.add(held.release());
                windows.remove();
            }
        }
        return ready;
    }

    /** How long until the oldest window is due; {@code null} when nothing is held. */
    public Duration untilNextRelease(Instant now) {
        Duration next = null;
        for (Window held : open.values()) {
            Duration left = window.minus(Duration.between(held.openedAt, now));
            Duration due = left.isNegative() ? Duration.ZERO : left;
            next = next == null || due.compareTo(next) < 0 ? due : next;
        }
        return next;
    }

    /** How many folds are held. */
    public int held() {
        return open.values().stream().mapToInt(held -> held.folds.size()).sum();
    }

    /** Drops the windows of revoked partitions; Connect redelivers their records from the committed offsets. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(open::remove);
    }

    /** Whether {@code to} is a whole window or more after {@code from}; never overflows. */
    private boolean reached(Instant from, Instant to) {
        return Duration.between(from, to).compareTo(window) >= 0;
    }

    private List<Object> keyOf(Alert alert) {
        List<Object> key = new ArrayList<>(keyFields.size());
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

    private static final class Window {
        final Instant firstEventTime;
        final Instant openedAt;
        final Map<List<Object>, Fold> folds = new LinkedHashMap<>();

        Window(Instant firstEventTime, Instant openedAt) {
            this.firstEventTime = firstEventTime;
            this.openedAt = openedAt;
        }

        void add(List<Object> key, Alert alert) {
            Fold fold = folds.get(key);
            if (fold == null) {
                folds.put(key, new Fold(alert));
            } else {
                fold.add(alert);
            }
        }

        List<Alert> release() {
            return folds.values().stream().map(Fold::toAlert).toList();
        }
    }

    private static final class Fold {
        final Alert first;
        final List<SinkRecord> records = new ArrayList<>();
        Instant lastEventTime;

        Fold(Alert first) {
            this.first = first;
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
