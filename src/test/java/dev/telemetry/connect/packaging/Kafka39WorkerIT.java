package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive on a Connect worker of Kafka 3.9 (issue 27), a release without plugin metrics: one standalone worker in a
 * JVM of its own on Kafka's published 3.9 jars ({@link KafkaRuntime#kafka39Classpath()}), against the test's 4.3 KRaft
 * broker, with the unpacked archive on plugin.path and the shipped configs of all five connectors. The generator's
 * chain (ClassifyEvent, InsertProcessedTimestamp) and the file alert sink's Filter on SeverityAtLeast run as on 4.3,
 * with exact counts; the log-file, scrape and Kafka health sources reach RUNNING and produce their records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Kafka39WorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS_PER_STREAM = 100;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String LOG_FILE_TOPIC = "compat.application_logs";
    private static final String SCRAPE_TOPIC = "compat.raw_data";
    private static final String HEALTH_TOPIC = "compat.kafka_health";
    private static final List<String> CONNECTORS = List.of(
            "telemetry-source", "alert-sink-file", "log-file-source", "metrics-scrape-source", "kafka-health-source");

    @TempDir
    static Path work;

    private EmbeddedKafkaCluster kafka;
    private ScriptedHttpServer scrapeTarget;
    private Process worker;
    private Path workerLog;
    private RestClient rest;
    private Path alertFile;
    private Properties source;
    private Properties sink;

    @BeforeAll
    void startBrokerAndKafka39Worker() throws Exception {
        ComponentArchive.requireBuilt();
        String classpath = KafkaRuntime.kafka39Classpath();
        kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        scrapeTarget = new ScriptedHttpServer(
                request -> new ScriptedHttpServer.Status(200, "# TYPE jobs_total counter\njobs_total 7\n", Map.of()));

        int restPort = freePort();
        Properties workerProps = ConfigFiles.properties("connect-standalone.properties");
        workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        workerProps.setProperty("listeners", "http://127.0.0.1:" + restPort);
        workerProps.setProperty(
                "offset.storage.file.filename", work.resolve("connect.offsets").toString());

        source = ConfigFiles.properties("telemetry-source.properties");
        source.setProperty("max.records", Integer.toString(RECORDS_PER_STREAM));
        source.setProperty("rate.per.second", "0");

        alertFile = work.resolve("alerts.jsonl");
        sink = ConfigFiles.properties("alert-sink-file.properties");
        sink.setProperty("file.path", alertFile.toString());
        // One alert per record, which this test counts (the shipped sink alerts in incidents).
        sink.setProperty("incident.enabled", "false");

        Path logDir = Files.createDirectories(work.resolve("logs"));
        Files.write(
                logDir.resolve("service.log"),
                List.of(
                        "[2026-11-30 10:00:00,000] INFO Started (dev.example.Service)",
                        "[2026-11-30 10:00:01,000] ERROR Request failed (dev.example.Handler)",
                        "[2026-11-30 10:00:02,000] WARN Slow response (dev.example.Handler)"),
                StandardCharsets.UTF_8);
        Properties logFile = ConfigFiles.properties("log-file-source.properties");
        logFile.setProperty("files", logDir + "/*.log");
        logFile.setProperty("topic.logs", LOG_FILE_TOPIC);
        logFile.setProperty("multiline.timeout.ms", "500");

        Properties scrape = ConfigFiles.properties("metrics-scrape-source.properties");
        scrape.stringPropertyNames().stream()
                .filter(key -> key.startsWith("targets."))
                .forEach(scrape::remove);
        scrape.setProperty("targets", "local");
        scrape.setProperty("targets.local.url", scrapeTarget.uri("/metrics").toString());
        scrape.setProperty("targets.local.source", "compat_scrape");
        scrape.setProperty("topic", SCRAPE_TOPIC);
        scrape.setProperty("scrape.interval.ms", "1000");
        scrape.setProperty("scrape.timeout.ms", "900");

        Properties health = ConfigFiles.properties("kafka-health-source.properties");
        health.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        health.setProperty("topic", HEALTH_TOPIC);
        health.setProperty("poll.interval.ms", "1000");
        // The canary's producer, consumer and topic run on the worker's 3.9 clients too.
        health.setProperty("canary.enabled", "true");

        workerLog = work.resolve("kafka-3.9-worker.log");
        worker = KafkaRuntime.start(
                classpath,
                workerLog,
                List.of(),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                List.of(
                        StandaloneWorkerJvm.store(work, workerProps, "connect-standalone.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, source, "telemetry-source.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, sink, "alert-sink-file.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, logFile, "log-file-source.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, scrape, "metrics-scrape-source.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, health, "kafka-health-source.properties")
                                .toString()));
        rest = new RestClient("http://127.0.0.1:" + restPort + "/");
        awaitAllRunning();
    }

    @AfterAll
    void stopAll() throws Exception {
        StandaloneWorkerJvm.stop(worker, workerLog, "kafka-3.9-worker.log");
        if (scrapeTarget != null) {
            scrapeTarget.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aKafka39WorkerLoadsEveryPluginOfTheArchive() throws Exception {
        assertThat(rest.get("").json().path("version").asText()).startsWith("3.9.");
        Set<String> classes = new TreeSet<>();
        for (JsonNode plugin :
                rest.get("connector-plugins?connectorsOnly=false").json()) {
            String pluginClass = plugin.path("class").asText();
            classes.add(pluginClass);
            // A 3.9 worker reports versions of connectors only (those of transformations came with Kafka 4.0).
            if (pluginClass.startsWith("dev.telemetry.")
                    && plugin.path("type").asText().matches("source|sink")) {
                assertThat(plugin.path("version").asText())
                        .as(plugin.toString())
                        .isEqualTo(ComponentArchive.pomVersion());
            }
        }
        assertThat(classes)
                .contains(
                        PluginClasses.SOURCE,
                        PluginClasses.SINK,
                        PluginClasses.PREDICATE,
                        "dev.telemetry.connect.source.LogFileSourceConnector",
                        "dev.telemetry.connect.source.MetricsScrapeSourceConnector",
                        "dev.telemetry.connect.source.KafkaHealthSourceConnector")
                .containsAll(PluginClasses.TRANSFORMS);
        assertThat(Files.readString(workerLog))
                .as("the worker loaded the plugins from the unpacked archive, and its tasks run without metrics")
                .contains("Registered loader: PluginClassLoader{pluginLocation=" + ComponentArchive.pluginLocation()
                        + "}")
                .contains("This worker has no plugin metrics");
    }

    /**
     * Every generated record once in its stream topic, classified and stamped by the chain; the alert file holds one
     * alert for each record at or above the sink's min.severity, which the Filter on SeverityAtLeast let through.
     */
    @Test
    void generatorChainAndFileSinkDeliverEveryAlertOnce() throws Exception {
        String[] streamTopics = sink.getProperty("topics").split(",");
        int total = RECORDS_PER_STREAM * source.getProperty("streams").split(",").length;
        int minimum = StandaloneWorkerJvm.severityRank(sink.getProperty("min.severity"));
        Map<String, JsonNode> records = new HashMap<>();
        Map<String, String> recordOfStreamSeq = new HashMap<>();
        List<String> alerts = List.of();
        long expected = -1;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(
                Map.of("allow.auto.create.topics", "false", "metadata.max.age.ms", "1000"), streamTopics)) {
            while (System.nanoTime() < deadline) {
                assertWorkerAlive();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String coordinates = record.topic() + "-" + record.partition() + "-" + record.offset();
                    if (records.containsKey(coordinates)) {
                        // Read again after a rebalance of this consumer (the topics appear one by one): not a copy.
                        continue;
                    }
                    JsonNode value = StandaloneWorkerJvm.payload(record.value());
                    String streamSeq = value.path("stream").asText() + "#"
                            + value.path("seq").asLong();
                    assertThat(recordOfStreamSeq.put(streamSeq, coordinates))
                            .as("%s is in the stream topics once", streamSeq)
                            .isNull();
                    records.put(coordinates, value);
                }
                expected = StandaloneWorkerJvm.atLeast(records.values(), minimum);
                alerts = StandaloneWorkerJvm.alertLines(alertFile);
                if (records.size() >= total && alerts.size() >= expected) {
                    break;
                }
            }
        }
        assertThat(records).as("generated records in the stream topics").hasSize(total);
        for (JsonNode record : records.values()) {
            assertThat(StandaloneWorkerJvm.SEVERITIES)
                    .as("ClassifyEvent's severity of %s", record)
                    .contains(record.path("severity").asText());
            assertThat(record.path("category").asText())
                    .as("ClassifyEvent's category")
                    .isNotEmpty();
            assertThat(record.has("processed_at") && record.has("latency_ms"))
                    .as("InsertProcessedTimestamp's fields in %s", record)
                    .isTrue();
        }
        assertThat(expected)
                .as("records at or above " + sink.getProperty("min.severity"))
                .isPositive();
        assertThat(alerts).as("alerts in " + alertFile).hasSize((int) expected);
        for (String line : alerts) {
            JsonNode alert = JSON.readTree(line);
            JsonNode record = records.get(alert.path("id").asText());
            assertThat(record).as("the record alert %s names", line).isNotNull();
            assertThat(StandaloneWorkerJvm.severityRank(record.path("severity").asText()))
                    .isGreaterThanOrEqualTo(minimum);
        }
    }

    /** The log file's three events, classified by the chain, exactly once each. */
    @Test
    void logFileSourceTailsTheFile() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.consume(3, DEADLINE.toMillis(), LOG_FILE_TOPIC)) {
            events.add(StandaloneWorkerJvm.payload(record.value()));
        }
        assertThat(events)
                .extracting(event -> event.path("level").asText() + "/"
                        + event.path("severity").asText())
                .containsExactlyInAnyOrder("INFO/info", "ERROR/critical", "WARNING/warning");
    }

    /**
     * Scrapes of the local target until one succeeds, each classified by the chain: a successful one holds the target's
     * sample, a failed one (a first scrape can time out on a loaded machine) is the shipped rule's availability alert.
     */
    @Test
    void metricsScrapeSourceScrapesTheLocalTarget() throws Exception {
        JsonNode scraped = firstRecord(SCRAPE_TOPIC, scrape -> {
            assertThat(new String(scrape.key(), StandardCharsets.UTF_8)).isEqualTo("compat_scrape");
            JsonNode value = StandaloneWorkerJvm.payload(scrape.value());
            boolean up = value.path("up").asInt() == 1;
            assertThat(value.path("severity").asText()).as(value.toString()).isEqualTo(up ? "info" : "critical");
            return up ? value : null;
        });
        assertThat(scraped.at("/metrics/jobs_total").asDouble())
                .as(scraped.toString())
                .isEqualTo(7.0);
        assertThat(scraped.path("category").asText()).isEqualTo("telemetry");
    }

    /** A cluster record with the broker reachable and the canary's messages back, on the 3.9 worker's clients. */
    @Test
    void kafkaHealthSourceReportsTheBrokerAndItsCanary() throws Exception {
        JsonNode cluster = firstRecord(HEALTH_TOPIC, record -> {
            JsonNode value = StandaloneWorkerJvm.payload(record.value());
            assertThat(value.has("severity")).as("classified: " + value).isTrue();
            boolean canaryBack = value.path("canary_received").asInt() > 0;
            return value.path("kind").asText().equals("cluster") && canaryBack ? value : null;
        });
        assertThat(cluster.path("reachable").asBoolean()).as(cluster.toString()).isTrue();
        assertThat(cluster.path("canary_produced").asBoolean())
                .as(cluster.toString())
                .isTrue();
    }

    /** What {@code pick} makes of the first record of {@code topic} it does not answer null for. */
    private JsonNode firstRecord(String topic, RecordPick pick) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                kafka.createConsumerAndSubscribeTo(Map.of("auto.offset.reset", "earliest"), topic)) {
            while (System.nanoTime() < deadline) {
                assertWorkerAlive();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode picked = pick.apply(record);
                    if (picked != null) {
                        return picked;
                    }
                }
            }
        }
        throw new AssertionError("No matching record in " + topic + "; see " + workerLog);
    }

    private interface RecordPick {
        JsonNode apply(ConsumerRecord<byte[], byte[]> record) throws IOException;
    }

    /** Every connector and its task RUNNING, as the worker's REST API reports them. */
    private void awaitAllRunning() throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, String> states = new HashMap<>();
        while (System.nanoTime() < deadline) {
            assertWorkerAlive();
            states.clear();
            for (String connector : CONNECTORS) {
                states.put(connector, state(connector));
            }
            if (states.values().stream().allMatch("RUNNING/RUNNING"::equals)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Connector/task states on the 3.9 worker: " + states + "; see " + workerLog);
    }

    /** "connector state/task states", or the reason there is none yet. */
    private String state(String connector) {
        RestClient.Response response;
        try {
            response = rest.get("connectors/" + connector + "/status");
        } catch (IllegalStateException notListeningYet) {
            return "no REST answer";
        }
        if (response.status() != 200) {
            return "HTTP " + response.status();
        }
        JsonNode status = response.json();
        List<String> tasks = new ArrayList<>();
        status.path("tasks").forEach(task -> tasks.add(task.path("state").asText()));
        return status.path("connector").path("state").asText() + "/" + String.join(",", tasks);
    }

    private void assertWorkerAlive() {
        assertThat(worker.isAlive())
                .as("the 3.9 worker still runs; see " + workerLog)
                .isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
