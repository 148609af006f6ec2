package dev.telemetry.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connectors for the real inputs, from the project's shipped example configs as a user would run them, pointed
 * at what the runner started: the log-file source on the service log it writes (and the broker's and worker's own
 * logs, in the same Kafka layout), the scrape source on node_exporter, the health source on the runner's broker, a
 * slow sink the runner pauses, and an alert sink on the inputs' stream topics the main sink does not read (the health
 * stream) from config/alert-sink-kafka-health.properties: every record, in incidents that a group's OK resolves. A
 * connector whose class the worker did not load is left out with a note.
 */
final class RealInputsPlan {

    static final String LOG_SOURCE = "log-file-source";
    static final String SCRAPE_SOURCE = "metrics-scrape-source";
    static final String HEALTH_SOURCE = "kafka-health-source";
    static final String SLOW_SINK = "slow-sink";
    static final String INPUTS_SINK = "alert-sink-inputs";
    static final String SLOW_SINK_TOPIC = "user_events";
    static final String HEALTH_TOPIC = "kafka_health";
    static final List<String> INPUT_TOPICS = List.of("application_logs", "raw_data", HEALTH_TOPIC);
    static final String INPUTS_ALERT_FILE = "alerts-inputs.jsonl";

    private final Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Connectors to create, by name, in creation order. */
    Map<String, Map<String, String>> connectors() {
        return connectors;
    }

    List<String> notes() {
        return notes;
    }

    /**
     * @param mainSinkTopics the topics the pipeline's own alert sink reads already; the inputs' alert sink reads
     *                       only the other input topics, so no alert is delivered twice
     */
    static RealInputsPlan build(Path configDir, Set<String> plugins, Path workDir, Path appLogDir,
                                String bootstrap, String nodeExporterUrl, Set<String> mainSinkTopics)
            throws IOException {
        RealInputsPlan plan = new RealInputsPlan();
        plan.logSource(configDir, plugins, workDir, appLogDir);
        plan.scrapeSource(configDir, plugins, nodeExporterUrl);
        plan.healthSource(configDir, plugins, bootstrap);
        plan.sinks(configDir, plugins, workDir, mainSinkTopics);
        return plan;
    }

    private void logSource(Path configDir, Set<String> plugins, Path workDir, Path appLogDir) throws IOException {
        Map<String, String> config = ConnectorPlan.load(configDir.resolve("log-file-source.properties"));
        if (!available(plugins, config, LOG_SOURCE)) {
            return;
        }
        String files = appLogDir.resolve("*.log") + "," + workDir.resolve("broker.log") + ","
                + workDir.resolve("worker.log");
        config.put("files", files);
        notes.add(LOG_SOURCE + ": files=" + files + " (the service log the runner writes and rotates, and the broker's"
                + " and worker's own logs)");
        connectors.put(LOG_SOURCE, config);
    }

    private void scrapeSource(Path configDir, Set<String> plugins, String nodeExporterUrl) throws IOException {
        Map<String, String> config = ConnectorPlan.load(configDir.resolve("metrics-scrape-source.properties"));
        if (!available(plugins, config, SCRAPE_SOURCE)) {
            return;
        }
        if (nodeExporterUrl == null) {
            notes.add(SCRAPE_SOURCE + " left out: " + NodeExporter.EXECUTABLE + " is not installed (apt-get install "
                    + "prometheus-node-exporter), so there is nothing local to scrape");
            return;
        }
        config.keySet().removeIf(key -> key.startsWith("targets."));
        config.put("targets", "node");
        config.put("targets.node.url", nodeExporterUrl);
        config.put("targets.node.source", "host");
        config.put("targets.node.labels", "job=node");
        config.put("scrape.interval.ms", "5000");
        config.put("scrape.timeout.ms", "4000");
        notes.add(SCRAPE_SOURCE + ": targets=node at " + nodeExporterUrl + ", scrape.interval.ms=5000");
        connectors.put(SCRAPE_SOURCE, config);
    }

