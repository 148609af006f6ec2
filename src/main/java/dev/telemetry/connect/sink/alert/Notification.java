package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.schema.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What an alert says about the incident it notifies: the lifecycle part of a notification. Every field comes from the
 * records the incident folded, never from the time it was sent, so a notification sent again after a crash is the same
 * bytes as its first send.
 *
 * @param kind what happened: the incident fired, is still firing ({@link Kind#REPEAT}), got worse, or resolved
 * @param incident the incident's stable id, {@code topic-partition-offset} of the record that opened it
 * @param key the incident key: each configured field path to its value in the opening record
 * @param count how many alert-worthy records the incident folded so far
 * @param firstSeen event time of the first of them
 * @param lastSeen event time of the last of them
 * @param endsAt when the incident ended (resolved), or until when it counts as firing unless notified again
 * @param firstOffset offset of the first record the incident covers, in {@code topic} and {@code partition}
 * @param lastOffset offset of the last record it covers: every record of the key between the two belongs to it
 * @param examples the first folded records, at most {@code incident.max.examples}
 * @param previousSeverity for an escalation, the severity it had before; otherwise {@code null}
 */
public record Notification(
        Kind kind,
        String incident,
        Map<String, String> key,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        Instant endsAt,
        String topic,
        int partition,
        long firstOffset,
        long lastOffset,
        List<SinkRecord> examples,
        Severity previousSeverity) {

    /** The kinds of notification an incident sends; each has its own id. */
    public enum Kind {
        FIRING,
        REPEAT,
        ESCALATION,
        RESOLVED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Notification {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(incident);
        // In the configured order of the key fields, not Map.copyOf's per-JVM order: a notification sent again by
        // another worker after a crash must be the same bytes.
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        examples = List.copyOf(examples);
    }

    /** {@code firing} or {@code resolved}: the status receivers of Alertmanager's webhook payload read. */
    public String status() {
        return kind == Kind.RESOLVED ? "resolved" : "firing";
    }

    /** The notification's own id: the incident id and its kind, with the sequence number of a repeat or escalation. */
    public static String idOf(String incident, Kind kind, int sequence) {
        return switch (kind) {
            case FIRING, RESOLVED -> incident + "/" + kind.wireName();
            case REPEAT, ESCALATION -> incident + "/" + kind.wireName() + "-" + sequence;
        };
    }
}
