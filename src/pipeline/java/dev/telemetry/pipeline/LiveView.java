package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the user watches: a plain KafkaConsumer on the stream topics counts events per stream, and among them the
 * alerts (records at or above the sink's Filter severity, which stay in their stream), and the alert file the sink
 * writes is tailed. Every {@link #TICK} it prints one progress line and the alerts that arrived since the last one.
 * With a sink that alerts in incidents, the file's lines are notifications: {@link IncidentLedger} counts them and
 * {@link IncidentCoverage} checks that every alert in the streams belongs to exactly one delivered incident.
 */
final class LiveView implements AutoCloseable {

    static final List<String> STREAMS = List.of("web", "mobile", "api", "database", "logs", "events");
    private static final Duration TICK = Duration.ofSeconds(2);
    private static final int MAX_ALERTS_PER_TICK = 5;
    private static final int MAX_ALERT_WIDTH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final AppendedLines alertLines;
    private final PrintStream out;

    private final Map<String, Long> totalPerStream = new LinkedHashMap<>();
    private final Map<String, Long> tickPerStream = new LinkedHashMap<>();
    private final Map<String, Long> alertsBySeverity = new TreeMap<>();
    private final List<String> pendingAlerts = new ArrayList<>();
    private final List<String> topics;
    private final List<String> alertSeverities;
    private long alertsInStreams;
    private long alertsDelivered;
    private long startedNanos;
    private Supplier<List<String>> extraTickLines = List::of;
    /** Both {@code null} when the sink sends one alert per record. */
    private final IncidentLedger incidents;
    private final IncidentCoverage coverage;

    /** @param incidentKeyFields the sink's incident key fields, or {@code null} when it sends one alert per record */
    LiveView(Properties client, List<String> topics, List<String> alertSeverities, Path alertFile,
             List<String> incidentKeyFields, PrintStream out) {
        this.topics = topics;
        this.incidents = incidentKeyFields == null ? null : new IncidentLedger();
        this.coverage = incidentKeyFields == null ? null : new IncidentCoverage(incidentKeyFields);
        this.alertSeverities = alertSeverities;
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "telemetry-pipeline-live-view");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Only committed transactions: the source runs with exactly-once support.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The topics appear when the source first writes; notice them within a second.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.alertLines = new AppendedLines(alertFile);
        this.out = out;
        STREAMS.forEach(s -> totalPerStream.put(s, 0L));
    }

    /** Lines printed under each progress line, such as the real inputs' counts. */
    void addTickLines(Supplier<List<String>> lines) {
        this.extraTickLines = lines;
    }

    /** Prints progress until {@code stop} says so; returns normally, also when woken up by {@link #wakeup()}. */
    void run(BooleanSupplier stop) {
        consumer.subscribe(Pattern.compile(String.join("|", topics.stream().map(Pattern::quote).toList())));
        startedNanos = System.nanoTime();
        long nextTick = startedNanos + TICK.toNanos();
        try {
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count(record);
                }
                if (System.nanoTime() >= nextTick) {
                    readAlertFile();
                    printTick();
                    nextTick += TICK.toNanos();
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C: the shutdown hook woke the consumer so the runner can stop.
        }
        readAlertFile();
    }

    void wakeup() {
        consumer.wakeup();
    }

    /**
     * With the sources paused: reads the stream topics to their end and waits until the sink has delivered as many
     * alerts as they hold (with incidents: until every alert is in a delivered incident and every incident resolved),
     * or {@code limit} has passed. The summary then compares whole streams, not two readers' positions at one moment.
     * True when the sink caught up.
     */
    boolean catchUp(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                count(record);
            }
            readAlertFile();
            if (atEndOfStreams() && deliveredAll()) {
                return true;
            }
        }
        return false;
    }

    private boolean deliveredAll() {
        return incidents == null ? alertsDelivered >= alertsInStreams : coverage.check(incidents).complete();
    }

    /** Whether this consumer has read every committed record of its partitions. */
    private boolean atEndOfStreams() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        // read_committed: the end offsets are the last stable offsets.
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        JsonNode value = payload(record.value());
        String stream = value.path("stream").asText(record.topic());
        totalPerStream.merge(stream, 1L, Long::sum);
        tickPerStream.merge(stream, 1L, Long::sum);
        String severity = value.path("severity").asText("unclassified");
        if (alertSeverities.contains(severity)) {
            alertsInStreams++;
            alertsBySeverity.merge(severity, 1L, Long::sum);
            if (coverage != null) {
                coverage.add(record.topic(), record.partition(), record.offset(), value);
            }
        }
    }

    /** The record value as JSON, unwrapping JsonConverter's schema envelope. */
    static JsonNode payload(byte[] bytes) {
        if (bytes == null) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node.has("payload") && node.has("schema") ? node.get("payload") : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private void readAlertFile() {
        try {
            for (String line : alertLines.read()) {
                alertsDelivered++;
                pendingAlerts.add(incidents == null ? "ALERT " + line : incidents.add(line));
            }
        } catch (IOException e) {
            out.println("  (cannot read " + alertLines.file() + ": " + e.getMessage() + ")");
        }
    }

    private void printTick() {
        double seconds = TICK.toMillis() / 1000.0;
        StringBuilder line = new StringBuilder(String.format("[%4ds] ", elapsedSeconds()));
        for (String stream : STREAMS) {
            line.append(String.format("%s %.0f/s  ", stream, tickPerStream.getOrDefault(stream, 0L) / seconds));
        }
        line.append("| alerts in streams ").append(alertsInStreams).append(", delivered ").append(alertsDelivered);
        if (incidents != null) {
            line.append(" notifications: ").append(incidents.counts());
        }
        out.println(line);
        extraTickLines.get().forEach(out::println);
        int shown = 0;
        for (String alert : pendingAlerts) {
            if (shown++ == MAX_ALERTS_PER_TICK) {
                out.println("         ... and " + (pendingAlerts.size() - MAX_ALERTS_PER_TICK) + " more");
                break;
            }
            out.println("         " + (alert.length() > MAX_ALERT_WIDTH
                    ? alert.substring(0, MAX_ALERT_WIDTH) + "..." : alert));
        }
        pendingAlerts.clear();
        tickPerStream.clear();
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    long totalEvents() {
        return totalPerStream.values().stream().mapToLong(Long::longValue).sum();
    }

    long alertsDelivered() {
        return alertsDelivered;
    }

    long alertsInStreams() {
        return alertsInStreams;
    }

    List<String> summary() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("events read back from Kafka in %.0f s:", seconds));
        totalPerStream.forEach((stream, count) ->
                lines.add(String.format("  %-9s %8d  (%.1f/s)", stream, count, count / seconds)));
        lines.add(String.format("  %-9s %8d  (%.1f/s)", "total", totalEvents(), totalEvents() / seconds));
        lines.add("alerts in the stream topics " + topics + " (severity " + String.join(" or ", alertSeverities)
                + ", each still in its stream): " + alertsInStreams
                + (alertsBySeverity.isEmpty() ? "" : " " + alertsBySeverity));
        if (incidents == null) {
            lines.add("alerts delivered to " + alertLines.file().getFileName() + " by the sink: " + alertsDelivered);
        } else {
            lines.addAll(incidentSummary());
        }
        return lines;
    }

    /** The incidents beside the alerts, and whether every alert in the streams is in exactly one of them. */
    private List<String> incidentSummary() {
        IncidentCoverage.Result result = coverage.check(incidents);
        List<String> lines = new ArrayList<>();
        lines.add("notifications delivered to " + alertLines.file().getFileName() + " by the sink: " + alertsDelivered
                + " (" + incidents.counts() + ")");
        lines.add("incident check: " + result.line() + (result.complete() ? ": OK" : ""));
        result.examples().forEach(example -> lines.add("  " + example));
        incidents.violations().forEach(violation -> lines.add("  VIOLATION " + violation));
        return lines;
    }

    /**
     * Broken promises of the lifecycle: overlapping incidents of one key, an incident on no alert, a re-send that
     * differs, a notification before its firing. A record in no incident yet is reported by the summary.
     */
    List<String> incidentViolations() {
        if (incidents == null) {
            return List.of();
        }
        List<String> violations = new ArrayList<>(incidents.violations());
        IncidentCoverage.Result result = coverage.check(incidents);
        if (result.overlapping() > 0 || result.invented() > 0) {
            violations.add(result.line());
        }
        return violations;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
