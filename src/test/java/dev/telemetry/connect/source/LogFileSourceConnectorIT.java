package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.telemetry.connect.source.logfile.FileIdentity;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicRecords;
import dev.telemetry.connect.testkit.TopicTail;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-file source in a real distributed worker with exactly-once source support, against a real KRaft broker and
 * real files that writer threads append to while the test rotates, truncates and deletes them, restarts the connector
 * and stops and starts the worker. Read back with read_committed.
 *
 * <p>The worker bounce here is a clean stop of the in-process worker; {@code LogFileSourceHardKillIT} (packaged-archive
 * suite) kills a child-JVM worker with SIGKILL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFileSourceConnectorIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private EmbeddedConnectCluster connect;

    @BeforeAll
    void startCluster() throws InterruptedException {
        connect = ConnectClusters.startExactlyOnce("log-file-source-it", 1);
    }

    @AfterAll
    void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void everyLineArrivesExactlyOnceInOrderThroughRotationsTruncationDeletionRestartsAndAWorkerBounce()
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("rotating"));
        String topic = "rotating.application_logs";
        String name = "log-files-rotating";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = baseConfig(dir + "/*.log*", topic);
        config.put("format", "logfmt");
        config.put("scan.interval.ms", "200");
        config.put("close.inactive.ms", "3000");
        config.put("exactly.once.support", "required");

        LineWriter app = new LineWriter("app", dir.resolve("app.log"));
        LineWriter api = new LineWriter("api", dir.resolve("api.log"));
        Thread appThread = new Thread(app, "writer-app");
        Thread apiThread = new Thread(api, "writer-api");
        List<JsonNode> events;
        long total;
        try (TopicTail<JsonNode> lines = tail(topic)) {
            appThread.start();
            apiThread.start();
            try {
                createConnector(name, config);
                // The rotated file is to be deleted while the task reads it: wait until the task has opened it.
                awaitLineOf(lines, app, 0);

                // Rename rotation; the rotated file is deleted while the task still reads it.
                app.rotateTo(dir.resolve("app.log.1"));
                Files.delete(dir.resolve("app.log.1"));

                awaitWritersCaughtUp(name, lines, app, api);
                assertThat(rest().post("connectors/" + name + "/restart?includeTasks=true", "")
                                .status())
                        .isIn(200, 202, 204);
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not restart");
                // The next rotations happen while the restarted task follows both files, past its committed offsets.
                awaitWritersCaughtUp(name, lines, app, api);

                api.rotateTo(dir.resolve("api.log.1"));
                // The task finds api.log's new file before app.log rotates too.
                awaitLineOf(lines, api, 1);
                app.rotateTo(dir.resolve("app.log.2"));
                awaitLineOf(lines, app, 2);

                // Worker stop and start while the writers keep writing.
                awaitWritersCaughtUp(name, lines, app, api);
                connect.removeWorker();
                // Lines that only the next worker can read.
                awaitNewLines(100, app, api);
                connect.addWorker();
                connect.assertions().assertAtLeastNumWorkersAreUp(1, "worker did not come back");
                connect.assertions()
                        .assertConnectorAndExactlyNumTasksAreRunning(
                                name, 1, "connector did not run again after the worker bounce");

                // copytruncate: the rotation tool copies the file and truncates it in place. Lines written between
                // the copy and the truncation are lost by that method itself, so the writer holds still meanwhile,
                // and the copy's name matches no glob.
                app.pause();
                awaitWritersCaughtUp(name, lines, app, api);
                Files.copy(dir.resolve("app.log"), dir.resolve("app-copytruncate.txt"));
                try (FileChannel channel = FileChannel.open(dir.resolve("app.log"), StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                }
                app.resume();
                // The task reads what is written after the truncation before the file is rotated.
                awaitNewLines(100, app);
                awaitWritersCaughtUp(name, lines, app, api);

                app.rotateTo(dir.resolve("app.log.3"));
                Files.delete(dir.resolve("api.log.1"));
                awaitLineOf(lines, app, 3);
            } finally {
                app.stop();
                api.stop();
                appThread.join(10_000);
                apiThread.join(10_000);
            }
            total = app.written() + api.written();
            assertThat(total).as("lines written").isGreaterThan(5_000);
            try {
                awaitWritersCaughtUp(name, lines, app, api);
            } catch (AssertionError timedOut) {
                // The assertions below say which lines are missing or doubled.
            }
            events = lines.all().stream().filter(event -> !event.isNull()).toList();
        }

        Map<String, List<Long>> seqsByWriter = new TreeMap<>();
        Map<String, List<Long>> seqsByFile = new TreeMap<>();
        for (JsonNode event : events) {
            JsonNode fields = event.get("fields");
            String writer = fields.get("writer").asText();
            long seq = fields.get("seq").asLong();
            seqsByWriter.computeIfAbsent(writer, w -> new ArrayList<>()).add(seq);
            seqsByFile
                    .computeIfAbsent(writer + " generation " + fields.get("gen").asText(), f -> new ArrayList<>())
                    .add(seq);
            assertThat(event.get("message").asText()).isEqualTo("line " + seq + " of " + writer);
        }
        assertThat(events).hasSize((int) total);
        assertThat(seqsByWriter.get("app"))
                .as("every line of app.log exactly once")
                .containsExactlyInAnyOrderElementsOf(range(app.written()));
        assertThat(seqsByWriter.get("api"))
                .as("every line of api.log exactly once")
                .containsExactlyInAnyOrderElementsOf(range(api.written()));
        seqsByFile.forEach((file, seqs) ->
                assertThat(seqs).as("order of the lines of %s", file).isSorted());
        assertThat(seqsByFile)
                .as("files written: app.log in 4 generations, api.log in 2")
                .hasSize(6);
        rest().delete("connectors/" + name);
    }

    /**
     * A pod's log as containerd writes it (CRI lines, long lines split into P pieces) and the kubelet rotates it:
     * 0.log renamed to 0.log.<time> while a line is half written, the runtime finishing that line through the handle
     * it holds and then reopening a new 0.log; and a connector restart between the pieces of a line. Every line
     * arrives once, whole, in order, with its stream and its pod.
     */
    @Test
    void criPiecesAreJoinedAcrossAKubeletRotationAndARestart() throws Exception {
        Path container = Files.createDirectories(
                work.resolve("pods/shop_checkout-7d9f8b6c5-x2x8k_4c1f2a3e-1111-2222-3333-444455556666/checkout"));
        String topic = "cri.application_logs";
        String name = "log-files-cri";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = baseConfig(work + "/pods/*/*/*.log", topic);
        config.put("container.format", "cri");
        config.put("format", "json");
        config.put("scan.interval.ms", "200");
        config.put("partial.line.timeout.ms", "600000");
        config.put("exactly.once.support", "required");
        CriWriter runtime = new CriWriter(container.resolve("0.log"));
        int seq = 0;
        for (; seq < 100; seq++) {
            runtime.line(seq, seq % 10 == 0 ? 3 : 1);
        }
        createConnector(name, config);
        awaitCaughtUp(topic, seq);

        runtime.firstPieceOf(seq);
        Path rotated = container.resolve("0.log.20261207-101531");
        Files.move(container.resolve("0.log"), rotated);
        runtime.restOf(seq++);
        runtime.reopen(container.resolve("0.log"));
        for (; seq < 150; seq++) {
            runtime.line(seq, seq % 7 == 0 ? 4 : 1);
        }
        awaitCaughtUp(topic, seq);

        runtime.firstPieceOf(seq);
        assertThat(rest().post("connectors/" + name + "/restart?includeTasks=true", "")
                        .status())
                .isIn(200, 202, 204);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not restart");
        runtime.restOf(seq++);
        for (; seq < 200; seq++) {
            runtime.line(seq, 2);
        }
        runtime.close();
        List<JsonNode> events = readUntil(topic, seq);

        assertThat(events)
                .extracting(e -> e.get("message").asText())
                .containsExactlyElementsOf(
                        range(seq).stream().map(CriWriter::message).toList());
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("service").asText()).isEqualTo("checkout");
        assertThat(last.get("level").asText()).isEqualTo("WARNING");
        assertThat(last.get("fields").get("stream").asText()).isEqualTo("stderr");
        assertThat(last.get("fields").get("kubernetes.namespace").asText()).isEqualTo("shop");
        assertThat(last.get("fields").get("kubernetes.pod.name").asText()).isEqualTo("checkout-7d9f8b6c5-x2x8k");
        assertThat(last.get("fields").get("kubernetes.container.name").asText()).isEqualTo("checkout");
        rest().delete("connectors/" + name);
    }

    @Test
    void stackTracesAreOneEventAndErrorLinesBecomeAlertsOfTheFileSink() throws Exception {
        Path dir = Files.createDirectories(work.resolve("worker-log"));
        Path alerts = work.resolve("alerts.jsonl");
        String topic = "alerts-it.application_logs";
        List<String> lines = List.of(
                "[2026-11-30 10:00:00,000] INFO Worker started (org.apache.kafka.connect.runtime.Worker)",
                "[2026-11-30 10:00:01,000] WARN Connection to node 1 could not be established (o.a.k.c.NetworkClient)",
                "[2026-11-30 10:00:02,000] ERROR Task threw an uncaught exception (o.a.k.c.runtime.WorkerTask)",
                "org.apache.kafka.connect.errors.ConnectException: boom",
                "\tat dev.example.Task.poll(Task.java:42)",
                "Caused by: java.io.IOException: disk full",
                "\t... 12 more",
                "[2026-11-30 10:00:03,000] INFO Stopping task (org.apache.kafka.connect.runtime.Worker)",
                "[2026-11-30 10:00:04,000] ERROR Failed to commit offsets (o.a.k.c.runtime.OffsetStorageWriter)",
                "[2026-11-30 10:00:05,000] INFO Worker stopped (org.apache.kafka.connect.runtime.Worker)");
        Files.write(dir.resolve("connect.log"), lines, StandardCharsets.UTF_8);

        Map<String, String> source = ConfigFiles.load("log-file-source.properties");
        source.remove("name");
        source.put("files", dir + "/*.log");
        source.put("topic.logs", topic);
        source.put("topic.creation.default.replication.factor", "1");
        source.put("multiline.timeout.ms", "500");
        createConnector("log-files-alerts", source);

        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.remove("name");
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        sink.put("topics", topic);
        sink.put("file.path", alerts.toString());
        sink.put("errors.deadletterqueue.topic.name", "alerts-it.dlq");
        sink.put("transforms", "onlyAlerts");
        sink.put("transforms.onlyAlerts.type", "org.apache.kafka.connect.transforms.Filter");
        sink.put("transforms.onlyAlerts.predicate", "isAlert");
        sink.put("transforms.onlyAlerts.negate", "true");
        sink.put("predicates", "isAlert");
        sink.put("predicates.isAlert.type", "dev.telemetry.connect.transforms.predicates.SeverityAtLeast");
        sink.put("predicates.isAlert.min.severity", "warning");
        sink.put("predicates.isAlert.severity.field", "severity");
        createConnector("log-alerts-file", sink);

        List<JsonNode> events = awaitCaughtUp(topic, 6);
        assertThat(events).hasSize(6);
        assertThat(events)
                .extracting(e -> e.get("level").asText())
                .containsExactlyInAnyOrder("INFO", "WARNING", "ERROR", "INFO", "ERROR", "INFO");
        JsonNode trace = events.stream()
                .filter(e -> e.get("line").asLong() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(trace.get("message").asText())
                .isEqualTo("Task threw an uncaught exception\n" + String.join("\n", lines.subList(3, 7)));
        assertThat(trace.get("severity").asText()).isEqualTo("critical");
        assertThat(trace.get("service").asText()).isEqualTo("connect");

        TestUtils.waitForCondition(
                () -> Files.exists(alerts) && Files.readAllLines(alerts).size() >= 3,
                TIMEOUT_MS,
                "the file sink did not write the alerts of the log");
        awaitAlertsSettled("connect-log-alerts-file", topic);
        List<JsonNode> written = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            written.add(JSON.readTree(line));
        }
        assertThat(written)
                .extracting(a -> a.get("severity").asText())
                .containsExactlyInAnyOrder("warning", "critical", "critical");
        assertThat(written)
                .as(written.toString())
                .extracting(a -> a.at("/record/value/line").asLong())
                .containsExactlyInAnyOrder(2L, 3L, 9L);
        rest().delete("connectors/log-alerts-file");
        rest().delete("connectors/log-files-alerts");
    }

    @Test
    void offsetsCanBeRewoundThroughTheRestApiAndBadOnesAreRefused() throws Exception {
        Path dir = Files.createDirectories(work.resolve("rewind"));
        String topic = "rewind.application_logs";
        String name = "log-files-rewind";
        Files.write(dir.resolve("app.log"), List.of("one", "two", "three"), StandardCharsets.UTF_8);
        createConnector(name, baseConfig(dir + "/*.log", topic));
        awaitCaughtUp(topic, 3);

        assertThat(rest().put("connectors/" + name + "/stop", "").status()).isIn(202, 204);
        connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        long size = Files.size(dir.resolve("app.log"));
        JsonNode[] offsets = new JsonNode[1];
        // Read until the worker's offset reader has caught up with the last transaction.
        TestUtils.waitForCondition(
                () -> {
                    offsets[0] =
                            rest().get("connectors/" + name + "/offsets").json().get("offsets");
                    return offsets[0].size() == 1
                            && offsets[0].get(0).at("/offset/position").asLong() == size;
                },
                TIMEOUT_MS,
                () -> "offsets of " + name + ": " + offsets[0]);
        JsonNode partition = offsets[0].get(0).get("partition");
        assertThat(partition.fieldNames()).toIterable().containsExactlyInAnyOrder("dev", "ino");

        HttpResponse<String> refused = patch(
                "connectors/" + name + "/offsets",
                "{\"offsets\":[{\"partition\":" + partition + ",\"offset\":{\"position\":-4}}]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("'position' in the offset");

        HttpResponse<String> rewound = patch(
                "connectors/" + name + "/offsets",
                "{\"offsets\":[{\"partition\":" + partition + ",\"offset\":{\"position\":4,\"line\":1}}]}");
        assertThat(rewound.statusCode()).as(rewound.body()).isEqualTo(200);
        assertThat(rest().put("connectors/" + name + "/resume", "").status()).isIn(202, 204);

        List<JsonNode> events = awaitCaughtUp(topic, 5);
        assertThat(events)
                .extracting(e -> e.get("message").asText())
                .containsExactly("one", "two", "three", "two", "three");
        rest().delete("connectors/" + name);
    }

    @Test
    void theOffsetOfADeletedFileIsRemovedOnceItHasBeenReadToItsEnd() throws Exception {
        Path dir = Files.createDirectories(work.resolve("clean-removed"));
        String topic = "clean-removed.application_logs";
        String name = "log-files-clean-removed";
        Path kept = dir.resolve("kept.log");
        Path deleted = dir.resolve("deleted.log");
        Files.write(kept, List.of("kept one", "kept two"), StandardCharsets.UTF_8);
        Files.write(deleted, List.of("deleted one", "deleted two", "deleted three"), StandardCharsets.UTF_8);
        FileIdentity keptIdentity = FileIdentity.of(kept);
        FileIdentity deletedIdentity = FileIdentity.of(deleted);
        Map<String, String> config = baseConfig(dir + "/*.log", topic);
        config.put("scan.interval.ms", "200");
        config.put("close.inactive.ms", "1000");
        config.put("clean.removed", "true");
        createConnector(name, config);
        awaitCaughtUp(topic, 5);
        TestUtils.waitForCondition(
                () -> offsetIdentities(name).containsAll(List.of(keptIdentity, deletedIdentity)),
                TIMEOUT_MS,
                () -> "offsets of " + name + " lack a file: " + offsetIdentities(name));

        Files.delete(deleted);
        TestUtils.waitForCondition(
                () -> offsetIdentities(name).equals(List.of(keptIdentity)),
                TIMEOUT_MS,
                () -> "offsets of " + name + " still list the deleted file: " + offsetIdentities(name));
        List<ConsumerRecord<byte[], byte[]>> tombstones =
                TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, topic).stream()
                        .filter(record -> record.value() == null)
                        .toList();
        assertThat(tombstones)
                .singleElement()
                .satisfies(tombstone -> assertThat(new String(
                                tombstone
                                        .headers()
                                        .lastHeader("log.file.removed")
                                        .value(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(deleted.toString()));
        assertThat(awaitCaughtUp(topic, 5))
                .extracting(e -> e.get("message").asText())
                .containsExactlyInAnyOrder("kept one", "kept two", "deleted one", "deleted two", "deleted three");
        rest().delete("connectors/" + name);
    }

    /**
     * Issue 23, findings 5-9 on the real worker: lines whose dates do not exist, kernel files, FIFOs and devices behind
     * symlinks, a file reached by two links, a directory the walk cannot list, more files than max.open.files and
     * files of blank lines larger than a batch. The task stays RUNNING and every line of every log arrives once.
     */
    @Test
    void hostileFilesNeverStopTheTaskAndEveryLineArrivesOnce() throws Exception {
        Path dir = Files.createDirectories(work.resolve("hostile"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String topic = "hostile.application_logs";
        String name = "log-files-hostile";
        List<String> syslog = List.of(
                "Apr 31 10:00:00 web-1 app: no such day",
                "Nov  3 07:01:02 web-1 sshd[1234]: a good line",
                "Feb 30 10:00:00 web-1 app: no such day either");
        Files.write(logs.resolve("syslog.log"), syslog, StandardCharsets.UTF_8);
        Files.createSymbolicLink(logs.resolve("syslog-link.log"), logs.resolve("syslog.log"));
        Files.createSymbolicLink(logs.resolve("proc.log"), Path.of("/proc/version"));
        Files.createSymbolicLink(logs.resolve("zero.log"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", logs.resolve("pipe.log").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        for (int i = 0; i < 6; i++) {
            Files.write(logs.resolve("app-" + i + ".log"), List.of("line of app " + i), StandardCharsets.UTF_8);
        }
        // More blank lines than read.buffer.bytes below: one buffer of them is 4,096 events, over 8 batches.
        int blankLines = 5_000;
        Files.writeString(logs.resolve("blank.log"), "\n".repeat(blankLines), StandardCharsets.UTF_8);
        Map<String, String> config = baseConfig(dir + "/**/*.log", topic);
        config.put("format", "regex");
        config.put("regex.preset", "syslog-rfc3164");
        config.put("follow.symlinks", "true");
        config.put("max.open.files", "3");
        config.put("max.batch.size", "500");
        config.put("read.buffer.bytes", "4096");
        int scanIntervalMs = 200;
        int closeInactiveMs = 500;
        config.put("scan.interval.ms", String.valueOf(scanIntervalMs));
        config.put("close.inactive.ms", String.valueOf(closeInactiveMs));
        createConnector(name, config);

        int expected = syslog.size() + 6 + blankLines;
        List<JsonNode> events = awaitCaughtUp(topic, expected);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the task failed");
        // Nothing more may arrive: by now the last files read have been closed (close.inactive.ms) and their slots
        // of max.open.files given to any file left in two more scans, which would have opened proc, dev or the FIFO.
        Thread.sleep(closeInactiveMs + 2L * scanIntervalMs);
        events = awaitCaughtUp(topic, expected);
        assertThat(events)
                .as("every line once, nothing from proc, dev or the FIFO")
                .hasSize(expected);
        Map<String, Long> perFile = new TreeMap<>();
        events.forEach(e -> perFile.merge(e.get("file").asText(), 1L, Long::sum));
        assertThat(perFile)
                .containsEntry(logs.resolve("blank.log").toString(), (long) blankLines)
                .hasSize(8);
        assertThat(events.stream()
                        .filter(e -> e.get("message").asText().startsWith("no such day"))
                        .toList())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.get("parse_error").asText()).contains("timestamp"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the task failed");
        rest().delete("connectors/" + name);
    }

    /**
     * Waits until the sink's consumer group has committed past every record of {@code topic} that makes an alert (its
     * severity above info): the sink settles a record only once its alert is written and flushed, so the file then
     * holds every alert it will. (Not the log end: the Filter in front of the sink drops the trailing INFO line, and
     * the sink commits only up to the last record it was handed.)
     */
    private void awaitAlertsSettled(String groupId, String topic) throws Exception {
        Map<TopicPartition, Long> alerting = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, topic)) {
            if (record.value() != null
                    && !"info"
                            .equals(payload(JSON.readTree(record.value()))
                                    .path("severity")
                                    .asText())) {
                alerting.merge(new TopicPartition(topic, record.partition()), record.offset() + 1, Math::max);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        try (Admin admin = connect.kafka().createAdminClient()) {
            TestUtils.waitForCondition(
                    () -> {
                        committed.clear();
                        committed.putAll(admin.listConsumerGroupOffsets(groupId)
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS));
                        return alerting.entrySet().stream()
                                .allMatch(end -> committed.containsKey(end.getKey())
                                        && committed.get(end.getKey()).offset() >= end.getValue());
                    },
                    TIMEOUT_MS,
                    () -> groupId + " committed " + committed + ", not past the alerting records " + alerting);
        }
    }

    /** The files whose offsets {@code GET /connectors/{name}/offsets} lists now. */
    private List<FileIdentity> offsetIdentities(String name) {
        List<FileIdentity> identities = new ArrayList<>();
        for (JsonNode entry :
                rest().get("connectors/" + name + "/offsets").json().get("offsets")) {
            JsonNode partition = entry.get("partition");
            identities.add(new FileIdentity(
                    partition.get("dev").asLong(), partition.get("ino").asLong()));
        }
        return identities;
    }

    private Map<String, String> baseConfig(String files, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", LogFileSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("files", files);
        config.put("topic.logs", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    /** The REST API of whichever worker runs now (a bounced worker comes back on another port). */
    private RestClient rest() {
        return new RestClient(connect.endpointForResource(""));
    }

    private void createConnector(String name, Map<String, String> config) {
        RestClient.Response response = rest().put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private HttpResponse<String> patch(String path, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(connect.endpointForResource(path)))
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code topic} holds at least {@code expected} committed records; returns all their values. */
    private List<JsonNode> awaitCaughtUp(String topic, long expected) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        TestUtils.waitForCondition(
                () -> {
                    values.clear();
                    for (ConsumerRecord<byte[], byte[]> record :
                            TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, topic)) {
                        if (record.value() != null) {
                            values.add(payload(JSON.readTree(record.value())));
                        }
                    }
                    return values.size() >= expected;
                },
                TIMEOUT_MS,
                () -> topic + " holds " + values.size() + " of " + expected + " records");
        return values;
    }

    /**
     * Waits until {@code topic} holds, for each writer, at least the lines it has written by now. (A total count is
     * not enough: one writer's new lines would make up for the other's unread ones.) Meanwhile restarts the
     * {@code connector}'s failed task, as Kafka's own bounce tests do: across a worker bounce the broker can answer a
     * transaction commit of the new task's producer with a fatal InvalidTxnStateException, and Connect then kills the
     * task until it is restarted. What was committed stays committed and the restarted task resumes from its committed
     * offsets, so the checks on every line still hold.
     */
    private void awaitWritersCaughtUp(String connector, TopicTail<JsonNode> lines, LineWriter... writers)
            throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (LineWriter writer : writers) {
            expected.put(writer.name, writer.written());
        }
        Map<String, Long> seen = new HashMap<>();
        TestUtils.waitForCondition(
                () -> {
                    restartFailedTask(connector);
                    seen.clear();
                    for (JsonNode event : lines.all()) {
                        if (!event.isNull()) {
                            seen.merge(event.path("fields").path("writer").asText(), 1L, Long::sum);
                        }
                    }
                    return expected.entrySet().stream()
                            .allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue());
                },
                TIMEOUT_MS,
                () -> "the topic holds " + seen + " lines by writer, expected at least " + expected);
    }

    /** Waits until the topic holds a line that {@code writer} wrote to the file of {@code generation}. */
    private static void awaitLineOf(TopicTail<JsonNode> lines, LineWriter writer, int generation)
            throws InterruptedException {
        String gen = String.valueOf(generation);
        TestUtils.waitForCondition(
                () -> lines.all().stream()
                        .anyMatch(event ->
                                writer.name.equals(event.at("/fields/writer").asText())
                                        && gen.equals(event.at("/fields/gen").asText())),
                TIMEOUT_MS,
                () -> "no line of " + writer.name + " generation " + generation + " arrived");
    }

    /** Waits until each of {@code writers} has written {@code count} lines more than now. */
    private static void awaitNewLines(long count, LineWriter... writers) throws InterruptedException {
        Map<LineWriter, Long> targets = new HashMap<>();
        for (LineWriter writer : writers) {
            targets.put(writer, writer.written() + count);
        }
        TestUtils.waitForCondition(
                () -> targets.entrySet().stream().allMatch(e -> e.getKey().written() >= e.getValue()),
                TIMEOUT_MS,
                "the writers did not write " + count + " more lines");
    }

    /** The payloads of {@code topic}'s records, a tombstone as a JSON null, each read and parsed once. */
    private TopicTail<JsonNode> tail(String topic) {
        return new TopicTail<>(connect.kafka(), topic, record -> {
            if (record.value() == null) {
                return NullNode.getInstance();
            }
            try {
                return payload(JSON.readTree(record.value()));
            } catch (IOException e) {
                throw new IllegalStateException("record is not JSON", e);
            }
        });
    }

    private void restartFailedTask(String connector) {
        JsonNode status = rest().get("connectors/" + connector + "/status").json();
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                System.out.println("Restarting the failed task of " + connector + ": "
                        + task.path("trace").asText().lines().findFirst().orElse(""));
                rest().post("connectors/" + connector + "/restart?onlyFailed=true&includeTasks=true");
            }
        }
    }

    /**
     * Reads {@code topic} until it holds {@code expected} committed records or the timeout passes; returns what it
     * holds then, so that the assertions can say which lines are missing or doubled.
     */
    private List<JsonNode> readUntil(String topic, long expected) throws Exception {
        try {
            return awaitCaughtUp(topic, expected);
        } catch (AssertionError timedOut) {
            List<JsonNode> values = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, topic)) {
                if (record.value() != null) {
                    values.add(payload(JSON.readTree(record.value())));
                }
            }
            return values;
        }
    }

    /** The payload of a JSON-with-schema value, or the value itself. */
    private static JsonNode payload(JsonNode value) {
        return value.has("payload") && value.has("schema") ? value.get("payload") : value;
    }

    private static List<Long> range(long n) {
        List<Long> range = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            range.add(i);
        }
        return range;
    }

    /**
     * Writes a container's output as containerd does: each line as {@code <time> <stream> <P|F> <message>}, a long one
     * in pieces, every piece but the last tagged P; even lines to stdout, odd ones to stderr.
     */
    private static final class CriWriter {
        private OutputStream out;
        private String[] pending;

        CriWriter(Path file) throws IOException {
            reopen(file);
        }

        static String message(long seq) {
            return "line " + seq + " " + "x".repeat((int) (seq % 13) * 10) + " end";
        }

        void line(int seq, int pieces) throws IOException {
            String[] split = pieces(seq, pieces);
            for (int i = 0; i < split.length; i++) {
                write(seq, i == split.length - 1 ? 'F' : 'P', split[i]);
            }
        }

        void firstPieceOf(int seq) throws IOException {
            pending = pieces(seq, 2);
            write(seq, 'P', pending[0]);
        }

        void restOf(int seq) throws IOException {
            write(seq, 'F', pending[1]);
            pending = null;
        }

        void reopen(Path file) throws IOException {
            close();
            out = new FileOutputStream(file.toFile(), true);
        }

        void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }

        private static String[] pieces(int seq, int pieces) {
            String json = "{\"level\":\"" + (seq % 2 == 0 ? "info" : "warn") + "\",\"msg\":\"" + message(seq) + "\"}";
            String[] split = new String[pieces];
            int size = (json.length() + pieces - 1) / pieces;
            for (int i = 0; i < pieces; i++) {
                split[i] = json.substring(Math.min(json.length(), i * size), Math.min(json.length(), (i + 1) * size));
            }
            return split;
        }

        private void write(int seq, char tag, String piece) throws IOException {
            String stream = seq % 2 == 0 ? "stdout" : "stderr";
            String line = String.format("2026-12-07T10:15:%02d.%09dZ %s %c %s%n", seq % 60, seq, stream, tag, piece);
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /**
     * Appends logfmt lines to a file, a few thousand per second, one write per line; on request keeps writing a
     * little to the renamed file (as a logger does until it reopens), then reopens its path.
     */
    private static final class LineWriter implements Runnable {
        private final String name;
        private final Path path;
        private final AtomicLong written = new AtomicLong();
        /** Held by the writer for each line, and by the test while the writer must hold still. */
        private final ReentrantLock writing = new ReentrantLock(true);

        private volatile boolean stopped;
        private volatile boolean reopenRequested;
        private int generation;

        LineWriter(String name, Path path) {
            this.name = name;
            this.path = path;
        }

        long written() {
            return written.get();
        }

        /** Renames the file, then lets the writer write 20 more lines to it before it reopens its path. */
        void rotateTo(Path rotated) throws IOException, InterruptedException {
            pause();
            try {
                Files.move(path, rotated);
                reopenRequested = true;
            } finally {
                resume();
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (reopenRequested && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
        }

        /** Returns once no line is being written and none will be until {@link #resume()}. */
        void pause() {
            writing.lock();
        }

        void resume() {
            writing.unlock();
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                OutputStream out = new FileOutputStream(path.toFile(), true);
                int sinceRotation = 0;
                while (!stopped) {
                    writing.lock();
                    try {
                        if (reopenRequested && ++sinceRotation > 20) {
                            out.close();
                            out = new FileOutputStream(path.toFile(), true);
                            generation++;
                            sinceRotation = 0;
                            reopenRequested = false;
                        }
                        long seq = written.get();
                        String level = seq % 97 == 0 ? "ERROR" : seq % 13 == 0 ? "WARN" : "INFO";
                        out.write(("level=" + level + " writer=" + name + " gen=" + generation + " seq=" + seq
                                        + " msg=\"line " + seq + " of " + name + "\"\n")
                                .getBytes(StandardCharsets.UTF_8));
                        written.incrementAndGet();
                    } finally {
                        writing.unlock();
                    }
                    if (written.get() % 2 == 0) {
                        Thread.sleep(1);
                    }
                }
                out.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("writer " + name + " failed", e);
            }
        }
    }
}
