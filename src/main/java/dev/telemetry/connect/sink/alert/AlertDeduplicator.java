package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.ValueText;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A window holds at most {@code dedup.max.records} records and {@code dedup.max.bytes} of their estimated heap
 * size: the record that reaches either bound closes its window at once (released early: more, smaller folds, nothing
 * dropped), so an alert storm takes bounded memory, at most the bounds times the partitions the task holds. Where a
 * window closes early depends only on its records, so a restart from the window's first record closes it at the same
 * record, and the same-ids guarantee holds. Early releases are counted; the first of a partition's storm is logged at
 * WARN, the next ones at DEBUG, and the storm's count at INFO when a window of the partition closes normally again.
 */
public final class AlertDeduplicator {

    private static final Logger log = LoggerFactory.getLogger(AlertDeduplicator.class);

    private final Duration window;
    private final List<String> keyFields;
    private final int maxRecords;
    private final long maxBytes;
    private final Map<TopicPartition, Window> open = new LinkedHashMap<>();
    /** Windows released early per partition since one last closed normally. */
    private final Map<TopicPartition, Integer> storms = new HashMap<>();

    private long earlyReleases;

    public AlertDeduplicator(Duration window, List<String> keyFields, int maxRecords, long maxBytes) {
        this.window = window;
        this.keyFields = List.copyOf(keyFields);
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
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
            ready.add(closed(partition, open.remove(partition)));
            current = null;
        }
        if (current == null) {
            current = new Window(partition, alert.eventTime(), now);
            open.put(partition, current);
        }
        current.add(keyOf(alert), alert);
        if (current.records >= maxRecords || current.bytes >= maxBytes) {
            ready.add(releasedEarly(partition, open.remove(partition)));
        }
        ready.addAll(releaseDue(now));
        return ready;
    }

    /** How many windows were released early, at a bound, since the task started. */
    public long earlyReleases() {
        return earlyReleases;
    }

    private List<Alert> releasedEarly(TopicPartition partition, Window full) {
        earlyReleases++;
        int inStorm = storms.merge(partition, 1, Integer::sum);
        if (inStorm == 1) {
            log.warn(
                    "Dedup window of {} released early at {} records (~{} bytes), the bound of {} ({}) or {} ({}): an "
                            + "alert storm is delivered in more, smaller folds, none dropped. Further early releases "
                            + "of this partition are logged at DEBUG until one of its windows closes normally; {} in "
                            + "this task so far",
                    partition,
                    full.records,
                    full.bytes,
                    AlertSinkConfig.DEDUP_MAX_RECORDS_CONFIG,
                    maxRecords,
                    AlertSinkConfig.DEDUP_MAX_BYTES_CONFIG,
                    maxBytes,
                    earlyReleases);
        } else {
            log.debug(
                    "Dedup window of {} released early at {} records (~{} bytes)", partition, full.records, full.bytes);
        }
        return full.release();
    }

    /** A window closed by time: ends the partition's storm, if any, with its count. */
    private List<Alert> closed(TopicPartition partition, Window done) {
        Integer storm = storms.remove(partition);
        if (storm != null) {
            log.info("Dedup windows of {} close on time again after {} early release(s)", partition, storm);
        }
        return done.release();
    }

    /** The windows held for the whole window by {@code now}, oldest first. */
    public List<List<Alert>> releaseDue(Instant now) {
        List<List<Alert>> ready = new ArrayList<>();
        Iterator<Window> windows = open.values().iterator();
        while (windows.hasNext()) {
            Window held = windows.next();
            if (reached(held.openedAt, now)) {
                windows.remove();
                ready.add(closed(held.partition, held));
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
        for (TopicPartition partition : partitions) {
            open.remove(partition);
            storms.remove(partition);
        }
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
        final TopicPartition partition;
        final Instant firstEventTime;
        final Instant openedAt;
        final Map<List<Object>, Fold> folds = new LinkedHashMap<>();
        int records;
        long bytes;

        Window(TopicPartition partition, Instant firstEventTime, Instant openedAt) {
            this.partition = partition;
            this.firstEventTime = firstEventTime;
            this.openedAt = openedAt;
        }

        void add(List<Object> key, Alert alert) {
            List<SinkRecord> added = alert.records();
            for (int i = 0; i < added.size(); i++) {
                bytes += heldBytes(added.get(i));
            }
            records += added.size();
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

    /** A held record's fixed part: the SinkRecord and its topic, timestamps and offsets. */
    private static final long RECORD_OVERHEAD = 160;
    /** Object header and fields of a small object (a number, a date, a boolean) or of a container. */
    private static final long OBJECT = 16;

    private static final long STRING = 40;
    private static final long CONTAINER = 48;
    /** A map entry or list slot, beyond its key and value. */
    private static final long SLOT = 32;
    /** Containers nested deeper than this are counted as their overhead only: real records are far shallower. */
    private static final int MAX_DEPTH = 16;

    /**
     * An estimate of the heap a held record takes, from its key, value and headers: strings as one byte a character
     * plus their object, numbers, dates and booleans as small objects, bytes as their length, and maps, lists and
     * structs as their slots and contents. No allocation but the iterators of maps and lists.
     */
    static long heldBytes(SinkRecord record) {
        long bytes = RECORD_OVERHEAD + estimate(record.key(), 0) + estimate(record.value(), 0);
        for (Header header : record.headers()) {
            bytes += SLOT + STRING + header.key().length() + estimate(header.value(), 0);
        }
        return bytes;
    }

    private static long estimate(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return STRING + text.length();
        }
        if (value instanceof byte[] bytes) {
            return OBJECT + bytes.length;
        }
        if (value instanceof ByteBuffer buffer) {
            return CONTAINER + buffer.remaining();
        }
        if (depth >= MAX_DEPTH) {
            return CONTAINER;
        }
        if (value instanceof Struct struct) {
            List<Field> fields = struct.schema().fields();
            long bytes = CONTAINER + (long) fields.size() * 8;
            for (int i = 0; i < fields.size(); i++) {
                bytes += estimate(struct.get(fields.get(i)), depth + 1);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = CONTAINER;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += SLOT + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return bytes;
        }
        if (value instanceof Collection<?> collection) {
            long bytes = CONTAINER;
            for (Object element : collection) {
                bytes += 8 + estimate(element, depth + 1);
            }
            return bytes;
        }
        return OBJECT;
    }
}
