package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.PluginMBeans;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The alert lifecycle on a real worker: a burst of ERROR records of one service, then silence, is exactly one firing
 * and one resolved notification, with the burst's count, in the file, at a webhook and in Slack (JDK HTTP servers); a
 * real Alertmanager shows the incident while it fires and no longer once it is resolved; the real health source's
 * STALL then OK of a real consumer group is one incident, resolved by the OK record; absence fires per partition when a
 * stream stops and resolves when it comes back. The four run at the same time, each on topics and connectors of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class IncidentLifecycleIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH_TOPIC = "incident_health";

    private EmbeddedConnectCluster connect;
    private HttpServer webhook;
    private final List<JsonNode> webhookBodies = new CopyOnWriteArrayList<>();
    private final List<JsonNode> slackMessages = new CopyOnWriteArrayList<>();
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookBodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.createContext("/slack", exchange -> {
            slackMessages.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        webhook.start();
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            SharedConnectCluster.release();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void aBurstThenSilenceIsOneFiringAndOneResolvedPerDestination(@TempDir Path dir) throws Exception {
        connect.kafka().createTopic("app-alerts", 1);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        // Seq multiples of 3: every record is of service svc-0, so one key.
        for (long seq = 0; seq < 60; seq += 3) {
            alerts.produce(connect.kafka(), "app-alerts", seq, "critical", "checkout failed " + seq);
        }
        Path file = dir.resolve("incidents.jsonl");
        Map<String, String> fileSink = sink("file");
        fileSink.put("file.path", file.toString());
        create("incident-file", fileSink);
        Map<String, String> webhookSink = sink("webhook");
        webhookSink.put(
                "webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        create("incident-webhook", webhookSink);
        Map<String, String> slackSink = sink("slack");
        slackSink.put(
                "slack.webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/slack");
        create("incident-slack", slackSink);

        List<JsonNode> lines = await(() -> readLines(file), 2);
        assertThat(lines).extracting(line -> line.get("status").asText()).containsExactly("firing", "resolved");
        assertThat(lines)
                .extracting(line -> line.get("id").asText())
                .containsExactly("app-alerts-0-0/firing", "app-alerts-0-0/resolved");
        JsonNode resolved = lines.get(1);
        assertThat(resolved.get("incident").asText()).isEqualTo("app-alerts-0-0");
        assertThat(resolved.get("count").asLong()).isEqualTo(20);
        assertThat(resolved.at("/key/source").asText()).isEqualTo("svc-0");
        assertThat(resolved.at("/key/category").asText()).isEqualTo("alert");
        assertThat(resolved.at("/positions/first_offset").asLong()).isZero();
        assertThat(resolved.at("/positions/last_offset").asLong()).isEqualTo(19);
        assertThat(resolved.get("endsAt").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(lines.get(0).get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");

        List<JsonNode> bodies = await(() -> new ArrayList<>(webhookBodies), 2);
        List<String> statuses = new ArrayList<>();
        for (JsonNode body : bodies) {
            assertThat(body.get("version").asText()).isEqualTo("4");
            for (JsonNode alert : body.get("alerts")) {
                statuses.add(alert.get("status").asText() + " "
                        + alert.get("id").asText() + " " + alert.get("count").asLong());
            }
        }
        assertThat(statuses).containsExactly("firing app-alerts-0-0/firing 1", "resolved app-alerts-0-0/resolved 20");
        assertThat(bodies.get(1).get("status").asText()).isEqualTo("resolved");

        List<JsonNode> messages = await(() -> new ArrayList<>(slackMessages), 2);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asText()).startsWith(":red_circle: FIRING [CRITICAL]");
        assertThat(messages.get(1).get("text").asText()).startsWith(":white_check_mark: RESOLVED [CRITICAL]");
        assertThat(slackField(messages.get(0), "Count")).isEqualTo("1");
        assertThat(slackField(messages.get(1), "Count")).isEqualTo("20");
        assertThat(slackField(messages.get(1), "Source")).isEqualTo("svc-0");
        assertThat(messages.get(1).at("/blocks/2/elements/0/text").asText())
                .startsWith("incident `app-alerts-0-0` · resolved `app-alerts-0-0/resolved`")
                .contains("offsets 0-19");

        // The incident is resolved and delivered: nothing holds the commit back any more.
        awaitCommitted("incident-file", 20);

        // The file sink's incident metrics, as the worker's JMX shows them: one fired, none repeated, one resolved.
        PluginMBeans mbeans = new PluginMBeans();
        String fileTask = "connector=incident-file,task=0";
        assertThat(mbeans.value(fileTask, "incidents-fired-total")).isEqualTo(1);
        assertThat(mbeans.value(fileTask, "incidents-repeated-total")).isZero();
        assertThat(mbeans.value(fileTask, "incidents-resolved-total")).isEqualTo(1);
        assertThat(mbeans.value(fileTask, "incidents-open")).isZero();
        assertThat(mbeans.value(fileTask, "alerts-delivered-total")).isEqualTo(2);
    }

    @Test
    void aRealAlertmanagerShowsTheIncidentWhileItFiresAndNoLongerOnceResolved(@TempDir Path dir) throws Exception {
        try (AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir)) {
            alertmanager.start();
            connect.kafka().createTopic("am-alerts", 1);
            ClassifiedAlerts alerts = new ClassifiedAlerts();
            for (long seq = 0; seq < 30; seq += 3) {
                alerts.produce(connect.kafka(), "am-alerts", seq, "critical", "payment failed " + seq);
            }
            Map<String, String> config = sink("alertmanager");
            config.put("topics", "am-alerts");
            config.put("alertmanager.urls", alertmanager.uri().toString());
            // Long enough to see it firing in Alertmanager before the silence resolves it.
            config.put("incident.resolve.after.ms", "8000");
            create("incident-alertmanager", config);

            JsonNode firing = awaitAlertmanager(alertmanager, true);
            assertThat(firing.at("/labels/incident").asText()).isEqualTo("am-alerts-0-0");
            assertThat(firing.at("/labels/source").asText()).isEqualTo("svc-0");
            assertThat(firing.at("/annotations/status").asText()).isEqualTo("firing");
            assertThat(firing.at("/status/state").asText()).isEqualTo("active");
            // The resolved notification ends it: Alertmanager lists only alerts that have not ended.
            awaitAlertmanager(alertmanager, false);
            awaitCommitted("incident-alertmanager", 10);
        }
    }

    /**
     * The real health source, from its shipped config at a 1 s poll, watches a real consumer group that commits, then
     * stays assigned without committing while its topic grows (Burrow's STALL, a warning), then catches up (OK). A sink
     * on the health topic without the Filter, keyed by source as docs/incidents.md advises, makes one incident of it:
     * one firing, one resolved on the OK record, counting every STALL record.
     */
    @Test
    void theHealthSourcesStallThenOkIsOneIncident(@TempDir Path dir) throws Exception {
        String topic = "incident.orders";
        String group = "incident-stalling-group";
        connect.kafka().createTopic(topic, 1);
        connect.kafka().createTopic(HEALTH_TOPIC, 1);
        Path file = dir.resolve("health-incidents.jsonl");
        Map<String, String> sink = sink("file");
        sink.put("topics", HEALTH_TOPIC);
        sink.put("file.path", file.toString());
        sink.put("min.severity", "warning");
        sink.put("incident.key.fields", "source");
        // Only the OK record may resolve it: the STALL records come every second, far within this silence.
        sink.put("incident.resolve.after.ms", "120000");
        create("incident-health-sink", sink);
        create("incident-health-source", healthSource(group, topic));

        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            // Three commits, each seen by a poll of the source before the next, fill its window of 3 (lag 0: OK).
            for (long committed = 5; committed <= 15; committed += 5) {
                produce(topic, 5);
                consumeUpTo(consumer, partition, committed);
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(committed)));
                long seen = committed;
                awaitHealthRecord(
                        consumer,
                        group,
                        value -> value.at("/partition_lags/0/committed_offset").asLong() == seen,
                        "commit " + committed + " seen");
            }
            // Assigned, reading, never committing while the topic grows: STALL once the silence outlasts the window.
            produce(topic, 5);
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (readLines(file).isEmpty() && System.currentTimeMillis() < deadline) {
                consumeFor(consumer, Duration.ofMillis(200));
            }
            assertThat(readLines(file)).as("the STALL incident's firing").hasSize(1);
            // Caught up: lag 0 is OK.
            consumeUpTo(consumer, partition, 20);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(20)));
        }
        List<JsonNode> lines = await(() -> readLines(file), 2);
        assertThat(lines).extracting(line -> line.get("status").asText()).containsExactly("firing", "resolved");
        JsonNode firing = lines.get(0);
        JsonNode resolved = lines.get(1);
        assertThat(resolved.get("incident").asText())
                .isEqualTo(firing.get("incident").asText());
        assertThat(resolved.at("/key/source").asText()).isEqualTo("group:" + group);
        assertThat(resolved.get("severity").asText()).isEqualTo("warning");

        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, HEALTH_TOPIC);
        List<JsonNode> groupRecords = new ArrayList<>();
        List<Long> groupOffsets = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value()).get("payload");
            if (value.get("kind").asText().equals("group")
                    && value.get("group").asText().equals(group)) {
                groupRecords.add(value);
                groupOffsets.add(record.offset());
            }
        }
        List<String> statuses =
                groupRecords.stream().map(v -> v.get("status").asText()).toList();
        int firstStall = statuses.indexOf("STALL");
        assertThat(firstStall).as("STALL in " + statuses).isNotNegative();
        int ok = statuses.subList(firstStall, statuses.size()).indexOf("OK") + firstStall;
        assertThat(ok).as("OK after STALL in " + statuses).isGreaterThan(firstStall);
        assertThat(statuses.subList(firstStall, ok)).as(statuses.toString()).containsOnly("STALL");
        assertThat(statuses.subList(0, firstStall)).as(statuses.toString()).containsOnly("OK");
        assertThat(resolved.get("count").asLong()).isEqualTo(ok - firstStall);
        assertThat(resolved.at("/positions/first_offset").asLong()).isEqualTo(groupOffsets.get(firstStall));
        assertThat(firing.get("incident").asText()).isEqualTo(HEALTH_TOPIC + "-0-" + groupOffsets.get(firstStall));
        // Resolved on the OK record: the last offset it covers is that record's, and it ends at its event time.
        assertThat(resolved.at("/positions/last_offset").asLong()).isEqualTo(groupOffsets.get(ok));
        assertThat(Instant.parse(resolved.get("endsAt").asText()))
                .isEqualTo(Instant.ofEpochMilli(
                        groupRecords.get(ok).get("timestamp").asLong()));
    }

    /**
     * {@code incident.condition=absence} with no key fields on a topic of two partitions: each partition is watched on
     * its own (the partition is part of every incident key, docs/incidents.md). While partition 0 keeps flowing,
     * partition 1 going quiet fires for partition 1 alone; the whole stream stopping fires partition 0 too; records
     * coming back resolve both.
     */
    @Test
    void absenceFiresPerPartitionWhenAStreamStopsAndResolvesWhenItComesBack(@TempDir Path dir) throws Exception {
        String topic = "quiet-events";
        connect.kafka().createTopic(topic, 2);
        Path file = dir.resolve("absence.jsonl");
        Map<String, String> sink = sink("file");
        sink.put("topics", topic);
        sink.put("file.path", file.toString());
        sink.put("incident.condition", "absence");
        sink.put("incident.key.fields", "");
        sink.put("incident.window.ms", "3000");
        sink.put("incident.absence.min.count", "1");
        create("incident-absence", sink);

        ClassifiedAlerts records = new ClassifiedAlerts();
        long[] seq = {0};
        Runnable both = () -> {
            records.produce(connect.kafka(), topic, 0, seq[0]++, "info", "order placed");
            records.produce(connect.kafka(), topic, 1, seq[0]++, "info", "order placed");
        };
        // Both partitions flow (a record every 300 ms), then only partition 0: partition 1 goes quiet.
        produceUntil(both, () -> seq[0] >= 10);
        produceUntil(
                () -> records.produce(connect.kafka(), topic, 0, seq[0]++, "info", "order placed"),
                () -> !readLines(file).isEmpty());
        List<JsonNode> quietPartition = readLines(file);
        assertThat(quietPartition).hasSize(1);
        assertThat(quietPartition.get(0).get("status").asText()).isEqualTo("firing");
        assertThat(quietPartition.get(0).at("/positions/partition").asInt()).isEqualTo(1);

        // Nothing flows: partition 0 fires as well, once.
        List<JsonNode> stopped = await(() -> readLines(file), 2);
        assertThat(stopped).extracting(line -> line.get("status").asText()).containsExactly("firing", "firing");
        assertThat(stopped.get(1).at("/positions/partition").asInt()).isZero();

        // The stream comes back: the first record of each partition resolves its incident, and while it flows (a
        // window more) nothing fires. Once it stops again, it fires again: that is absence too.
        produceUntil(both, () -> readLines(file).size() >= 4);
        long flowing = seq[0] + 20;
        produceUntil(both, () -> seq[0] >= flowing);
        List<JsonNode> lines = readLines(file);
        assertThat(lines)
                .extracting(line -> line.get("status").asText())
                .containsExactly("firing", "firing", "resolved", "resolved");
        Map<String, String> statusById = new HashMap<>();
        for (JsonNode line : lines) {
            statusById.merge(line.get("incident").asText(), line.get("status").asText(), (a, b) -> a + " " + b);
        }
        assertThat(statusById)
                .hasSize(2)
                .allSatisfy((id, status) -> assertThat(status).isEqualTo("firing resolved"));
        assertThat(statusById.keySet()).allMatch(id -> id.startsWith(topic + "-"));
        // The stream has stopped again, so the sink would fire again into a directory the test deletes.
        rest.delete("connectors/incident-absence");
    }

    /**
     * Waits until the health topic holds a record of {@code group} that {@code matches}, polling {@code consumer} in
     * between so that it stays in its group.
     */
    private void awaitHealthRecord(
            KafkaConsumer<byte[], byte[]> consumer,
            String group,
            java.util.function.Predicate<JsonNode> matches,
            String what)
            throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record :
                    TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, HEALTH_TOPIC)) {
                JsonNode value = JSON.readTree(record.value()).get("payload");
                if (value.path("kind").asText().equals("group")
                        && value.path("group").asText().equals(group)
                        && matches.test(value)) {
                    return;
                }
            }
            consumeFor(consumer, Duration.ofMillis(300));
        }
        throw new AssertionError("No health record of " + group + ": " + what + "; the source: "
                + rest.get("connectors/incident-health-source/status").body());
    }

    /** Runs {@code produce} every 300 ms until {@code done}, within the test's timeout: a stream at a steady pace. */
    private static void produceUntil(Runnable produce, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("deadline").isLessThan(deadline);
            produce.run();
            Thread.sleep(300);
        }
    }

    /** The shipped health source config, watching one group and topic of this broker, polling every second. */
    private Map<String, String> healthSource(String group, String topic) {
        Map<String, String> config = ConfigFiles.load("kafka-health-source.properties");
        config.remove("name");
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("groups.include", Pattern.quote(group));
        config.put("topics.include", Pattern.quote(topic));
        config.put("topic", HEALTH_TOPIC);
        config.put("poll.interval.ms", "1000");
        config.put("list.refresh.interval.ms", "1000");
        config.put("status.window.commits", "3");
        // A STALL stays STALL (a warning) for the test's length instead of becoming ERR (a critical escalation).
        config.put("status.error.after.ms", "600000");
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    private void produce(String topic, int records) {
        for (int i = 0; i < records; i++) {
            connect.kafka().produce(topic, "k", "v" + i);
        }
    }

    /** Polls until the consumer has read {@code partition} up to {@code offset}. */
    private static void consumeUpTo(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long offset) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!consumer.assignment().contains(partition) || consumer.position(partition) < offset) {
            assertThat(System.currentTimeMillis()).as("read up to " + offset).isLessThan(deadline);
            consumer.poll(Duration.ofMillis(100));
        }
    }

    private static void consumeFor(KafkaConsumer<byte[], byte[]> consumer, Duration time) {
        long until = System.currentTimeMillis() + time.toMillis();
        while (System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(100));
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put("group.id", group);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        return connect.kafka().createConsumer(props);
    }

    /** The value of a Slack message's field, from its section block's {@code *Name*\nvalue} texts. */
    private static String slackField(JsonNode message, String name) {
        for (JsonNode field : message.at("/blocks/1/fields")) {
            String text = field.get("text").asText();
            if (text.startsWith("*" + name + "*\n")) {
                return text.substring(name.length() + 3);
            }
        }
        throw new AssertionError("No field " + name + " in " + message);
    }

    /** Waits until Alertmanager shows the incident ({@code shown}) or no longer does; returns it when shown. */
    private static JsonNode awaitAlertmanager(AlertmanagerProcess alertmanager, boolean shown) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            RestClient.Response response = alertmanager.api().get("api/v2/alerts");
            if (response.status() == 200) {
                JsonNode found = null;
                for (JsonNode alert : response.json()) {
                    if (alert.at("/labels/incident").asText().equals("am-alerts-0-0")) {
                        found = alert;
                    }
                }
                if ((found != null) == shown) {
                    return found;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Alertmanager " + (shown ? "never showed" : "still shows") + " the incident");
    }

    private Map<String, String> sink(String destination) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "app-alerts");
        config.put("destination", destination);
        config.put("incident.enabled", "true");
        config.put("incident.resolve.after.ms", "3000");
        // Records reach the sink over loopback within a second, and no test here replays: a short lateness keeps the
        // resolves after silence quick.
        config.put("incident.allowed.lateness.ms", "1000");
        config.put("batch.max.size", "50");
        config.put("batch.max.wait.ms", "0");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("offset.flush.interval.ms", "1000");
        return config;
    }

    private void create(String name, Map<String, String> config) throws Exception {
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);
    }

    private static List<JsonNode> readLines(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * Polls until {@code expected} items are there, then once more a little later, so that an extra notification that
     * would follow is seen too.
     */
    private static List<JsonNode> await(Supplier<List<JsonNode>> read, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline && read.get().size() < expected) {
            Thread.sleep(200);
        }
        long settle = System.currentTimeMillis() + 4000;
        while (System.currentTimeMillis() < settle && read.get().size() == expected) {
            Thread.sleep(200);
        }
        return read.get();
    }

    private void awaitCommitted(String connector, long offset) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long committed = -1;
        while (System.currentTimeMillis() < deadline) {
            JsonNode offsets = rest.get("connectors/" + connector + "/offsets").json();
            for (JsonNode entry : offsets.get("offsets")) {
                committed = entry.at("/offset/kafka_offset").asLong();
            }
            if (committed == offset) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(committed).as("committed offset of " + connector).isEqualTo(offset);
    }
}
