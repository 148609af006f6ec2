package dev.telemetry.connect.sink.incident;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One incident of one key in one partition: pending (the condition has not held yet) or firing. What it folded is
 * kept as counts, times, the offset range and a few example records; the records themselves are not.
 */
final class Incident {

    final String id;
    /** The alert of the record that opened it: the summary, description, labels and link its notifications carry. */
    final Alert opening;

    final Map<String, String> key;
    final long firstOffset;
    long lastOffset;
    long count;
    final Instant firstSeen;
    Instant lastSeen;
    Severity worst;
    final List<SinkRecord> examples = new ArrayList<>();
    boolean firing;
    /** When it fired, in event time; repeats are due at whole repeat intervals after it. */
    Instant firedAt;

    int repeats;
    int escalations;
    /** A summary of its own, for incidents no single record describes (absence); otherwise {@code null}. */
    String summary;

    Incident(Alert opening, Map<String, String> key, Instant eventTime, int maxExamples) {
        SinkRecord record = opening.records().get(0);
        this.id = Alert.idOf(record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
        this.opening = opening;
        this.key = key;
        this.firstOffset = record.originalKafkaOffset();
        this.lastOffset = firstOffset;
        this.count = 1;
        this.firstSeen = eventTime;
        this.lastSeen = eventTime;
        this.worst = opening.severity();
        if (maxExamples > 0) {
            examples.add(record);
        }
    }

    /** Folds one more record of the key; {@code true} when it made the incident worse. */
    boolean fold(Alert alert, Instant eventTime, int maxExamples) {
        SinkRecord record = alert.records().get(0);
        count++;
        lastOffset = Math.max(lastOffset, record.originalKafkaOffset());
        if (eventTime.isAfter(lastSeen)) {
            lastSeen = eventTime;
        }
        if (examples.size() < maxExamples) {
            examples.add(record);
        }
        if (alert.severity().compareTo(worst) > 0) {
            worst = alert.severity();
            return true;
        }
        return false;
    }
}
