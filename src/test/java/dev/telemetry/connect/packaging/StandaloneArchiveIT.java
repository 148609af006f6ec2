package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.ConfigFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone mode exactly as the README says: {@code connect-standalone config/connect-standalone.properties
 * config/telemetry-source.properties config/alert-sink-file.properties}, run from the repository root by a separate
 * JVM on Kafka's published jars only, so every plugin class comes from the unpacked archive on plugin.path. The test
 * changes only what it must in copies of those files: the broker address and REST port, the offset and alert files
 * (in a temporary directory), a bounded run (max.records, full speed), and incident.enabled=false for one alert per
 * record. Every record must be in its stream topic
 * once, and the alert file must hold an alert for each at or above the sink's min.severity, its id naming the record.
 */
class StandaloneArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS_PER_STREAM = 500;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private static EmbeddedKafkaCluster kafka;
    private static Process worker;
    private static Path workerLog;

    @BeforeAll
    static void startBroker() {
        ComponentArchive.requireBuilt();
        kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        StandaloneWorkerJvm.stop(worker, workerLog, "standalone-worker.log");
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void alertFileFillsWithTheAlertsOfTheReadmeConfigs() throws Exception {
        Path alertFile = work.resolve("alerts.jsonl");

        Properties workerProps = ConfigFiles.properties("connect-standalone.properties");
        assertThat(workerProps.getProperty("plugin.path")).isEqualTo("target/components/packages");
        assertThat(workerProps.getProperty("plugin.discovery")).isEqualTo("service_load");
        workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        workerProps.setProperty("listeners", "http://127.0.0.1:0");
        workerProps.setProperty(
                "offset.storage.file.filename", work.resolve("connect.offsets").toString());

        Properties source = ConfigFiles.properties("telemetry-source.properties");
        source.setProperty("max.records", Integer.toString(RECORDS_PER_STREAM));
        source.setProperty("rate.per.second", "0");

        Properties sink = ConfigFiles.properties("alert-sink-file.properties");
        sink.setProperty("file.path", alertFile.toString());
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.setProperty("incident.enabled", "false");
        int sinkMinimum = StandaloneWorkerJvm.severityRank(sink.getProperty("min.severity", "info"));

        workerLog = work.resolve("standalone-worker.log");
        worker = KafkaRuntime.start(
                workerLog,
                List.of(),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                List.of(
                        StandaloneWorkerJvm.store(work, workerProps, "connect-standalone.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, source, "telemetry-source.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, sink, "alert-sink-file.properties")
                                .toString()));

        // Every record the source emits, read back from the stream topics the sink subscribes to.
        String[] streamTopics = sink.getProperty("topics").split(",");
        int total = RECORDS_PER_STREAM * source.getProperty("streams").split(",").length;
        Map<String, JsonNode> streamRecords = new HashMap<>();
        Map<String, String> topicOfRecord = new HashMap<>();
        List<String> delivered = List.of();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long expected = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(
                Map.of("allow.auto.create.topics", "false", "metadata.max.age.ms", "1000"), streamTopics)) {
            while (System.nanoTime() < deadline) {
                assertThat(worker.isAlive())
                        .as("standalone worker still running; see " + workerLog)
                        .isTrue();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = StandaloneWorkerJvm.payload(record.value());
                    String streamSeq = value.path("stream").asText() + "#"
                            + value.path("seq").asLong();
                    String coordinates = record.topic() + "-" + record.partition() + "-" + record.offset();
                    if (streamRecords.containsKey(coordinates)) {
                        // Read again after a rebalance of this consumer (the topics appear one by one): not a copy.
                        continue;
                    }
                    assertThat(topicOfRecord.put(streamSeq, coordinates))
                            .as("%s is in the stream topics once", streamSeq)
                            .isNull();
                    streamRecords.put(coordinates, value);
                }
                expected = StandaloneWorkerJvm.atLeast(streamRecords.values(), sinkMinimum);
                delivered = StandaloneWorkerJvm.alertLines(alertFile);
                if (streamRecords.size() >= total && expected > 0 && delivered.size() >= expected) {
                    break;
                }
            }
        }

        String log = Files.readString(workerLog);
        assertThat(log)
                .as("the worker loaded the plugin from the unpacked archive")
                .contains("Registered loader: PluginClassLoader{pluginLocation=" + ComponentArchive.pluginLocation()
                        + "}")
                .contains("Added plugin '" + PluginClasses.SOURCE + "'")
                .contains("Added plugin '" + PluginClasses.SINK + "'");
        assertThat(streamRecords)
                .as("every generated record, alerts included, in its stream topic")
                .hasSize(total);
        assertThat(expected).as("alerts among the stream records").isPositive();
        assertThat(delivered).as("alerts the sink wrote to " + alertFile).hasSize((int) expected);
        for (String line : delivered) {
            JsonNode alert = JSON.readTree(line);
            String id = alert.path("id").asText();
            JsonNode record = streamRecords.get(id);
            assertThat(record)
                    .as("alert %s names a record in its stream topic", id)
                    .isNotNull();
            assertThat(StandaloneWorkerJvm.severityRank(record.path("severity").asText()))
                    .isGreaterThanOrEqualTo(sinkMinimum);
            assertThat(alert.path("severity").asText())
                    .isEqualTo(record.path("severity").asText());
        }
    }

    @Test
    void metricsScrapeSourceRunsStandaloneFromTheShippedConfig() throws Exception {
        try (dev.telemetry.connect.testkit.ScriptedHttpServer target =
                new dev.telemetry.connect.testkit.ScriptedHttpServer(
                        request -> new dev.telemetry.connect.testkit.ScriptedHttpServer.Status(
                                200, "# TYPE jobs_total counter\njobs_total 7\n", Map.of()))) {
            Properties workerProps = ConfigFiles.properties("connect-standalone.properties");
            workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
            workerProps.setProperty("listeners", "http://127.0.0.1:0");
            workerProps.setProperty(
                    "offset.storage.file.filename",
                    work.resolve("scrape.offsets").toString());
            Properties source = ConfigFiles.properties("metrics-scrape-source.properties");
            source.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("targets."))
                    .forEach(source::remove);
            source.setProperty("targets", "local");
            source.setProperty("targets.local.url", target.uri("/metrics").toString());
            source.setProperty("targets.local.source", "standalone_scrape");
            source.setProperty("scrape.interval.ms", "1000");
            source.setProperty("scrape.timeout.ms", "900");

            Path scrapeLog = work.resolve("standalone-scrape-worker.log");
            Process scrapeWorker = KafkaRuntime.start(
                    scrapeLog,
                    List.of(),
                    "org.apache.kafka.connect.cli.ConnectStandalone",
                    List.of(
                            StandaloneWorkerJvm.store(work, workerProps, "scrape-connect-standalone.properties")
                                    .toString(),
                            StandaloneWorkerJvm.store(work, source, "metrics-scrape-source.properties")
                                    .toString()));
            try {
                JsonNode scraped = null;
                JsonNode lastScrape = null;
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(
                        Map.of("allow.auto.create.topics", "false", "metadata.max.age.ms", "1000"),
                        source.getProperty("topic"))) {
                    while (scraped == null && System.nanoTime() < deadline) {
                        assertThat(scrapeWorker.isAlive())
                                .as("standalone worker running; see " + scrapeLog)
                                .isTrue();
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            // The first scrapes of a freshly started JVM may time out on a loaded machine.
                            if ("standalone_scrape".equals(new String(record.key(), StandardCharsets.UTF_8))) {
                                lastScrape = StandaloneWorkerJvm.payload(record.value());
                                if (lastScrape.path("up").asInt() == 1) {
                                    scraped = lastScrape;
                                }
                            }
                        }
                    }
                }
                assertThat(scraped)
                        .as("a successful scrape record keyed by the target's source (last: " + lastScrape + "); see "
                                + scrapeLog)
                        .isNotNull();
                assertThat(scraped.path("severity").asText()).isEqualTo("info");
                assertThat(scraped.at("/metrics/jobs_total").asDouble()).isEqualTo(7.0);
                assertThat(Files.readString(scrapeLog))
                        .contains("Registered loader: PluginClassLoader{pluginLocation="
                                + ComponentArchive.pluginLocation() + "}");
            } finally {
                scrapeWorker.destroy();
                if (!scrapeWorker.waitFor(30, TimeUnit.SECONDS)) {
                    scrapeWorker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * config/log-file-source.properties in a standalone worker of its own that loads the connector from the archive:
     * a Kafka-layout log with a stack trace becomes classified events in the logs topic, the trace as one event.
     */
    @Test
    void logFileSourceOfTheArchiveTailsALog() throws Exception {
        Path logDir = Files.createDirectories(work.resolve("logs"));
        Files.write(
                logDir.resolve("service.log"),
                List.of(
                        "[2026-11-30 10:00:00,000] INFO Started (dev.example.Service)",
                        "[2026-11-30 10:00:01,000] ERROR Request failed (dev.example.Handler)",
                        "java.lang.IllegalStateException: boom",
                        "\tat dev.example.Handler.handle(Handler.java:12)",
                        "[2026-11-30 10:00:02,000] WARN Slow response (dev.example.Handler)"),
                StandardCharsets.UTF_8);
        String topic = "archive.application_logs";

        Properties workerProps = ConfigFiles.properties("connect-standalone.properties");
        workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        workerProps.setProperty("listeners", "http://127.0.0.1:0");
        workerProps.setProperty(
                "offset.storage.file.filename", work.resolve("log-file.offsets").toString());
        Properties source = ConfigFiles.properties("log-file-source.properties");
        source.setProperty("files", logDir + "/*.log");
        source.setProperty("topic.logs", topic);
        source.setProperty("multiline.timeout.ms", "500");
        Path logFileWorkerLog = work.resolve("log-file-worker.log");
        Process logFileWorker = KafkaRuntime.start(
                logFileWorkerLog,
                List.of(),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                List.of(
                        StandaloneWorkerJvm.store(work, workerProps, "connect-standalone-log-file.properties")
                                .toString(),
                        StandaloneWorkerJvm.store(work, source, "log-file-source.properties")
                                .toString()));
        try {
            List<JsonNode> events = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    kafka.createConsumerAndSubscribeTo(Map.of("metadata.max.age.ms", "1000"), topic)) {
                while (events.size() < 3 && System.nanoTime() < deadline) {
                    assertThat(logFileWorker.isAlive())
                            .as("worker running; see " + logFileWorkerLog)
                            .isTrue();
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        events.add(StandaloneWorkerJvm.payload(record.value()));
                    }
                }
            }
            assertThat(Files.readString(logFileWorkerLog))
                    .as("the worker loaded the plugin from the unpacked archive")
                    .contains("Registered loader: PluginClassLoader{pluginLocation=" + ComponentArchive.pluginLocation()
                            + "}")
                    .contains("Added plugin 'dev.telemetry.connect.source.LogFileSourceConnector'");
            // Keyed by level over three partitions: the order across levels is not kept.
            assertThat(events)
                    .extracting(e ->
                            e.path("level").asText() + "/" + e.path("severity").asText())
                    .containsExactlyInAnyOrder("INFO/info", "ERROR/critical", "WARNING/warning");
            JsonNode error = events.stream()
                    .filter(e -> e.path("level").asText().equals("ERROR"))
                    .findFirst()
                    .orElseThrow();
            assertThat(error.path("message").asText())
                    .isEqualTo(
                            "Request failed\n"
                                    + "java.lang.IllegalStateException: boom\n\tat dev.example.Handler.handle(Handler.java:12)");
            assertThat(error.path("service").asText()).isEqualTo("service");
        } finally {
            logFileWorker.destroy();
            if (!logFileWorker.waitFor(30, TimeUnit.SECONDS)) {
                logFileWorker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
