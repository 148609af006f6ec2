package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.schema.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One alert, built from one record or folded from several repeats of the same key. Its {@link #id()} comes from
 * the topic, partition and offset of the first record, so a redelivery after a crash carries the same idempotency key.
 */
public final class Alert {

    private final String id;
    private final Severity severity;
    private final String category;
    private final String source;
    private final String summary;
    private final String description;
    private final Map<String, String> labels;
    private final Instant eventTime;
    private final Instant processedTime;
    private final int occurrences;
    private final Instant lastEventTime;
    private final List<SinkRecord> records;
    private final String link;
    private final Notification notification;

    /** {@code labels} is kept as given, not copied: an unmodifiable map that nothing else writes to. */
    Alert(
            String id,
            Severity severity,
            String category,
            String source,
            String summary,
            String description,
            Map<String, String> labels,
            Instant eventTime,
            Instant processedTime,
            int occurrences,
            Instant lastEventTime,
            List<SinkRecord> records,
            String link) {
        this(
                id,
                severity,
                category,
                source,
                summary,
                description,
                labels,
                eventTime,
                processedTime,
                occurrences,
                lastEventTime,
                records,
                link,
                null);
    }

    private Alert(
            String id,
            Severity severity,
            String category,
            String source,
            String summary,
            String description,
            Map<String, String> labels,
            Instant eventTime,
            Instant processedTime,
            int occurrences,
            Instant lastEventTime,
            List<SinkRecord> records,
            String link,
            Notification notification) {
        this.id = Objects.requireNonNull(id);
        this.severity = Objects.requireNonNull(severity);
        this.category = Objects.requireNonNull(category);
        this.source = Objects.requireNonNull(source);
        this.summary = Objects.requireNonNull(summary);
        this.description = Objects.requireNonNull(description);
        this.labels = Objects.requireNonNull(labels);
        this.eventTime = Objects.requireNonNull(eventTime);
        this.processedTime = processedTime;
        this.occurrences = occurrences;
        this.lastEventTime = lastEventTime;
        this.records = List.copyOf(records);
        this.link = link;
        this.notification = notification;
    }

    /** The stable id {@code topic-partition-offset} of the first record as consumed; the idempotency key. */
    public static String idOf(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    /** This alert standing for {@code occurrences} repeats, the last seen at {@code lastEventTime}. */
    public Alert folded(int occurrences, Instant lastEventTime, List<SinkRecord> records) {
        return new Alert(
                id,
                severity,
                category,
                source,
                summary,
                description,
                labels,
                eventTime,
                processedTime,
                occurrences,
                lastEventTime,
                records,
                link);
    }

    /**
     * This alert, the one that opened an incident, as a notification about that incident: its own id, the incident's
     * worst severity and count, and the lifecycle fields; the summary is replaced when {@code summary} is not null.
     */
    public Alert asNotification(String notificationId, Severity worst, String summary, Notification notification) {
        return new Alert(
                notificationId,
                worst,
                category,
                source,
                summary == null ? this.summary : summary,
                description,
                labels,
                notification.firstSeen(),
                processedTime,
                (int) Math.min(Integer.MAX_VALUE, notification.count()),
                notification.lastSeen(),
                records,
                link,
                notification);
    }

    /** The lifecycle part when this alert notifies an incident; {@code null} for a plain alert of one record. */
    public Notification notification() {
        return notification;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String category() {
        return category;
    }

    public String source() {
        return source;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    /** Label name to value in configured order, names restricted to {@code [A-Za-z_][A-Za-z0-9_]*}. */
    public Map<String, String> labels() {
        return labels;
    }

    public Instant eventTime() {
        return eventTime;
    }

    /** When the pipeline processed the event ({@code processed_at}); {@code null} when the record had none. */
    public Instant processedTime() {
        return processedTime;
    }

    /** How many records this alert stands for: 1 unless repeats were folded into it. */
    public int occurrences() {
        return occurrences;
    }

    public Instant lastEventTime() {
        return lastEventTime;
    }

    /**
     * The records this alert was built from, first one first: the one copy of the record an alert carries (payloads
     * render the first as JSON), and what a rejection reports.
     */
    public List<SinkRecord> records() {
        return records;
    }

    /** Where a human looks next, rendered from {@code alert.link.template}; {@code null} when none is set. */
    public String link() {
        return link;
    }

    /** The topic the first record was consumed from, before the sink's own transforms. */
    public String topic() {
        return records.get(0).originalTopic();
    }

    /** The partition the first record was consumed from, before the sink's own transforms. */
    public int partition() {
        return records.get(0).originalKafkaPartition();
    }

    @Override
    public String toString() {
        return "Alert{" + id + ", " + severity + ", " + category + ", " + source + ", x" + occurrences + "}";
    }
}
