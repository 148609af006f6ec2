package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.TopicRecords;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Two distributed workers whose only plugin.path entry is the directory holding the unpacked archive, with
 * {@code plugin.discovery=service_load}: plugins listed, a connector's lifecycle over REST, and validation answers.
 *
 * <p>The workers run inside the test JVM, so this test runs only in the packaged-archive execution, whose classpath
 * leaves out the plugin's classes; it also checks, by the class loader of the running task, that the plugin came from
 * plugin.path. {@link StandaloneArchiveIT} runs a worker in a JVM of its own, with no project classes at all. The
 * methods run at the same time, each with its own connector, but the lifecycle test runs alone: another method's
 * connector changes made its restart request answer 409 (stale configuration) on these two workers. A connector
 * created or deleted while another's change rebalances the workers may also get 409, which a client retries.
 */
@Execution(ExecutionMode.CONCURRENT)
class DistributedArchiveIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);

    private static EmbeddedConnectCluster connect;
    private static RestClient rest;

    @BeforeAll
    static void startCluster() throws InterruptedException {
        ComponentArchive.requireBuiltWithoutPluginClasses();
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.path", ComponentArchive.packagesDir().toString());
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder()
                .name("packaged-archive")
                .numWorkers(2)
                .numBrokers(1)
                .workerProps(workerProps)
                .build();
        connect.start();
        connect.assertions().assertExactlyNumWorkersAreUp(2, "two workers did not start");
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void workersListEveryPluginOfTheBundle() throws Exception {
        JsonNode plugins = rest.get("connector-plugins?connectorsOnly=false").json();
        Set<String> classes = new TreeSet<>();
        plugins.forEach(plugin -> {
            classes.add(plugin.path("class").asText());
            if (PluginClasses.BY_SERVICE.values().stream()
                    .anyMatch(l -> l.contains(plugin.path("class").asText()))) {
                assertThat(plugin.path("version").asText())
                        .as(plugin.toString())
                        .isEqualTo(ComponentArchive.pomVersion());
            }
        });
        assertThat(classes)
                .contains(PluginClasses.SOURCE, PluginClasses.SINK, PluginClasses.PREDICATE)
                .containsAll(PluginClasses.TRANSFORMS);
    }

    @Test
    @ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
    void connectorLifecycleThroughRest() throws Exception {
        String name = "lifecycle-source";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PluginClasses.SOURCE);
        config.put("tasks.max", "2");
        config.put("rate.per.second", "200");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");

        RestClient.Response created = retriedOnConflict(() -> rest.put("connectors/" + name + "/config", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // Both tasks (six streams over tasks.max=2) before counting them: the status can list the first one alone.
        int tasks = 2;
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "connector did not start");
        assertThat(rest.get("connectors").json().toString()).contains("\"" + name + "\"");
        assertTaskLoadedFromArchive(name);

        assertThat(rest.put("connectors/" + name + "/pause", "").status()).isEqualTo(202);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(name, tasks, "connector did not pause");

        assertThat(rest.put("connectors/" + name + "/resume", "").status()).isEqualTo(202);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "connector did not resume");

        RestClient.Response restarted = rest.post("connectors/" + name + "/restart?includeTasks=true&onlyFailed=false");
        assertThat(restarted.status()).as(restarted.body()).isIn(200, 202, 204);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "connector did not restart");

        // The archive's plugin loader answers a refused offset with the worker's own 400, not a 500.
        assertThat(rest.put("connectors/" + name + "/stop", "").status()).isIn(202, 204);
        connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        RestClient.Response refused = rest.patch(
                "connectors/" + name + "/offsets",
                "{\"offsets\":[{\"partition\":{\"stream\":\"logs\"},\"offset\":{\"seq\":-5}}]}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("'seq' must be between 0 and");

        assertThat(retriedOnConflict(() -> rest.delete("connectors/" + name)).status())
                .isEqualTo(204);
        connect.assertions().assertConnectorDoesNotExist(name, "connector was not deleted");
        assertThat(rest.get("connectors/" + name).status()).isEqualTo(404);
    }

    @Test
    void validateNamesTheKeysOfBadSourceConfigs() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PluginClasses.SOURCE);
        config.put("name", "bad-source");
        config.put("rate.per.second", "-5");
        config.put("anomaly.rate", "1.5");
        config.put("streams", "web,teletype");
        assertThat(rest.validationErrors("TelemetrySourceConnector", config))
                .containsKeys("rate.per.second", "anomaly.rate", "streams");
    }

    @Test
    void validateNamesTheKeysOfBadSinkConfigs() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PluginClasses.SINK);
        config.put("name", "bad-sink");
        config.put("topics", "application_logs");
        config.put("destination", "carrier-pigeon");
        assertThat(rest.validationErrors("AlertSinkConnector", config)).containsKey("destination");

        config.put("destination", "file");
        config.remove("file.path");
        assertThat(rest.validationErrors("AlertSinkConnector", config)).containsKey("file.path");

        // A header value Java's HttpClient would refuse at the first send is refused here (issue 10, finding 14).
        config.put("destination", "webhook");
        config.put("webhook.url", "http://127.0.0.1:9/hooks");
        config.put("webhook.headers", "X-Note: be\u0007ll");
        assertThat(rest.validationErrors("AlertSinkConnector", config))
                .containsOnlyKeys("webhook.headers")
                .extractingByKey("webhook.headers")
                .asString()
                .contains("refused by Java's HTTP client");
    }

    @Test
    void validateNamesTheKeysOfBadTransformConfigs() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PluginClasses.SOURCE);
        config.put("name", "bad-chain");
        config.put("transforms", "classify,route");
        config.put("transforms.classify.type", PluginClasses.TRANSFORMS.get(0));
        config.put("transforms.classify.rules", "error");
        config.put("transforms.classify.rules.error.condition", "level == 'ERROR'");
        config.put("transforms.classify.rules.error.severity", "critical");
        config.put("transforms.classify.default.severity", "urgent");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", ".*");
        config.put("transforms.route.replacement", "alerts");
        config.put("transforms.route.predicate", "urgent");
        config.put("predicates", "urgent");
        config.put("predicates.urgent.type", PluginClasses.PREDICATE);
        config.put("predicates.urgent.min.severity", "apocalyptic");
        config.put("transforms.classify.rules.eror.severity", "critical");
        Map<String, List<String>> errors = rest.validationErrors("TelemetrySourceConnector", config);
        assertThat(errors).containsKeys("transforms.classify.default.severity", "predicates.urgent.min.severity");

        // Rule keys are compiled by the connector's own validate() only when ClassifyEvent's defined keys are valid.
        config.put("transforms.classify.default.severity", "critical");
        config.put("predicates.urgent.min.severity", "warning");
        config.put("transforms.classify.rules.error.condition", "level = 'ERROR'");
        assertThat(rest.validationErrors("TelemetrySourceConnector", config))
                .containsOnlyKeys(
                        "transforms.classify.rules.error.condition", "transforms.classify.rules.eror.severity");
    }

    @Test
    void metricsScrapeSourceValidatesAndScrapesFromTheArchive() throws Exception {
        String connectorClass = "dev.telemetry.connect.source.MetricsScrapeSourceConnector";
        Map<String, String> bad = new HashMap<>();
        bad.put("connector.class", connectorClass);
        bad.put("name", "bad-scrape");
        bad.put("targets", "api");
        bad.put("targets.api.url", "ftp://example.org/metrics");
        bad.put("metrics.include", "(");
        assertThat(rest.validationErrors("MetricsScrapeSourceConnector", bad)).containsOnlyKeys("metrics.include");
        bad.remove("metrics.include");
        assertThat(rest.validationErrors("MetricsScrapeSourceConnector", bad)).containsOnlyKeys("targets.api.url");

        try (ScriptedHttpServer target = new ScriptedHttpServer(
                request -> new ScriptedHttpServer.Status(200, "# TYPE jobs_total counter\njobs_total 7\n", Map.of()))) {
            String name = "archive-scrape";
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", connectorClass);
            config.put("targets", "local");
            config.put("targets.local.url", target.uri("/metrics").toString());
            config.put("targets.local.source", "archive_scrape");
            config.put("topic", "archive_scrape");
            config.put("scrape.interval.ms", "500");
            config.put("scrape.timeout.ms", "400");
            config.put("topic.creation.default.replication.factor", "1");
            config.put("topic.creation.default.partitions", "1");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            RestClient.Response created = retriedOnConflict(() -> rest.put("connectors/" + name + "/config", config));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "scrape source did not start");
            assertTaskLoadedFromArchive(name);
            // Every scrape is a record, keyed by its source; a scrape that a loaded machine let time out is one with
            // "up":0, so the test waits for a successful one.
            List<ConsumerRecord<byte[], byte[]>> scrapes = new ArrayList<>();
            TestUtils.waitForCondition(
                    () -> {
                        scrapes.clear();
                        scrapes.addAll(TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "archive_scrape"));
                        return scrapes.stream()
                                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                                .anyMatch(value -> value.contains("\"up\":1") && value.contains("jobs_total"));
                    },
                    TIMEOUT_MS,
                    "a successful scrape from the archive's source");
            assertThat(scrapes)
                    .allSatisfy(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8))
                            .isEqualTo("archive_scrape"));
            assertThat(retriedOnConflict(() -> rest.delete("connectors/" + name))
                            .status())
                    .isEqualTo(204);
        }
    }

    /**
     * The log-file source from the archive: validation names bad keys, and a connector tails a file in a task that
     * runs in the archive's class loader.
     */
    @Test
    void logFileSourceFromTheArchiveValidatesAndTails() throws Exception {
        String plugin = "dev.telemetry.connect.source.LogFileSourceConnector";
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("archive-log-files");
        try {
            Map<String, String> bad = new HashMap<>();
            bad.put("connector.class", plugin);
            bad.put("name", "bad-log-files");
            bad.put("files", "relative/*.log");
            bad.put("format", "regex");
            bad.put("regex.preset", "log5j");
            bad.put("multiline.pattern", "(unclosed");
            assertThat(rest.validationErrors("LogFileSourceConnector", bad))
                    .containsKeys("files", "regex.preset", "multiline.pattern");

            java.nio.file.Files.write(dir.resolve("app.log"), List.of("first", "second", "third"));
            String name = "archive-log-files";
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", plugin);
            config.put("tasks.max", "1");
            config.put("files", dir + "/*.log");
            config.put("topic.logs", "archive-log-files");
            config.put("topic.creation.default.replication.factor", "1");
            config.put("topic.creation.default.partitions", "1");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            RestClient.Response created = retriedOnConflict(() -> rest.put("connectors/" + name + "/config", config));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "log-file source did not start");
            assertTaskLoadedFromArchive(name);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> messages = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(3, TIMEOUT_MS, "archive-log-files")) {
                messages.add(json.readTree(record.value()).path("message").asText());
            }
            assertThat(messages).containsExactly("first", "second", "third");
            assertThat(retriedOnConflict(() -> rest.delete("connectors/" + name))
                            .status())
                    .isEqualTo(204);
        } finally {
            try (var paths = java.nio.file.Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void kafkaHealthSourceValidatesRunsFromTheArchiveAndReportsTheCluster() throws Exception {
        String connectorClass = "dev.telemetry.connect.source.KafkaHealthSourceConnector";
        Map<String, String> bad = new HashMap<>();
        bad.put("connector.class", connectorClass);
        bad.put("name", "bad-health");
        bad.put("groups.include", "orders-(");
        bad.put("poll.interval.ms", "1");
        assertThat(rest.validationErrors("KafkaHealthSourceConnector", bad))
                .containsKeys("kafka.bootstrap.servers", "groups.include", "poll.interval.ms");

        String name = "archive-health";
        String topic = "archive.kafka_health";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("topic", topic);
        config.put("poll.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        RestClient.Response created = retriedOnConflict(() -> rest.put("connectors/" + name + "/config", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "health connector did not start");
        assertTaskLoadedFromArchive(name);

        // Each poll of the first task starts with the cluster record, so the topic's first record is one.
        var first = connect.kafka().consume(1, TIMEOUT_MS, topic).iterator().next();
        JsonNode payload = new ObjectMapper().readTree(first.value()).path("payload");
        assertThat(payload.path("kind").asText()).as(payload.toString()).isEqualTo("cluster");
        assertThat(payload.path("reachable").asBoolean()).as(payload.toString()).isTrue();

        assertThat(retriedOnConflict(() -> rest.delete("connectors/" + name)).status())
                .isEqualTo(204);
        connect.assertions().assertConnectorDoesNotExist(name, "health connector was not deleted");
    }

    /**
     * On a 4.3 worker the archive's transformation and predicate register their plugin metrics, although its lib/ also
     * holds the fallback Monitorable for older workers (docs/metrics.md): the plugin's loader resolves Kafka's own.
     */
    @Test
    void transformationAndPredicateOfTheArchiveRegisterPluginMetrics() throws Exception {
        String name = "archive-chain-metrics";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PluginClasses.SOURCE);
        config.put("tasks.max", "1");
        config.put("streams", "logs");
        config.put("topic.logs", "archive-chain-logs");
        config.put("rate.per.second", "50");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("transforms", "classify,onlyAlerts");
        config.put("transforms.classify.type", PluginClasses.TRANSFORMS.get(0));
        config.put("transforms.classify.rules", "error");
        config.put("transforms.classify.rules.error.condition", "level == 'ERROR'");
        config.put("transforms.classify.rules.error.severity", "critical");
        config.put("transforms.onlyAlerts.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.onlyAlerts.predicate", "isAlert");
        config.put("transforms.onlyAlerts.negate", "true");
        config.put("predicates", "isAlert");
        config.put("predicates.isAlert.type", PluginClasses.PREDICATE);
        config.put("predicates.isAlert.min.severity", "warning");
        RestClient.Response created = retriedOnConflict(() -> rest.put("connectors/" + name + "/config", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "chain source did not start");
        assertThat(archiveLoaderOfTask(name).loadClass(Monitorable.class.getName()))
                .as("Monitorable as the archive's plugin loader resolves it")
                .isSameAs(Monitorable.class);

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        String task = "kafka.connect:type=plugins,connector=" + name + ",task=0";
        List<ObjectName> expected =
                List.of(new ObjectName(task + ",transformation=classify"), new ObjectName(task + ",predicate=isAlert"));
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!expected.stream().allMatch(jmx::isRegistered) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        for (ObjectName bean : expected) {
            assertThat(jmx.isRegistered(bean)).as(bean.toString()).isTrue();
        }
        assertThat(retriedOnConflict(() -> rest.delete("connectors/" + name)).status())
                .isEqualTo(204);
    }

    /**
     * The answer to {@code request}, sent again while it is 409: the workers refuse a change while another connector's
     * change rebalances them, as Kafka's own clients and tests expect.
     */
    private static RestClient.Response retriedOnConflict(Supplier<RestClient.Response> request)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        RestClient.Response response = request.get();
        while (response.status() == 409 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            response = request.get();
        }
        return response;
    }

    /** A task thread runs with its plugin's class loader as context loader: that loader must be the archive's. */
    private static void assertTaskLoadedFromArchive(String connector) throws InterruptedException {
        archiveLoaderOfTask(connector);
    }

    private static PluginClassLoader archiveLoaderOfTask(String connector) throws InterruptedException {
        String location = ComponentArchive.pluginLocation();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<String> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            seen.clear();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("task-thread-" + connector + "-")) {
                    ClassLoader loader = thread.getContextClassLoader();
                    seen.add(thread.getName() + " -> " + loader);
                    if (loader instanceof PluginClassLoader plugin
                            && plugin.location().equals(location)) {
                        return plugin;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No task of " + connector + " runs in a PluginClassLoader of " + location
                + "; task threads seen: " + seen);
    }
}
