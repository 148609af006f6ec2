package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicRecords;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed worker in a child JVM (Kafka's published jars, the plugin from the unpacked archive) with exactly-once
 * source support runs the log-file source while a writer appends lines; the worker is killed with SIGKILL
 * ({@code destroyForcibly}) in the middle, twice, and a new worker process takes over. Every line must be in the topic
 * exactly once, in order, read with read_committed.
 */
class LogFileSourceHardKillIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "hardkill.application_logs";

    @TempDir
    static Path work;

    private static EmbeddedKafkaCluster kafka;
    private static Process worker;
    private static int workers;

    @BeforeAll
    static void startBroker() {
        ComponentArchive.requireBuilt();
        Properties brokerProps = new Properties();
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        // The coordinator looks for timed-out transactions every second instead of every 10 s (see startWorker).
        brokerProps.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        kafka = new EmbeddedKafkaCluster(1, brokerProps);
        kafka.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (worker != null) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void everyLineArrivesExactlyOnceAcrossKilledWorkers() throws Exception {
        Path dir = Files.createDirectories(work.resolve("logs"));
        Path file = dir.resolve("app.log");
        kafka.createTopic(TOPIC, 1);
        int port = freePort();
        RestClient rest = new RestClient("http://127.0.0.1:" + port + "/");
        worker = startWorker(port);
        awaitRest(rest);

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "dev.telemetry.connect.source.LogFileSourceConnector");
        config.put("tasks.max", "1");
        config.put("files", dir + "/*.log");
        config.put("topic.logs", TOPIC);
        config.put("scan.interval.ms", "200");
        config.put("exactly.once.support", "required");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        RestClient.Response created = rest.put("connectors/log-files-hardkill/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> appendLines(file, written), "hardkill-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            long target = 500;
            for (int kill = 0; kill < 2; kill++) {
                // Kill while the task is busy: lines keep coming, some of them in an open transaction.
                target = awaitAtLeast(target).size() + 500;
                worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                worker = startWorker(port);
                awaitRest(rest);
            }
            awaitAtLeast(target);
        } finally {
            writer.interrupt();
            writer.join(10_000);
        }
        long total = written.get();
        assertThat(total).isGreaterThan(2_000);
        List<Long> seqs = new ArrayList<>();
        for (JsonNode value : awaitAtLeast(total)) {
            seqs.add(Long.parseLong(value.path("message").asText().substring("line ".length())));
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            expected.add(i);
        }
        assertThat(seqs)
                .as("every line once, in order, after two SIGKILLed workers")
                .isEqualTo(expected);
        rest.delete("connectors/log-files-hardkill");
    }

    private static void appendLines(Path file, AtomicLong written) {
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            while (!Thread.currentThread().isInterrupted()) {
                out.write(("line " + written.get() + "\n").getBytes(StandardCharsets.UTF_8));
                written.incrementAndGet();
                // At most 1,000 lines a second: a restart (6 s of session timeout, up to 10 s of transaction timeout)
                // still spans thousands of lines, and each check reads the whole topic again.
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> awaitAtLeast(long expected) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        TestUtils.waitForCondition(
                () -> {
                    values.clear();
                    for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(kafka, TIMEOUT_MS, TOPIC)) {
                        values.add(JSON.readTree(record.value()));
                    }
                    return values.size() >= expected;
                },
                TIMEOUT_MS,
                () -> TOPIC + " holds " + values.size() + " of " + expected + " records; worker log in " + work);
        return values;
    }

    private static Process startWorker(int port) throws IOException, InterruptedException {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("group.id", "hardkill");
        props.setProperty("config.storage.topic", "hardkill-configs");
        props.setProperty("offset.storage.topic", "hardkill-offsets");
        props.setProperty("status.storage.topic", "hardkill-status");
        props.setProperty("config.storage.replication.factor", "1");
        props.setProperty("offset.storage.replication.factor", "1");
        props.setProperty("status.storage.replication.factor", "1");
        props.setProperty("exactly.once.source.support", "enabled");
        props.setProperty("plugin.path", ComponentArchive.packagesDir().toString());
        props.setProperty("plugin.discovery", "service_load");
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        props.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.setProperty("offset.flush.interval.ms", "1000");
        // The killed worker's task is given to the new one as soon as the group notices, not after a 5-minute delay.
        props.setProperty("scheduled.rebalance.max.delay.ms", "0");
        props.setProperty("session.timeout.ms", "6000");
        props.setProperty("heartbeat.interval.ms", "1000");
        // A new worker reads the offsets topic read_committed to its end before it joins, and the transaction the
        // killed task left open holds that end back until the coordinator aborts it: with no other worker to take the
        // task over and fence it, that is after the producer's transaction timeout (60 s by default, once per kill).
        // Each transaction here spans one poll, well under 10 s.
        props.setProperty("producer.transaction.timeout.ms", "10000");
        Path propsFile = work.resolve("worker.properties");
        try (var writer = Files.newBufferedWriter(propsFile)) {
            props.store(writer, "hard-kill worker");
        }
        Path log = work.resolve("worker-" + (++workers) + ".log");
        return KafkaRuntime.start(
                log, List.of(), "org.apache.kafka.connect.cli.ConnectDistributed", List.of(propsFile.toString()));
    }

    private static void awaitRest(RestClient rest) throws InterruptedException {
        TestUtils.waitForCondition(
                () -> {
                    try {
                        return rest.get("connectors").status() == 200;
                    } catch (IllegalStateException notYet) {
                        return false;
                    }
                },
                TIMEOUT_MS,
                "the worker's REST API did not come up");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