    private void healthSource(Path configDir, Set<String> plugins, String bootstrap) throws IOException {
        Map<String, String> config = ConnectorPlan.load(configDir.resolve("kafka-health-source.properties"));
        if (!available(plugins, config, HEALTH_SOURCE)) {
            return;
        }
        // Demo settings from docs/kafka-health-source.md: a status within seconds, ERR after a minute.
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("poll.interval.ms", "2000");
        config.put("status.window.commits", "5");
        config.put("status.error.after.ms", "60000");
        // The sinks' groups appear after the connector starts: list them again within seconds. The runner's own
        // view consumers never commit, so they are not watched; nor is the group of the sink that alerts on this
        // stream, as the shipped config says (its open incident would hold its own lag up).
        config.put("list.refresh.interval.ms", "5000");
        config.put("groups.exclude", "telemetry-pipeline-.*|connect-" + RealInputsPlan.INPUTS_SINK);
        notes.add(HEALTH_SOURCE + ": kafka.bootstrap.servers=" + bootstrap
                + ", poll.interval.ms=2000, status.window.commits=5, status.error.after.ms=60000,"
                + " list.refresh.interval.ms=5000, groups.exclude=telemetry-pipeline-.*|connect-" + INPUTS_SINK);
        connectors.put(HEALTH_SOURCE, config);
    }

    private void sinks(Path configDir, Set<String> plugins, Path workDir, Set<String> mainSinkTopics)
            throws IOException {
        Map<String, String> slow = ConnectorPlan.load(configDir.resolve("alert-sink-file.properties"));
        if (!available(plugins, slow, SLOW_SINK)) {
            return;
        }
        slow.put("name", SLOW_SINK);
        slow.put("topics", SLOW_SINK_TOPIC);
        slow.put("file.path", workDir.resolve("slow-sink.jsonl").toString());
        slow.put("errors.deadletterqueue.topic.name", "slow-sink-dlq");
        // Its group's lag is what the runner shows rising and falling: an open incident would hold its commit back to
        // the incident's first record and keep the lag up after the resume.
        slow.put("incident.enabled", "false");
        notes.add(SLOW_SINK + ": the bundle's sink on " + SLOW_SINK_TOPIC + " (consumer group connect-" + SLOW_SINK
                + "), paused by the runner part of the time so its lag rises and falls; incident.enabled=false, so only the"
                + " pause holds its commit");
        connectors.put(SLOW_SINK, slow);

        inputsSink(configDir, workDir, mainSinkTopics);
    }

    /**
     * The shipped health sink, on the input topics the main sink does not read: with the shipped stream sink that is
     * the health stream alone. Without a Filter it sees each group's OK, which resolves the group's incident.
     */
    private void inputsSink(Path configDir, Path workDir, Set<String> mainSinkTopics) throws IOException {
        List<String> topics = INPUT_TOPICS.stream().filter(topic -> !mainSinkTopics.contains(topic)).toList();
        if (topics.isEmpty()) {
            return;
        }
        Map<String, String> inputs = ConnectorPlan.load(configDir.resolve("alert-sink-kafka-health.properties"));
        inputs.put("name", INPUTS_SINK);
        inputs.put("topics", String.join(",", topics));
        inputs.put("file.path", workDir.resolve(INPUTS_ALERT_FILE).toString());
        inputs.put("errors.deadletterqueue.topic.name", "alerts-inputs-dlq");
        notes.add(INPUTS_SINK + ": config/alert-sink-kafka-health.properties on " + topics + " (every record, incidents"
                + " keyed by " + inputs.get("incident.key.fields") + ", resolved on the entity's OK), writes "
                + INPUTS_ALERT_FILE);
        connectors.put(INPUTS_SINK, inputs);
    }

    private boolean available(Set<String> plugins, Map<String, String> config, String name) {
        String connectorClass = config.get("connector.class");
        if (plugins.contains(connectorClass)) {
            return true;
        }
        notes.add(name + " left out: the worker found no " + connectorClass + " on its plugin.path");
        return false;
    }
}
