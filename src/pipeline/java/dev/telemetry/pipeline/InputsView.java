package dev.telemetry.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the real inputs did, for the live view: a KafkaConsumer of its own on their topics counts log lines read from
 * files (by level), scrapes (with the target's {@code up}) and health records, keeps each consumer group's latest lag
 * and status, and the inputs' alert file is counted per source; its incident notifications (the health sink alerts in
 * incidents) by {@link IncidentLedger}. Its consumer runs on a thread of its own.
 */
final class InputsView implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ALERTS_PER_TICK = 3;
    private static final int MAX_ALERT_WIDTH = 140;

    private final KafkaConsumer<String, byte[]> consumer;
    private final AppendedLines alertLines;
    private final Thread thread;
    private volatile boolean running = true;

    private final Map<String, Long> logLevels = new ConcurrentHashMap<>();
    private final Map<String, Long> logFiles = new ConcurrentHashMap<>();
    private final AtomicLong scrapes = new AtomicLong();
    private final AtomicLong scrapesUp = new AtomicLong();
    private volatile String lastScrape = "";
    private final AtomicLong healthRecords = new AtomicLong();
    private final Map<String, String> groups = new ConcurrentHashMap<>();
    private final Map<String, Long> maxLag = new ConcurrentHashMap<>();
    private final Map<String, Long> alertsBySource = new TreeMap<>();
    private final List<String> pendingAlerts = new ArrayList<>();
    private final IncidentLedger incidents = new IncidentLedger();

    /** @param alertTopics the topics the inputs' alert sink reads, each counted from 0 */
    InputsView(Properties client, Path alertFile, List<String> alertTopics) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "telemetry-pipeline-inputs-view");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.alertLines = new AppendedLines(alertFile);
        // Every topic is listed, so a source without alerts shows 0 rather than nothing.
        alertTopics.forEach(topic -> alertsBySource.put(topic, 0L));
        this.thread = new Thread(this::consume, "inputs-view");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void consume() {
        consumer.subscribe(RealInputsPlan.INPUT_TOPICS);
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up.
        } finally {
            consumer.close();
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        JsonNode value = LiveView.payload(record.value());
        if (record.topic().equals(RealInputsPlan.HEALTH_TOPIC)) {
            healthRecords.incrementAndGet();
            if ("group".equals(value.path("kind").asText())) {
                String group = value.path("group").asText();
                long lag = value.path("lag_sum").asLong();
                maxLag.merge(group, lag, Math::max);
                groups.put(group, "lag " + lag + " " + value.path("status").asText() + " (" + value.path("state")
                        .asText() + ")");
            }
        } else if (value.hasNonNull("file")) {
            logLevels.merge(value.path("level").asText("?"), 1L, Long::sum);
            logFiles.merge(Path.of(value.path("file").asText()).getFileName().toString(), 1L, Long::sum);
        } else if (value.hasNonNull("target")) {
            scrapes.incrementAndGet();
            if (value.path("up").asDouble() == 1) {
                scrapesUp.incrementAndGet();
            }
            lastScrape = value.path("target").asText() + " up=" + value.path("up").asText() + " "
                    + value.path("samples_scraped").asText() + " samples";
        }
    }

    /** Counts the alerts the inputs' sink wrote since the last call, by the topic (or source) they came from. */
    private void readAlertFile() {
        try {
            alertLines.read().forEach(this::countAlert);
        } catch (IOException e) {
            alertsBySource.merge("unreadable alert file", 1L, Long::sum);
        }
    }

    private void countAlert(String alertLine) {
        try {
            JsonNode alert = JSON.readTree(alertLine);
            if (alert.hasNonNull("notification")) {
                countNotification(alert, alertLine);
                return;
            }
            String topic = alert.path("record").path("topic").asText("unknown");
            alertsBySource.merge(topic, 1L, Long::sum);
            String summary = alert.path("summary").asText();
            pendingAlerts.add(String.format("ALERT from %s: %s %s: %s", topic, alert.path("severity").asText(),
                    alert.path("source").asText(),
                    summary.length() > MAX_ALERT_WIDTH ? summary.substring(0, MAX_ALERT_WIDTH) + "..." : summary));
        } catch (IOException e) {
            alertsBySource.merge("unparsed", 1L, Long::sum);
        }
    }

    private void countNotification(JsonNode notification, String line) throws IOException {
        String topic = notification.path("positions").path("topic").asText("unknown");
        alertsBySource.merge(topic, 1L, Long::sum);
        String description = incidents.add(line);
        pendingAlerts.add("INCIDENT from " + topic + ": "
                + (description.length() > MAX_ALERT_WIDTH ? description.substring(0, MAX_ALERT_WIDTH) + "..."
                        : description));
    }

    /** Whether the health source has reported this consumer group yet. */
    boolean hasReported(String group) {
        return groups.containsKey(group);
    }

    /** How many incidents of one key ("source=group:connect-slow-sink") fired and resolved, as {fired, resolved}. */
    synchronized long[] incidentsOf(String keyText) {
        readAlertFile();
        return incidents.firedAndResolvedByKey().getOrDefault(keyText, new long[2]);
    }

    /** Lines per tick: the inputs, every consumer group's lag and status, and the inputs' newest alerts. */
    List<String> tickLines() {
        List<String> alerts = newAlerts();
        List<String> lines = new ArrayList<>();
        lines.add("       inputs: log lines " + new TreeMap<>(logLevels) + " | scrapes " + scrapes + " (" + lastScrape
                + ") | health records " + healthRecords + " | alerts by " + RealInputsPlan.INPUTS_SINK + " "
                + alertsSnapshot());
        if (!groups.isEmpty()) {
            lines.add("       groups: " + String.join("; ", new TreeMap<>(groups).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        alerts.stream().limit(MAX_ALERTS_PER_TICK).forEach(alert -> lines.add("         " + alert));
        if (alerts.size() > MAX_ALERTS_PER_TICK) {
            lines.add("         ... and " + (alerts.size() - MAX_ALERTS_PER_TICK) + " more alerts from the inputs");
        }
        return lines;
    }

    private synchronized List<String> newAlerts() {
        readAlertFile();
        List<String> alerts = new ArrayList<>(pendingAlerts);
        pendingAlerts.clear();
        return alerts;
    }

    private synchronized Map<String, Long> alertsSnapshot() {
        return new TreeMap<>(alertsBySource);
    }

    List<String> summary() {
        readAlertFile();
        List<String> lines = new ArrayList<>();
        lines.add("log lines read from files: " + new TreeMap<>(logLevels) + " from " + new TreeMap<>(logFiles));
        lines.add("scrapes: " + scrapes + " (" + scrapesUp + " with up=1), last: " + lastScrape);
        lines.add("health records: " + healthRecords + "; highest lag seen per group: " + new TreeMap<>(maxLag));
        lines.add("alerts delivered by " + RealInputsPlan.INPUTS_SINK + ": " + alertsSnapshot());
        lines.addAll(incidentSummary());
        return lines;
    }

    /** The inputs' incidents: the counts, each key's fired and resolved ones, and any broken promise. */
    private synchronized List<String> incidentSummary() {
        List<String> lines = new ArrayList<>();
        lines.add("incidents by " + RealInputsPlan.INPUTS_SINK + ": " + incidents.counts());
        incidents.firedAndResolvedByKey().forEach((key, counts) ->
                lines.add("  " + key + ": fired " + counts[0] + ", resolved " + counts[1]));
        incidents.violations().forEach(violation -> lines.add("  VIOLATION " + violation));
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
