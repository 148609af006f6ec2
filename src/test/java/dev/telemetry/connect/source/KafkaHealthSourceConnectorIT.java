package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.source.health.HealthTopicReader;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicTail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * The health source from its shipped config in a real worker, watching the worker's own KRaft broker, with real
 * consumer groups: one that keeps up, one that stops while its topic grows, one idle on an idle topic. Every
 * record stays on the health topic; a file alert sink on that topic, filtering with SeverityAtLeast, writes the
 * alerts. A second connector watches an address where nothing listens.
 *
 * <p>The methods run at the same time, each with its own connector, topic and group, and read the one health topic
 * through one shared tail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class KafkaHealthSourceConnectorIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final String HEALTH_TOPIC = "it.kafka_health";
    /**
     * The connector's poll interval (1 s before): the windows the methods wait through are counted in polls, so
     * halving it halves them.
     */
    private static final long POLL_INTERVAL_MS = 500;

    /** Between a group's commits: more than a poll apart, so that each commit is seen at a poll of its own. */
    private static final long BETWEEN_COMMITS_MS = POLL_INTERVAL_MS * 13 / 10;
    /**
     * When a stopped group is ERR (6 s before). A group is STOP once the silence since its last commit outlasts the
     * window's span (two rounds of commits, each {@link #BETWEEN_COMMITS_MS} plus the time to produce, consume and
     * commit), so this leaves several polls between the two; at 6 polls (3 s) a run on a loaded machine saw none.
     */
    private static final long ERROR_AFTER_MS = 8 * POLL_INTERVAL_MS;

    @TempDir
    static Path dir;

    private EmbeddedConnectCluster connect;
    private TopicTail<JsonNode> health;
    private RestClient rest;
    private Path alertFile;
    private ScheduledExecutorService background;

    @BeforeAll
    void startCluster() throws InterruptedException {
        connect = ConnectClusters.start("kafka-health-it", 1, Map.of());
        rest = new RestClient(connect.endpointForResource(""));
        health = HealthTopicReader.tail(connect.kafka(), HEALTH_TOPIC);
        connect.kafka().createTopic(HEALTH_TOPIC, 1);
        alertFile = dir.resolve("alerts.jsonl");
        put("health-alerts", HealthTopicReader.alertSinkConfig(HEALTH_TOPIC, alertFile));
        background = Executors.newScheduledThreadPool(4);
    }

    @AfterAll
    void stopCluster() {
        if (health != null) {
            health.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void aGroupThatKeepsUpIsOkAndTheCanaryMeasuresLatency() throws Exception {
        String topic = "keepup.orders";
        String group = "keepup-group";
        connect.kafka().createTopic(topic, 2);
        AtomicBoolean running = new AtomicBoolean(true);
        // One message every 500 ms, consumed at once: the lag a poll sees is almost always 0, so no false WARN.
        ScheduledFuture<?> producing = background.scheduleAtFixedRate(
                () -> connect.kafka().produce(topic, "k", "v"), 0, 500, TimeUnit.MILLISECONDS);
        Thread consumer = new Thread(() -> consumeContinuously(group, topic, running), "keepup-consumer");
        consumer.start();
        try {
            Map<String, String> config = healthConfig(group, topic);
            config.put("status.window.commits", "5");
            config.put("canary.enabled", "true");
            config.put("canary.topic", "it.canary");
            put("health-keepup", config);

            JsonNode settled = HealthTopicReader.await(
                    health,
                    v -> isGroup(v, group)
                            && v.get("status").asText().equals("OK")
                            && !v.get("status_reason").asText().contains("window filling")
                            && v.get("members").asInt() == 1,
                    TIMEOUT_MS,
                    group + " OK with a full window");
            assertThat(settled.get("state").asText()).isEqualTo("STABLE");
            assertThat(settled.get("topics").get(0).get("partitions").asInt()).isEqualTo(2);
            assertThat(settled.get("time_lag_seconds").isNull()).isFalse();

            JsonNode canary = HealthTopicReader.await(
                    health,
                    v -> v.get("kind").asText().equals("cluster")
                            && v.hasNonNull("canary_latency_p99_ms")
                            && v.get("reachable").asBoolean(),
                    TIMEOUT_MS,
                    "canary latency");
            assertThat(canary.get("canary_produced").asBoolean()).isTrue();
            assertThat(canary.get("canary_received").asInt())
                    .isEqualTo(canary.get("canary_sent").asInt());
            assertThat(canary.get("canary_latency_p50_ms").asDouble())
                    .isLessThanOrEqualTo(canary.get("canary_latency_p99_ms").asDouble())
                    .isGreaterThanOrEqualTo(0.0);
            assertThat(canary.get("brokers").asInt()).isEqualTo(1);
            assertThat(canary.get("severity").asText()).isEqualTo("info");

            JsonNode topicRecord = HealthTopicReader.await(
                    health,
                    v -> v.get("kind").asText().equals("topic")
                            && v.get("topic").asText().equals(topic)
                            && v.hasNonNull("messages_in_per_sec")
                            && v.get("messages_in_per_sec").asDouble() > 0
                            && v.hasNonNull("bytes_in_per_sec")
                            && v.get("bytes_in_per_sec").asDouble() > 0,
                    TIMEOUT_MS,
                    topic + " messages and bytes in per second");
            assertThat(topicRecord.get("partitions").asInt()).isEqualTo(2);
            assertThat(topicRecord.get("size_bytes").asLong())
                    .isPositive()
                    .isGreaterThanOrEqualTo(
                            topicRecord.get("partition_size_max_bytes").asLong());
            // Keyed "k", every message lands in one partition of two: all the bytes are there.
            assertThat(topicRecord.get("partition_size_skew").asDouble()).isEqualTo(2.0);
            assertThat(topicRecord.get("under_replicated_partitions").asInt()).isZero();
            assertThat(topicRecord.get("processed_at").isNull()).isFalse();
            Thread.sleep(3 * POLL_INTERVAL_MS);
        } finally {
            producing.cancel(false);
            running.set(false);
            consumer.join(TIMEOUT_MS);
        }
        List<JsonNode> records = groupRecords(group);
        assertThat(records).hasSizeGreaterThan(3);
        assertThat(records)
                .allSatisfy(v ->
                        assertThat(v.get("status").asText()).as(v.toString()).isEqualTo("OK"));
        assertThat(alertsFor(group)).isEmpty();
    }

    @Test
    void aGroupThatStopsWhileItsTopicGrowsIsStopThenErrAndAlerts() throws Exception {
        String topic = "stop.orders";
        String group = "stop-group";
        connect.kafka().createTopic(topic, 1);
        put("health-stop", healthConfig(group, topic));
        consumeAndCommitInRounds(group, topic, 5);
        // The consumer has left; the topic keeps growing.
        ScheduledFuture<?> producing = keepProducing(topic);
        try {
            assertStopThenErr(topic, group);
        } finally {
            producing.cancel(false);
        }
    }

    /**
     * A topic that receives 10 messages a second, long enough for a baseline, then nothing: its records say how long
     * nothing arrived, and the shipped topic_stopped rule (its 600 s shortened to 3 s) makes them warnings.
     */
    @Test
    void aTopicThatStopsReceivingDataSaysSoAndTheShippedRuleWarns() throws Exception {
        String topic = "quiet.orders";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = healthConfig("none", topic);
        config.put("throughput.baseline.ms", "3000");
        String stopped = "transforms.classify.rules.topic_stopped.condition";
        assertThat(config.get(stopped)).contains("idle_seconds > 600");
        config.put(stopped, config.get(stopped).replace("idle_seconds > 600", "idle_seconds > 3"));
        ScheduledFuture<?> producing = background.scheduleAtFixedRate(
                () -> connect.kafka().produce(topic, "k", "v"), 0, 100, TimeUnit.MILLISECONDS);
        put("health-quiet", config);
        JsonNode busy;
        try {
            busy = HealthTopicReader.await(
                    health,
                    v -> isTopic(v, topic)
                            && v.hasNonNull("messages_in_per_sec_baseline")
                            && v.get("messages_in_per_sec_baseline").asDouble() > 1.0,
                    TIMEOUT_MS,
                    topic + " with a baseline");
        } finally {
            producing.cancel(false);
        }
        assertThat(busy.get("idle_seconds").asDouble()).isLessThan(3.0);
        assertThat(busy.get("severity").asText()).isEqualTo("info");

        JsonNode quiet = HealthTopicReader.await(
                health,
                v -> isTopic(v, topic) && v.get("idle_seconds").asDouble() > 3.0,
                TIMEOUT_MS,
                topic + " idle for more than 3 s");
        assertThat(quiet.get("messages_in_per_sec").asDouble()).isZero();
        assertThat(quiet.get("message").asText()).contains("nothing in for");
        assertThat(quiet.get("severity").asText()).isEqualTo("warning");
        assertThat(quiet.get("category").asText()).isEqualTo("throughput");
        assertThat(rest.delete("connectors/health-quiet").status()).isEqualTo(204);
    }

    /**
     * Six rounds of producing {@code perRound} records, reading them as {@code group} and committing, at distinct polls
     * of the connector: enough to fill a window of 3. The consumer leaves at the end.
     */
    private void consumeAndCommitInRounds(String group, String topic, int perRound) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < perRound; i++) {
                    connect.kafka().produce(topic, "k", "v" + round + "-" + i);
                }
                int received = 0;
                long deadline = System.currentTimeMillis() + TIMEOUT_MS;
                while (received < perRound && System.currentTimeMillis() < deadline) {
                    received += consumer.poll(Duration.ofMillis(200)).count();
                }
                consumer.commitSync();
                Thread.sleep(BETWEEN_COMMITS_MS);
            }
        }
    }

    /** The topic keeps growing until the returned future is cancelled. */
    private ScheduledFuture<?> keepProducing(String topic) {
        return background.scheduleAtFixedRate(
                () -> connect.kafka().produce(topic, "k", "late"), 0, 300, TimeUnit.MILLISECONDS);
    }

    private void assertStopThenErr(String topic, String group) throws InterruptedException {

        JsonNode stop = HealthTopicReader.await(
                health, v -> isGroup(v, group) && v.get("status").asText().equals("STOP"), TIMEOUT_MS, group + " STOP");
        assertThat(stop.get("members").asInt()).isZero();
        assertThat(stop.get("lag_sum").asLong()).isPositive();
        assertThat(stop.get("status_reason").asText()).contains(topic + "-0", "no member and no commit");
        JsonNode partition = stop.get("partition_lags").get(0);
        assertThat(partition.get("topic").asText()).isEqualTo(topic);
        assertThat(partition.get("partition").asInt()).isZero();
        assertThat(partition.get("status").asText()).isEqualTo("STOP");
        assertThat(partition.get("lag").asLong()).isEqualTo(stop.get("lag_sum").asLong());
        assertThat(partition.get("end_offset").asLong()
                        - partition.get("committed_offset").asLong())
                .isEqualTo(partition.get("lag").asLong());
        assertThat(stop.get("other_partitions").asInt()).isZero();
        assertThat(stop.get("severity").asText()).isEqualTo("critical");

        JsonNode err = HealthTopicReader.await(
                health, v -> isGroup(v, group) && v.get("status").asText().equals("ERR"), TIMEOUT_MS, group + " ERR");
        assertThat(err.get("status_reason").asText()).contains("stopped:");
        assertThat(err.get("time_lag_seconds").asDouble()).isPositive();

        List<String> statuses =
                groupRecords(group).stream().map(v -> v.get("status").asText()).toList();
        assertThat(statuses.indexOf("STOP")).isLessThan(statuses.indexOf("ERR"));

        for (String status : List.of("STOP", "ERR")) {
            JsonNode alert = HealthTopicReader.awaitAlert(
                    alertFile,
                    a -> a.at("/record/value/group").asText().equals(group)
                            && a.at("/record/value/status").asText().equals(status),
                    TIMEOUT_MS,
                    group + " " + status + " alert");
            assertThat(alert.get("severity").asText()).isEqualTo("critical");
            assertThat(alert.get("category").asText()).isEqualTo("consumer_lag");
            assertThat(alert.get("source").asText()).isEqualTo("group:" + group);
            assertThat(alert.at("/record/topic").asText()).isEqualTo(HEALTH_TOPIC);
        }
    }

    /**
     * Issue 23, finding 12: a group that stopped for good commits nothing more, so only the task's memory of its
     * past commits tells it apart from a group that has just started. Groups coming and going must not make the
     * worker restart the tasks (and wipe that memory), and after a restart anyway the lag that keeps growing over an
     * offset that never moves must bring the status back.
     */
    @Test
    void aStoppedGroupStaysStoppedWhenOtherGroupsComeAndGoAndAfterItsTasksRestart() throws Exception {
        String topic = "gone.orders";
        String group = "gone-group";
        String newcomer = "gone-newcomer";
        String connector = "health-gone";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = healthConfig(group, topic);
        config.put("groups.include", "gone-.*");
        config.put("tasks.max", "2");
        put(connector, config);
        consumeAndCommitInRounds(group, topic, 1);
        ScheduledFuture<?> producing = keepProducing(topic);
        try {
            HealthTopicReader.await(
                    health,
                    v -> isGroup(v, group) && v.get("status").asText().equals("ERR"),
                    TIMEOUT_MS,
                    group + " ERR");
            String taskConfigs = rest.get("connectors/" + connector + "/tasks").body();

            TopicPartition partition = new TopicPartition(topic, 0);
            try (KafkaConsumer<byte[], byte[]> other = consumer(newcomer)) {
                other.assign(List.of(partition));
                other.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
            }
            HealthTopicReader.await(health, v -> isGroup(v, newcomer), TIMEOUT_MS, newcomer + " reported");
            try (Admin admin = connect.kafka().createAdminClient()) {
                admin.deleteConsumerGroups(List.of(newcomer)).all().get(30, TimeUnit.SECONDS);
            }
            int before = groupRecords(group).size();
            awaitGroupRecords(group, before + 8);
            assertThat(groupRecords(group).subList(before, before + 8))
                    .as("%s after %s came and went", group, newcomer)
                    .allSatisfy(v -> assertThat(v.get("status").asText())
                            .as(v.toString())
                            .isEqualTo("ERR"));
            assertThat(rest.get("connectors/" + connector + "/tasks").body())
                    .as("task configs unchanged, so the worker restarted no task")
                    .isEqualTo(taskConfigs);

            int beforeRestart = groupRecords(group).size();
            assertThat(rest.post("connectors/" + connector + "/restart?includeTasks=true")
                            .status())
                    .isIn(202, 204);
            // Only a restarted task, which has seen the group's offset once, reports an incomplete window.
            JsonNode again = HealthTopicReader.await(
                    health,
                    v -> isGroup(v, group)
                            && v.get("status").asText().equals("ERR")
                            && v.get("status_reason").asText().contains("1 of 3 commits"),
                    TIMEOUT_MS,
                    group + " ERR again after its tasks restarted");
            assertThat(again.get("status_reason").asText()).contains("stopped:", "while the topic grew");
            List<JsonNode> records = groupRecords(group);
            List<Long> okSinceRestart = records.subList(beforeRestart, records.size()).stream()
                    .filter(v -> v.get("status").asText().equals("OK"))
                    .map(v -> v.get("timestamp").asLong())
                    .toList();
            // The restarted task may read OK only until the offset has stayed status.error.after.ms: the bound is
            // checked, not how many OK records come before the ERR (one run under heavy load saw none).
            long okSpanMs = okSinceRestart.isEmpty()
                    ? 0
                    : okSinceRestart.get(okSinceRestart.size() - 1) - okSinceRestart.get(0);
            assertThat(okSpanMs)
                    .as(
                            "%s reads OK after the restart only until its offset has stayed status.error.after.ms; "
                                    + "since the restart: %s",
                            group, records.subList(beforeRestart, records.size()))
                    .isLessThan(ERROR_AFTER_MS);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 2, "both tasks keep running");
        } finally {
            producing.cancel(false);
        }
        assertThat(rest.delete("connectors/" + connector).status()).isEqualTo(204);
    }

    private void awaitGroupRecords(String group, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (groupRecords(group).size() < count) {
            assertThat(System.currentTimeMillis())
                    .as("%d records of %s in time", count, group)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Test
    void aGroupIdleOnAnIdleTopicIsNeverStop() throws Exception {
        String topic = "idle.orders";
        String group = "idle-group";
        connect.kafka().createTopic(topic, 1);
        put("health-idle", healthConfig(group, topic));
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put("transactional.id", "idle-producer");
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(producerProps);
                KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            producer.initTransactions();
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            int consumed = 0;
            long next = 0;
            for (int round = 0; round < 5; round++) {
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, ("v" + round + i).getBytes()));
                }
                producer.commitTransaction();
                long deadline = System.currentTimeMillis() + TIMEOUT_MS;
                while (consumed < 5 * (round + 1)) {
                    assertThat(System.currentTimeMillis())
                            .as("records consumed in time")
                            .isLessThan(deadline);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        consumed++;
                        next = record.offset() + 1;
                    }
                }
                // Commit right after the last record, as a Connect sink does: the transaction marker after it is
                // never consumed, so the group stays one behind the end offset for good.
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                Thread.sleep(BETWEEN_COMMITS_MS);
            }
        }
        // Idle for longer than the window spans and longer than status.error.after.ms.
        JsonNode idle = HealthTopicReader.await(
                health,
                v -> isGroup(v, group) && v.get("status_reason").asText().contains("topic idle"),
                TIMEOUT_MS,
                group + " seen as idle");
        assertThat(idle.get("lag_sum").asLong()).isEqualTo(1);
        Thread.sleep(16 * POLL_INTERVAL_MS);
        // While the rounds run, a poll that falls between a round's records and its commit sees the lag grow, and a
        // window of such polls is a WARN on a loaded machine; the group is never seen as stopped or stalled.
        List<JsonNode> records = groupRecords(group);
        assertThat(records)
                .allSatisfy(v ->
                        assertThat(v.get("status").asText()).as(v.toString()).isIn("OK", "WARN"));
        JsonNode last = records.get(records.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("OK");
        assertThat(last.get("status_reason").asText()).contains("topic idle");
        assertThat(alertsFor(group))
                .allSatisfy(a -> assertThat(a.get("severity").asText()).isEqualTo("warning"));
    }

    @Test
    void anUnreachableClusterIsAClusterRecordWithTheErrorAndTheTaskKeepsRunning() throws Exception {
        Map<String, String> config = healthConfig("none", "none");
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("kafka.request.timeout.ms", "1000");
        config.put("kafka.default.api.timeout.ms", "2000");
        put("health-unreachable", config);

        JsonNode down = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("cluster")
                        && !v.get("reachable").asBoolean(),
                TIMEOUT_MS,
                "an unreachable cluster");
        assertThat(down.get("error").asText()).isNotBlank();
        assertThat(down.get("source").asText()).isEqualTo("cluster:127.0.0.1:1");
        assertThat(down.get("severity").asText()).isEqualTo("critical");
        HealthTopicReader.awaitAlert(
                alertFile,
                a -> a.get("source").asText().equals("cluster:127.0.0.1:1")
                        && a.get("category").asText().equals("availability"),
                TIMEOUT_MS,
                "an availability alert");
        connect.assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(
                        "health-unreachable", 1, "the task keeps running against an unreachable cluster");
        assertThat(rest.delete("connectors/health-unreachable").status()).isEqualTo(204);
    }

    /** The shipped config, pointed at this broker and at one group and topic, polling every {@link #POLL_INTERVAL_MS}. */
    private Map<String, String> healthConfig(String group, String topic) {
        Map<String, String> config = ConfigFiles.load("kafka-health-source.properties");
        config.remove("name");
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("groups.include", java.util.regex.Pattern.quote(group));
        config.put("topics.include", java.util.regex.Pattern.quote(topic));
        config.put("topic", HEALTH_TOPIC);
        config.put("poll.interval.ms", Long.toString(POLL_INTERVAL_MS));
        config.put("list.refresh.interval.ms", "1000");
        config.put("status.window.commits", "3");
        config.put("status.error.after.ms", Long.toString(ERROR_AFTER_MS));
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    private void consumeContinuously(String group, String topic, AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put("group.id", group);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        return connect.kafka().createConsumer(props);
    }

    private List<JsonNode> groupRecords(String group) {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode value : health.all()) {
            if (isGroup(value, group)) {
                records.add(value);
            }
        }
        return records;
    }

    private List<JsonNode> alertsFor(String group) {
        return HealthTopicReader.alerts(alertFile).stream()
                .filter(a -> a.at("/record/value/group").asText().equals(group))
                .toList();
    }

    private static boolean isTopic(JsonNode value, String topic) {
        return value.get("kind").asText().equals("topic")
                && value.get("topic").asText().equals(topic);
    }

    private static boolean isGroup(JsonNode value, String group) {
        return value.get("kind").asText().equals("group")
                && value.get("group").asText().equals(group);
    }

    private void put(String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
}
