package dev.telemetry.connect.source.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.testkit.TopicTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** Reads the health records (JSON with schemas) and the alert file of the integration tests. */
public final class HealthTopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthTopicReader() {}

    /**
     * The payloads of {@code topic}, read by one consumer that stays open: each read fetches only what arrived since
     * the last one, so tests that wait on a growing health topic do not re-read it from the start at every poll.
     */
    public static TopicTail<JsonNode> tail(EmbeddedKafkaCluster kafka, String topic) {
        return new TopicTail<>(kafka, topic, record -> parse(record.value()).get("payload"));
    }

    /** Waits until a record of {@code health} satisfies {@code condition}; returns it. */
    public static JsonNode await(TopicTail<JsonNode> health, Predicate<JsonNode> condition, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        List<JsonNode> seen = List.of();
        while (System.currentTimeMillis() < deadline) {
            seen = health.all();
            for (JsonNode value : seen) {
                if (condition.test(value)) {
                    return value;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No health record shows " + what + " within " + timeoutMs + " ms; last records: "
                + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
    }

    /** Waits until the alert file holds an alert satisfying {@code condition}; returns it. */
    public static JsonNode awaitAlert(Path file, Predicate<JsonNode> condition, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        List<JsonNode> alerts = List.of();
        while (System.currentTimeMillis() < deadline) {
            alerts = alerts(file);
            for (JsonNode alert : alerts) {
                if (condition.test(alert)) {
                    return alert;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No alert in " + file + " shows " + what + " within " + timeoutMs + " ms; "
                + alerts.size() + " alerts there");
    }

    public static List<JsonNode> alerts(Path file) {
        List<JsonNode> alerts = new ArrayList<>();
        if (!Files.exists(file)) {
            return alerts;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    alerts.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return alerts;
    }

    /**
     * A file alert sink on the health topic that keeps only warnings and criticals, as the shipped design does:
     * Kafka's Filter, negated, drops every record for which "severity at least warning" does not hold.
     */
    public static Map<String, String> alertSinkConfig(String healthTopic, Path alertFile) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", healthTopic);
        config.put("destination", "file");
        config.put("file.path", alertFile.toString());
        config.put("min.severity", "warning");
        config.put("dedup.window.ms", "0");
        config.put("batch.max.wait.ms", "100");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("transforms", "alertsOnly");
        config.put("transforms.alertsOnly.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.alertsOnly.predicate", "isAlert");
        config.put("transforms.alertsOnly.negate", "true");
        config.put("predicates", "isAlert");
        config.put("predicates.isAlert.type", "dev.telemetry.connect.transforms.predicates.SeverityAtLeast");
        config.put("predicates.isAlert.min.severity", "warning");
        config.put("predicates.isAlert.severity.field", "severity");
        return config;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
