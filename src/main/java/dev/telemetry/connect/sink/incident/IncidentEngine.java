package dev.telemetry.connect.sink.incident;

import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.ValueText;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import dev.telemetry.connect.sink.alert.Notification.Kind;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The alert lifecycle: groups the alerts of a task's partitions into incidents per key and partition, and says when
 * one fires, repeats, gets worse and resolves, as notifications (alerts with a {@link Notification}).
 *
 * <p>The state is derived from Kafka alone. Each partition's incidents are a function of its records from the oldest
 * one an incident still needs; {@link #limit} holds the committed offset back to that record, so after a crash or a
 * rebalance the partition's new owner reads them again and rebuilds the same incidents, whose notifications carry the
 * same ids and content. Decisions use event time; the task's clock only moves a partition's time on while no record
 * comes (its newest event time plus the wall time since it arrived, less {@code incident.allowed.lateness.ms}), which
 * resolves after silence and fires and repeats absence: a record up to that late still finds what a replay would find.
 * A repeat of an incident that records feed waits for the first record past its due time.
 */
public final class IncidentEngine {

    /** The key of the overflow incident a partition's records of new keys go to once the task tracks its cap. */
    static final String OVERFLOW = "_overflow";

    private static final List<String> OVERFLOW_VALUES = List.of(OVERFLOW);

    private final IncidentSettings settings;
    private final Map<TopicPartition, PartitionIncidents> partitions = new HashMap<>();
    private final IncidentCounts counts = new IncidentCounts();
    /** Keys tracked by every partition together, checked against {@code incident.max.open}. */
    private int trackedKeys;

    public IncidentEngine(IncidentSettings settings) {
        this.settings = settings;
    }

    public IncidentCounts counts() {
        return counts;
    }

    /**
     * Takes one record's alert, alert-worthy or not (a record below {@code min.severity} resolves its key's incident;
     * for absence every record is activity), and returns the notifications it caused, oldest first.
     */
    public List<Alert> offer(Alert alert, Instant wallNow) {
        SinkRecord record = alert.records().get(0);
        TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        PartitionIncidents partition = partitions.computeIfAbsent(tp, PartitionIncidents::new);
        List<Alert> out = new ArrayList<>(0);
        partition.offer(alert, wallNow, out);
        return out;
    }

    /** Moves every partition's time on to the task's clock: resolves silent incidents, repeats, fires absence. */
    public List<Alert> advance(Instant wallNow) {
        List<Alert> out = new ArrayList<>(0);
        for (PartitionIncidents partition : partitions.values()) {
            partition.advance(wallNow, out);
        }
        return out;
    }

    /** A notification was delivered, or reported as refused: it no longer holds its incident's records back. */
    public void settled(Alert notification) {
        Notification lifecycle = notification.notification();
        PartitionIncidents partition = partitions.get(new TopicPartition(lifecycle.topic(), lifecycle.partition()));
        if (partition != null) {
            partition.settled(lifecycle.firstOffset());
        }
    }

    /** The committable offsets, each held back to the oldest record an incident of its partition still needs. */
    public Map<TopicPartition, OffsetAndMetadata> limit(Map<TopicPartition, OffsetAndMetadata> committable) {
        Map<TopicPartition, OffsetAndMetadata> limited = new HashMap<>(committable);
        committable.forEach((tp, offset) -> {
            PartitionIncidents partition = partitions.get(tp);
            if (partition != null) {
                long held = partition.commitPoint(offset.offset());
                if (held < offset.offset()) {
                    limited.put(tp, new OffsetAndMetadata(held));
                }
            }
        });
        return limited;
    }

    /** How long until the task's clock makes something due; {@code null} when nothing waits on it. */
    public Duration untilNextDue(Instant wallNow) {
        Duration next = null;
        for (PartitionIncidents partition : partitions.values()) {
            Duration until = partition.untilDue(wallNow);
            if (until != null && (next == null || until.compareTo(next) < 0)) {
                next = until;
            }
        }
        return next;
    }

    /** Drops the state of revoked partitions; their next owner rebuilds it from the committed offsets. */
    public void forget(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionIncidents partition = partitions.remove(tp);
            if (partition != null) {
                trackedKeys -= partition.keys.size();
            }
        }
    }

    /** The values of the key fields in an alert, in configured order. */
    List<String> keyValues(Alert alert) {
        List<String> values = new ArrayList<>(settings.keyFields().size());
        Object root = alert.records().get(0).value();
        for (String field : settings.keyFields()) {
            String value = switch (field) {
                case AlertSinkConfig.KEY_CATEGORY -> alert.category();
                case AlertSinkConfig.KEY_SOURCE -> alert.source();
                case AlertSinkConfig.KEY_SEVERITY -> alert.severity().wireName();
                default ->
                    root instanceof Struct || root instanceof Map<?, ?>
                            ? ValueText.orNull(FieldPath.read(root, field))
                            : null;
            };
            values.add(value == null ? "" : value);
        }
        return values;
    }

    private Map<String, String> keyMap(List<String> values) {
        if (values == OVERFLOW_VALUES) {
            return Map.of(OVERFLOW, "true");
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            key.put(settings.keyFields().get(i), values.get(i));
        }
        return Collections.unmodifiableMap(key);
    }

    /** A record seen for a key: its offset, event time and alert. */
    private record Seen(long offset, Instant time, Alert alert) {}

    /** What one key of one partition holds: its incident (pending or firing) and its recent records. */
    private static final class KeyState {
        final List<String> values;
        final Map<String, String> key;
        Incident incident;
        /** count: the key's alert-worthy records in the window, at most the threshold; absence: its last records. */
        final ArrayDeque<Seen> recent = new ArrayDeque<>();

        KeyState(List<String> values, Map<String, String> key) {
            this.values = values;
            this.key = key;
        }

        boolean isEmpty() {
            return incident == null && recent.isEmpty();
        }
    }

    /** The incidents of one partition and its time. */
    private final class PartitionIncidents {

        final String topic;
        final int partition;
        final Map<List<String>, KeyState> keys = new HashMap<>();
        /** The newest event time seen, and the task's clock when it was seen: the partition's time is derived. */
        Instant maxEventTime;

        Instant wallAtMax;
        /** The earliest partition time at which some key has something due; {@code null} when none has. */
        Instant nextDue;
        /** As {@link #nextDue}, of what the task's clock may decide (no repeat of an incident that records feed). */
        Instant nextClockDue;
        /**
         * The partition time up to which the task's clock has decided (the last time it swept); {@code null} until it
         * has. A record with an earlier event time came later than the allowed lateness.
         */
        Instant clockDecided;
        /** Notifications not yet delivered, counted by their incident's first offset: they hold the commit there. */
        final TreeMap<Long, Integer> undelivered = new TreeMap<>();
        /**
         * First and last offsets of resolved incidents. A commit point inside one would cut it: a replay from there
         * would see its last records alone and open another incident for them.
         */
        final List<long[]> closedSpans = new ArrayList<>();

        PartitionIncidents(TopicPartition tp) {
            this.topic = tp.topic();
            this.partition = tp.partition();
        }

        /**
         * The partition's time on the task's clock: the newest event time, moved on by the wall time since, less the
         * allowed lateness, so that a record arriving up to that late is still folded before the clock decides.
         */
        Instant clockTime(Instant wall) {
            if (maxEventTime == null) {
                return null;
            }
            Duration moved = Duration.between(wallAtMax, wall).minus(settings.allowedLateness());
            return moved.isNegative() ? maxEventTime : maxEventTime.plus(moved);
        }

        void offer(Alert alert, Instant wall, List<Alert> out) {
            Instant eventTime = alert.eventTime();
            if (clockDecided != null && eventTime.isBefore(clockDecided)) {
                counts.late++;
            }
            if (maxEventTime == null || eventTime.isAfter(maxEventTime)) {
                maxEventTime = eventTime;
                wallAtMax = wall;
            }
            if (nextDue != null && !maxEventTime.isBefore(nextDue)) {
                sweep(maxEventTime, false, out);
            }
            KeyState state = keyStateFor(alert);
            boolean alertWorthy = alert.severity().isAtLeast(settings.minSeverity());
            switch (settings.condition()) {
                case ABSENCE -> offerAbsence(state, alert, eventTime, out);
                case IMMEDIATE, COUNT, FOR -> {
                    if (alertWorthy) {
                        offerAlertWorthy(state, alert, eventTime, out);
                    } else {
                        offerBelowThreshold(state, alert, eventTime, out);
                    }
                }
            }
            if (state.isEmpty() && keys.remove(state.values) != null) {
                trackedKeys--;
            }
            nextDue = earlier(nextDue, due(state, false));
            nextClockDue = earlier(nextClockDue, due(state, true));
        }

        private KeyState keyStateFor(Alert alert) {
            List<String> values = keyValues(alert);
            KeyState state = keys.get(values);
            if (state != null) {
                return state;
            }
            if (trackedKeys >= settings.maxOpen()) {
                counts.overflowed++;
                values = OVERFLOW_VALUES;
                state = keys.get(values);
                if (state != null) {
                    return state;
                }
            }
            state = new KeyState(values, keyMap(values));
            keys.put(values, state);
            trackedKeys++;
            return state;
        }

        private void offerAlertWorthy(KeyState state, Alert alert, Instant eventTime, List<Alert> out) {
            Incident incident = state.incident;
            if (incident != null && incident.firing) {
                Severity before = incident.worst;
                if (incident.fold(alert, eventTime, settings.maxExamples())) {
                    incident.escalations++;
                    counts.escalated++;
                    out.add(notify(incident, Kind.ESCALATION, incident.escalations, firingEndsAt(incident), before));
                }
                return;
            }
            switch (settings.condition()) {
                case IMMEDIATE ->
                    fire(state, new Incident(alert, state.key, eventTime, settings.maxExamples()), eventTime, out);
                case COUNT -> {
                    state.recent.addLast(new Seen(alert.records().get(0).originalKafkaOffset(), eventTime, alert));
                    pruneWindow(state, eventTime);
                    if (state.recent.size() >= settings.countThreshold()) {
                        Iterator<Seen> seen = state.recent.iterator();
                        Seen first = seen.next();
                        Incident opened = new Incident(first.alert, state.key, first.time, settings.maxExamples());
                        while (seen.hasNext()) {
                            Seen next = seen.next();
                            opened.fold(next.alert, next.time, settings.maxExamples());
                        }
                        state.recent.clear();
                        fire(state, opened, eventTime, out);
                    }
                }
                case FOR -> {
                    if (incident == null) {
                        incident = new Incident(alert, state.key, eventTime, settings.maxExamples());
                        state.incident = incident;
                    } else {
                        incident.fold(alert, eventTime, settings.maxExamples());
                    }
                    if (!eventTime.isBefore(incident.firstSeen.plus(settings.forDuration()))) {
                        fire(state, incident, eventTime, out);
                    }
                }
                case ABSENCE -> throw new IllegalStateException("absence takes every record in offerAbsence");
            }
        }

        /** A record of the key below the threshold: the condition has ended. */
        private void offerBelowThreshold(KeyState state, Alert alert, Instant eventTime, List<Alert> out) {
            Incident incident = state.incident;
            if (incident == null) {
                return;
            }
            if (incident.firing) {
                incident.lastOffset =
                        Math.max(incident.lastOffset, alert.records().get(0).originalKafkaOffset());
                resolve(state, eventTime.isAfter(incident.lastSeen) ? eventTime : incident.lastSeen, out);
            } else {
                // A pending 'for' starts again, as a Prometheus evaluation without a result resets pending.
                state.incident = null;
            }
        }

        private void offerAbsence(KeyState state, Alert alert, Instant eventTime, List<Alert> out) {
            long offset = alert.records().get(0).originalKafkaOffset();
            state.recent.addLast(new Seen(offset, eventTime, alert));
            if (state.recent.size() > settings.absenceMinCount()) {
                state.recent.removeFirst();
            }
            Incident incident = state.incident;
            if (incident != null
                    && state.recent.size() >= settings.absenceMinCount()
                    && state.recent.peekFirst().time.isAfter(eventTime.minus(settings.window()))) {
                incident.lastOffset = Math.max(incident.lastOffset, offset);
                // A record behind the partition's newest (out of order, or later than the allowed lateness) can be
                // older than the firing: the resolved never ends before it started.
                resolve(state, eventTime.isAfter(incident.firedAt) ? eventTime : incident.firedAt, out);
            }
        }

        /** Drops the key's records that the window, ending at {@code time}, no longer holds. */
        private void pruneWindow(KeyState state, Instant time) {
            Instant windowStart = time.minus(settings.window());
            while (!state.recent.isEmpty() && !state.recent.peekFirst().time.isAfter(windowStart)) {
                state.recent.removeFirst();
            }
            while (state.recent.size() > settings.countThreshold()) {
                state.recent.removeFirst();
            }
        }

        private void fire(KeyState state, Incident incident, Instant at, List<Alert> out) {
            incident.firing = true;
            incident.firedAt = at;
            state.incident = incident;
            counts.fired++;
            out.add(notify(incident, Kind.FIRING, 0, firingEndsAt(incident), null));
        }

        private void resolve(KeyState state, Instant endsAt, List<Alert> out) {
            Incident incident = state.incident;
            state.incident = null;
            counts.resolved++;
            closedSpans.add(new long[] {incident.firstOffset, incident.lastOffset});
            out.add(notify(incident, Kind.RESOLVED, 0, endsAt, null));
        }

        /** Until when a firing incident counts as firing unless notified again: past its next repeat and a silence. */
        private Instant firingEndsAt(Incident incident) {
            return incident.firedAt
                    .plus(settings.repeatInterval().multipliedBy(incident.repeats + 1L))
                    .plus(settings.resolveAfter());
        }

        private Alert notify(Incident incident, Kind kind, int sequence, Instant endsAt, Severity previous) {
            Notification notification = new Notification(
                    kind,
                    incident.id,
                    incident.key,
                    incident.count,
                    incident.firstSeen,
                    incident.lastSeen,
                    endsAt,
                    topic,
                    partition,
                    incident.firstOffset,
                    incident.lastOffset,
                    incident.examples,
                    previous);
            undelivered.merge(incident.firstOffset, 1, Integer::sum);
            return incident.opening.asNotification(
                    Notification.idOf(incident.id, kind, sequence), incident.worst, incident.summary, notification);
        }

        void advance(Instant wall, List<Alert> out) {
            Instant now = clockTime(wall);
            if (now != null && nextClockDue != null && !now.isBefore(nextClockDue)) {
                clockDecided = now;
                sweep(now, true, out);
            }
        }

        /** Does what is due at partition time {@code now} for every key, and finds the next due time. */
        private void sweep(Instant now, boolean byClock, List<Alert> out) {
            Instant next = null;
            Instant nextClock = null;
            Iterator<KeyState> states = keys.values().iterator();
            while (states.hasNext()) {
                KeyState state = states.next();
                advanceKey(state, now, byClock, out);
                if (state.isEmpty()) {
                    states.remove();
                    trackedKeys--;
                    continue;
                }
                next = earlier(next, due(state, false));
                nextClock = earlier(nextClock, due(state, true));
            }
            nextDue = next;
            nextClockDue = nextClock;
        }

        private void advanceKey(KeyState state, Instant now, boolean byClock, List<Alert> out) {
            Incident incident = state.incident;
            if (incident != null && incident.firing) {
                if (settings.condition() != Condition.ABSENCE) {
                    Instant silentUntil = incident.lastSeen.plus(settings.resolveAfter());
                    if (!now.isBefore(silentUntil)) {
                        resolve(state, silentUntil, out);
                        return;
                    }
                }
                if (byClock && recordsDecideRepeats()) {
                    return;
                }
                Instant repeatDue = repeatDue(incident);
                if (!now.isBefore(repeatDue)) {
                    // One repeat however many intervals passed unseen; its number says which interval it is.
                    incident.repeats =
                            (int) (Duration.between(incident.firedAt, now).toMillis()
                                    / settings.repeatInterval().toMillis());
                    counts.repeated++;
                    out.add(notify(incident, Kind.REPEAT, incident.repeats, firingEndsAt(incident), null));
                }
                return;
            }
            switch (settings.condition()) {
                case FOR -> {
                    if (incident != null && now.isAfter(incident.lastSeen.plus(settings.forMaxGap()))) {
                        state.incident = null;
                    }
                }
                case COUNT -> pruneWindow(state, now);
                case ABSENCE -> {
                    Instant fireAt = absenceDue(state);
                    if (fireAt != null && !now.isBefore(fireAt)) {
                        fireAbsence(state, fireAt, out);
                    }
                }
                case IMMEDIATE -> {}
            }
        }

        /**
         * Fires an absence incident at the instant the window lost its last needed record: everything in it comes
         * from the records, so a replay makes the same notification whenever it gets there.
         */
        private void fireAbsence(KeyState state, Instant fireAt, List<Alert> out) {
            Seen last = state.recent.peekLast();
            long inWindow = state.recent.stream()
                    .filter(seen -> seen.time.isAfter(fireAt.minus(settings.window())))
                    .count();
            Incident incident = new Incident(last.alert, state.key, last.time, settings.maxExamples());
            incident.count = inWindow;
            incident.summary = "Fewer than " + settings.absenceMinCount() + " record(s) of " + describe(state.key)
                    + " in " + settings.window() + "; the last at " + last.time;
            fire(state, incident, fireAt, out);
        }

        private Instant absenceDue(KeyState state) {
            return state.recent.isEmpty() ? null : state.recent.peekFirst().time.plus(settings.window());
        }

        /**
         * Whether a repeat waits for the first record past its due time rather than the task's clock: then a replay
         * after a crash or rebalance makes it at the same record, with the same content, however late records arrived
         * the first time. An incident that gets no record resolves after {@code resolve.after} instead. Absence has
         * no records to wait for, so the clock repeats it.
         */
        private boolean recordsDecideRepeats() {
            return settings.condition() != Condition.ABSENCE;
        }

        private Instant repeatDue(Incident incident) {
            return incident.firedAt.plus(settings.repeatInterval().multipliedBy(incident.repeats + 1L));
        }

        /**
         * The partition time at which the key has something to do, of what records decide or, {@code byClock}, of what
         * the task's clock may decide; {@code null} when only a record can change it.
         */
        private Instant due(KeyState state, boolean byClock) {
            Incident incident = state.incident;
            if (incident != null && incident.firing) {
                Instant repeat = repeatDue(incident);
                if (settings.condition() == Condition.ABSENCE) {
                    return repeat;
                }
                Instant silence = incident.lastSeen.plus(settings.resolveAfter());
                return byClock && recordsDecideRepeats() ? silence : earlier(silence, repeat);
            }
            return switch (settings.condition()) {
                case FOR ->
                    incident == null
                            ? null
                            : incident.lastSeen.plus(settings.forMaxGap()).plusMillis(1);
                case COUNT ->
                    state.recent.isEmpty()
                            ? null
                            : state.recent.peekFirst().time.plus(settings.window());
                case ABSENCE -> absenceDue(state);
                case IMMEDIATE -> null;
            };
        }

        void settled(long firstOffset) {
            undelivered.computeIfPresent(firstOffset, (offset, pending) -> pending == 1 ? null : pending - 1);
        }

        /**
         * The offset to commit instead of {@code committable}: the oldest record an open or pending incident, an
         * undelivered notification or the window of a key still needs, moved back further while it would cut a
         * resolved incident in two.
         */
        long commitPoint(long committable) {
            long point = committable;
            for (KeyState state : keys.values()) {
                if (state.incident != null) {
                    point = Math.min(point, state.incident.firstOffset);
                }
                if (!state.recent.isEmpty()) {
                    point = Math.min(point, state.recent.peekFirst().offset);
                }
            }
            if (!undelivered.isEmpty()) {
                point = Math.min(point, undelivered.firstKey());
            }
            boolean moved = true;
            while (moved) {
                moved = false;
                for (long[] span : closedSpans) {
                    if (span[0] < point && span[1] >= point) {
                        point = span[0];
                        moved = true;
                    }
                }
            }
            long committed = point;
            closedSpans.removeIf(span -> span[1] < committed);
            return point;
        }

        Duration untilDue(Instant wall) {
            if (nextClockDue == null || maxEventTime == null) {
                return null;
            }
            Instant wallDue =
                    wallAtMax.plus(Duration.between(maxEventTime, nextClockDue)).plus(settings.allowedLateness());
            return wallDue.isAfter(wall) ? Duration.between(wall, wallDue) : Duration.ZERO;
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String describe(Map<String, String> key) {
        return key.isEmpty() ? "the partition" : key.toString();
    }
}
