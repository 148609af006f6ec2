package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The connectors the runner creates. It uses the project's own example configs (config/telemetry-source.properties,
 * config/alert-sink-file.properties) when they exist, with a built-in equivalent otherwise, and keeps only what the
 * worker's plugin list offers, so a bundle that does not have every plugin yet still runs what it has. Each decision
 * is recorded in {@link #notes()} for the runner to print.
 */
final class ConnectorPlan {

    static final String SOURCE_NAME = "telemetry-source";
    static final String SINK_NAME = "alert-sink-file";
    static final String SOURCE_CLASS = "dev.telemetry.connect.source.TelemetrySourceConnector";
    static final String SINK_CLASS = "dev.telemetry.connect.sink.AlertSinkConnector";
    static final String ALERTS_TOPIC = "alerts";
    static final List<String> STREAM_TOPICS = List.of("raw_data", "application_logs", "user_events");

    private final Map<String, String> source;
    private final Map<String, String> sink;
    private final List<String> notes;

    private ConnectorPlan(Map<String, String> source, Map<String, String> sink, List<String> notes) {
        this.source = source;
        this.sink = sink;
        this.notes = notes;
    }

    static ConnectorPlan build(Path configDir, Set<String> plugins, Options options, Path alertFile)
            throws IOException {
        List<String> notes = new ArrayList<>();
        if (!plugins.contains(SOURCE_CLASS)) {
            throw new IOException("The worker found no " + SOURCE_CLASS + " on its plugin.path; nothing to run. "
                    + "Plugins it found: " + plugins.stream().filter(c -> c.startsWith("dev.telemetry")).toList());
        }
        Map<String, String> source = load(configDir.resolve("telemetry-source.properties"), notes,
                ConnectorPlan::builtInSource);
        source.put("name", SOURCE_NAME);
        source.put("rate.per.second", Integer.toString(options.ratePerSecond()));
        source.put("generator.seed", Long.toString(options.seed()));
        if (source.remove("max.records") != null) {
            notes.add("source: max.records removed, the live pipeline runs until stopped");
        }
        keepAvailableTransforms(source, plugins, notes);

        Map<String, String> sink = null;
        if (plugins.contains(SINK_CLASS)) {
            sink = load(configDir.resolve("alert-sink-file.properties"), notes, ConnectorPlan::builtInSink);
            sink.put("name", SINK_NAME);
            sink.put("file.path", alertFile.toString());
            keepAvailableTransforms(sink, plugins, notes);
        } else {
            notes.add("sink: the worker offers no " + SINK_CLASS + "; alerts are shown from the '" + ALERTS_TOPIC
                    + "' topic instead of a delivered file");
        }
        return new ConnectorPlan(source, sink, notes);
    }

    Map<String, String> source() {
        return source;
    }

    /** The alert sink's config, or null when the worker does not offer the sink connector. */
    Map<String, String> sinkOrNull() {
        return sink;
    }

    List<String> notes() {
        return notes;
    }

    /** Whether the source routes urgent records to the alerts topic (its transform chain survived filtering). */
    boolean routesAlerts() {
        return source.values().stream().anyMatch(ALERTS_TOPIC::equals);
    }

    private static Map<String, String> load(Path file, List<String> notes, Supplier<Map<String, String>> fallback)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            notes.add("config: " + file.getFileName() + " not found, using the runner's built-in equivalent");
            return fallback.get();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key).trim()));
        notes.add("config: using " + file);
        return config;
    }

    /**
     * Drops every transform whose class, or whose predicate's class, the worker does not offer, and every predicate
     * no remaining transform uses. Kafka's own transforms (RegexRouter) are always offered.
     */
    static void keepAvailableTransforms(Map<String, String> config, Set<String> plugins, List<String> notes) {
        List<String> kept = new ArrayList<>();
        List<String> usedPredicates = new ArrayList<>();
        for (String alias : list(config.get("transforms"))) {
            String type = config.get("transforms." + alias + ".type");
            String predicate = config.get("transforms." + alias + ".predicate");
            String predicateType = predicate == null ? null : config.get("predicates." + predicate + ".type");
            if (type != null && plugins.contains(type) && (predicate == null || plugins.contains(predicateType))) {
                kept.add(alias);
                if (predicate != null) {
                    usedPredicates.add(predicate);
                }
            } else {
                String missing = type != null && plugins.contains(type) ? predicateType : type;
                notes.add(config.get("name") + ": transform '" + alias + "' left out, the worker offers no " + missing);
                config.keySet().removeIf(key -> key.startsWith("transforms." + alias + "."));
            }
        }
        for (String predicate : list(config.get("predicates"))) {
            if (!usedPredicates.contains(predicate)) {
                config.keySet().removeIf(key -> key.startsWith("predicates." + predicate + "."));
            }
        }
        putList(config, "transforms", kept);
        putList(config, "predicates", usedPredicates.stream().distinct().toList());
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void putList(Map<String, String> config, String key, List<String> values) {
        if (values.isEmpty()) {
            config.remove(key);
        } else {
            config.put(key, values.stream().collect(Collectors.joining(",")));
        }
    }

    /** The same classify, stamp and route chain as config/telemetry-source.properties: warnings and worse go to alerts. */
    private static Map<String, String> builtInSource() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SOURCE_CLASS);
        config.put("tasks.max", "1");
        config.put("topic.creation.default.partitions", "3");
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("transforms", "classify,stamp,route");
        config.put("transforms.classify.type", "dev.telemetry.connect.transforms.ClassifyEvent$Value");
        config.put("transforms.classify.rules", "error_log,warning_log,slow_api,slow_queries,purchase");
        rule(config, "error_log", "level == 'ERROR'", "critical", "alert");
        rule(config, "warning_log", "level == 'WARNING'", "warning", "alert");
        rule(config, "slow_api", "response_time > 2000", "warning", "performance");
        rule(config, "slow_queries", "queries > 0 && slow_queries / queries > 0.01", "warning", "performance");
        rule(config, "purchase", "event_type == 'purchase'", "info", "revenue");
        config.put("transforms.stamp.type", "dev.telemetry.connect.transforms.InsertProcessedTimestamp$Value");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", ".*");
        config.put("transforms.route.replacement", ALERTS_TOPIC);
        config.put("transforms.route.predicate", "urgent");
        config.put("predicates", "urgent");
        config.put("predicates.urgent.type", "dev.telemetry.connect.transforms.predicates.SeverityAtLeast");
        config.put("predicates.urgent.min.severity", "warning");
        return config;
    }

    private static void rule(Map<String, String> config, String name, String condition, String severity,
                             String category) {
        config.put("transforms.classify.rules." + name + ".condition", condition);
        config.put("transforms.classify.rules." + name + ".severity", severity);
        config.put("transforms.classify.rules." + name + ".category", category);
    }

    private static Map<String, String> builtInSink() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", ALERTS_TOPIC);
        config.put("destination", "file");
        return config;
    }
}
