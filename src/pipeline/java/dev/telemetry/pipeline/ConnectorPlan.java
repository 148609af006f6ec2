package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration RUN_INCIDENT_SILENCE = Duration.ofSeconds(10);

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
        shortenIncidentSilence(sink, notes);
        return new ConnectorPlan(source, sink, notes);
    }

    /**
     * The shipped sink resolves an incident after 5 minutes without a record of its key, longer than a run: with 10 s
     * the incidents resolve in the catch-up after the sources pause (the shipped 30 s of allowed lateness after it),
     * and the check at the end sees each one whole.
     */
    private static void shortenIncidentSilence(Map<String, String> sink, List<String> notes) {
        if (Boolean.parseBoolean(sink.getOrDefault("incident.enabled", "false"))) {
            sink.put("incident.resolve.after.ms", Long.toString(RUN_INCIDENT_SILENCE.toMillis()));
            notes.add("sink: incident.resolve.after.ms=" + RUN_INCIDENT_SILENCE.toMillis()
                    + " (shipped: 5 min), so its incidents resolve within the run");
        }
    }

    /** The sink's incident key fields when it alerts in incidents; {@code null} when it sends one alert per record. */
    List<String> incidentKeyFields() {
        if (!Boolean.parseBoolean(sink.getOrDefault("incident.enabled", "false"))) {
            return null;
        }
        return List.of(sink.getOrDefault("incident.key.fields", "category,source").split("\\s*,\\s*"));
    }

    /**
     * How long the sink waits, after the last record of a key, to resolve its incident: the silence and the allowed
     * lateness; zero without incidents.
     */
    Duration incidentSilence() {
        return incidentKeyFields() == null
                ? Duration.ZERO
                : Duration.ofMillis(Long.parseLong(sink.get("incident.resolve.after.ms"))
                        + Long.parseLong(sink.get("incident.allowed.lateness.ms")));
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
