package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The connectors the runner creates: the project's own example configs (config/telemetry-source.properties and
 * config/alert-sink-file.properties), as a user would run them, with the runner's rate, seed and alert file. Each
 * change to them is recorded in {@link #notes()} for the runner to print.
 */
final class ConnectorPlan {

    static final String SOURCE_NAME = "telemetry-source";
    static final String SINK_NAME = "alert-sink-file";
    static final String SOURCE_CLASS = "dev.telemetry.connect.source.TelemetrySourceConnector";
    static final String SINK_CLASS = "dev.telemetry.connect.sink.AlertSinkConnector";
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private final Map<String, String> source;
    private final Map<String, String> sink;
    private final List<String> notes;

    private ConnectorPlan(Map<String, String> source, Map<String, String> sink, List<String> notes) {
        this.source = source;
        this.sink = sink;
        this.notes = notes;
    }

    /** @throws IOException when a config file is missing or the worker did not load the bundle's connectors */
    static ConnectorPlan build(Path configDir, Set<String> plugins, Options options, Path alertFile)
            throws IOException {
        for (String connector : List.of(SOURCE_CLASS, SINK_CLASS)) {
            if (!plugins.contains(connector)) {
                throw new IOException("The worker found no " + connector + " on its plugin.path. Plugins it found: "
                        + plugins.stream().filter(c -> c.startsWith("dev.telemetry")).toList());
            }
        }
        List<String> notes = new ArrayList<>();
        Map<String, String> source = load(configDir.resolve("telemetry-source.properties"));
        source.put("name", SOURCE_NAME);
        source.put("rate.per.second", Integer.toString(options.ratePerSecond()));
        source.put("generator.seed", Long.toString(options.seed()));
        notes.add("source: rate.per.second=" + options.ratePerSecond() + ", generator.seed=" + options.seed());
        if (source.remove("max.records") != null) {
            notes.add("source: max.records removed, the live pipeline runs until stopped");
        }
        Map<String, String> sink = load(configDir.resolve("alert-sink-file.properties"));
        sink.put("name", SINK_NAME);
        sink.put("file.path", alertFile.toString());
        notes.add("sink: file.path=" + alertFile);
        return new ConnectorPlan(source, sink, notes);
    }

    Map<String, String> source() {
        return source;
    }

    Map<String, String> sink() {
        return sink;
    }

    List<String> notes() {
        return notes;
    }

    /** The topics the sink reads: the source's stream topics, where every record stays. */
    List<String> streamTopics() {
        return List.of(sink.get("topics").split(","));
    }

    /** The severities the sink's Filter lets through: at least its SeverityAtLeast predicate's min.severity. */
    List<String> alertSeverities() {
        String min = sink.getOrDefault("predicates.isAlert.min.severity", sink.getOrDefault("min.severity", "info"));
        return SEVERITIES.subList(SEVERITIES.indexOf(min.toLowerCase(Locale.ROOT)), SEVERITIES.size());
    }

    static Map<String, String> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing; run the pipeline from the repository's root");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key).trim()));
        return config;
    }
}
