package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.PrometheusServer;
import dev.telemetry.connect.testkit.RestClient;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboard against a real Prometheus, without Grafana: a standalone worker in a JVM of its own on Kafka's
 * published jars, the unpacked archive on its plugin.path and the JMX exporter agent attached with the shipped
 * {@code config/jmx-exporter.yaml}, runs a small pipeline from the shipped configs (the generator, the file alert sink
 * and the Kafka health source); Debian's Prometheus scrapes the agent every 500 ms. Then every PromQL expression in
 * {@code config/grafana/telemetry-pipeline.json}, read from the file, must be valid, and return data.
 *
 * <p>Expressions on the plugin metrics ({@code kafka_connect_plugin_*}, issue 27) are held to "returns data" only when
 * the worker exports plugin metrics at all: on a bundle built before its plugins register metrics they are checked as
 * valid PromQL only, and listed in the output; once the bundle registers any, every expression must return data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {

    private static final Path DASHBOARD = Path.of("config/grafana/telemetry-pipeline.json");
    private static final Path EXPORTER_RULES = Path.of("config/jmx-exporter.yaml");
    private static final String PLUGIN_METRIC_PREFIX = "kafka_connect_plugin_";
    private static final Pattern METRIC_NAME = Pattern.compile("\\bkafka_connect_[a-z0-9_]+");
    private static final Duration SCRAPE_INTERVAL = Duration.ofMillis(500);
    private static final long DEADLINE_MS = TimeUnit.SECONDS.toMillis(90);
    private static final List<String> CONNECTORS =
            List.of("telemetry-source", "alert-sink-file", "kafka-health-source");

    @TempDir
    static Path work;

    private EmbeddedKafkaCluster kafka;
    private Process worker;
    private Path workerLog;
    private RestClient exporter;
    private PrometheusServer prometheus;

    @BeforeAll
    void startPipelineAndPrometheus() throws Exception {
        ComponentArchive.requireBuilt();
        String agentProperty = System.getProperty("jmx.exporter.agent");
        assertThat(agentProperty)
                .as("jmx.exporter.agent, which the pom's Failsafe configuration sets")
                .isNotNull();
        Path agent = Path.of(agentProperty);
        assertThat(agent)
                .as("the JMX exporter agent the build copies (./mvnw package)")
                .isRegularFile();
        kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();

        Properties workerProps = ConfigFiles.properties("connect-standalone.properties");
        workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        workerProps.setProperty("listeners", "http://127.0.0.1:0");
        workerProps.setProperty(
                "offset.storage.file.filename", work.resolve("connect.offsets").toString());
        Properties source = ConfigFiles.properties("telemetry-source.properties");
        source.setProperty("rate.per.second", "200");
        Properties sink = ConfigFiles.properties("alert-sink-file.properties");
        sink.setProperty("file.path", work.resolve("alerts.jsonl").toString());
        Properties health = ConfigFiles.properties("kafka-health-source.properties");
        health.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        health.setProperty("poll.interval.ms", "1000");

        int exporterPort = freePort();
        workerLog = work.resolve("dashboard-worker.log");
        worker = KafkaRuntime.start(
                workerLog,
                List.of("-javaagent:" + agent.toAbsolutePath() + "=127.0.0.1:" + exporterPort + ":"
                        + EXPORTER_RULES.toAbsolutePath()),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                List.of(
                        store(workerProps, "connect-standalone.properties"),
                        store(source, "telemetry-source.properties"),
                        store(sink, "alert-sink-file.properties"),
                        store(health, "kafka-health-source.properties")));
        exporter = new RestClient("http://127.0.0.1:" + exporterPort + "/");
        awaitRunningTasksExported();

        prometheus = new PrometheusServer(Files.createDirectories(work.resolve("prometheus")));
        prometheus.start("127.0.0.1:" + exporterPort, SCRAPE_INTERVAL);
    }

    @AfterAll
    void stopAll() throws Exception {
        if (prometheus != null) {
            prometheus.stop();
        }
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (workerLog != null && Files.exists(workerLog)) {
            Path kept = ComponentArchive.repo().resolve("target/it/dashboard-worker.log");
            Files.createDirectories(kept.getParent());
            Files.copy(workerLog, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void everyDashboardQueryReturnsDataFromPrometheus() throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).as("PromQL expressions in " + DASHBOARD).isNotEmpty();
        String exported = exporter.get("metrics").body();
        boolean pluginMetricsExported = exported.contains(PLUGIN_METRIC_PREFIX);

        Map<String, String> required = new LinkedHashMap<>();
        List<String> validOnly = new ArrayList<>();
        queries.forEach((panel, expr) -> {
            if (pluginMetricsExported || !namesPluginMetric(expr)) {
                required.put(panel, expr);
            } else {
                validOnly.add(panel);
            }
        });
        assertThat(required)
                .as("queries on Connect's own metrics: the dashboard needs some the worker exports today")
                .isNotEmpty();

        Map<String, String> withoutData = new LinkedHashMap<>(required);
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!withoutData.isEmpty() && System.currentTimeMillis() < deadline) {
            assertThat(worker.isAlive()).as("worker running; see " + workerLog).isTrue();
            withoutData
                    .entrySet()
                    .removeIf(query ->
                            answer(query.getValue()).path("data").path("result").size() > 0);
            if (!withoutData.isEmpty()) {
                Thread.sleep(SCRAPE_INTERVAL.toMillis());
            }
        }
        for (String panel : validOnly) {
            answer(queries.get(panel));
        }
        System.out.println("DashboardQueriesIT: " + required.size() + " queries returned data; " + validOnly.size()
                + " on plugin metrics this worker does not export were checked as PromQL only: " + validOnly);
        assertThat(withoutData)
                .as(
                        "dashboard queries without data from Prometheus (metric names exported: %s)",
                        exportedNames(exported))
                .isEmpty();
    }

    @Test
    void exporterNamesConnectMetricsWithTheirConnectorAndTask() {
        String exported = exporter.get("metrics").body();
        for (String connector : CONNECTORS) {
            assertThat(exported)
                    .as("the worker's task count of " + connector + " by status")
                    .contains("kafka_connect_worker_connector_tasks{connector=\"" + connector + "\",status=\"running\"")
                    .contains(
                            "kafka_connect_task_error_total_record_errors{connector=\"" + connector + "\",task=\"0\"");
        }
        assertThat(exported)
                .contains(
                        "kafka_connect_source_task_source_record_write_total{connector=\"telemetry-source\",task=\"0\"")
                .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"alert-sink-file\",task=\"0\"");
    }

    /** Each panel's expressions, keyed "panel title / refId". */
    private static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        panel.path("title").asText() + " / "
                                + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        return queries;
    }

    private static boolean namesPluginMetric(String expr) {
        Matcher names = METRIC_NAME.matcher(expr);
        while (names.find()) {
            if (names.group().startsWith(PLUGIN_METRIC_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** Prometheus's answer, which must be a success: the expression is valid PromQL. */
    private JsonNode answer(String expr) {
        JsonNode answer = prometheus.query(expr);
        assertThat(answer.path("status").asText()).as(expr + " -> " + answer).isEqualTo("success");
        return answer;
    }

    private static Set<String> exportedNames(String exported) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(exported);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** Waits until the agent serves the worker's metrics with every connector's task running. */
    private void awaitRunningTasksExported() throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            assertThat(worker.isAlive()).as("worker running; see " + workerLog).isTrue();
            try {
                String scrape = exporter.get("metrics").body();
                last = scrape;
                if (CONNECTORS.stream()
                        .allMatch(c -> scrape.contains(
                                        "kafka_connect_source_task_source_record_write_total{connector=\"" + c + "\"")
                                || scrape.contains(
                                        "kafka_connect_sink_task_sink_record_read_total{connector=\"" + c + "\""))) {
                    return;
                }
            } catch (IllegalStateException notListening) {
                // The agent starts with the JVM, before the worker; until then nothing listens.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the exporter did not show every connector's task in time; see " + workerLog
                + "; last scrape's metric names: " + exportedNames(last));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String store(Properties props, String name) throws IOException {
        Path file = work.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "copy of config/" + name + " with the test's broker and files");
        }
        return file.toString();
    }
}
