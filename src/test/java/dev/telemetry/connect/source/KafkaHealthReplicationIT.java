package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.source.health.HealthTopicReader;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicTail;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health source on a 3-broker KRaft cluster: a topic replicated 3 times is healthy, then one broker stops and
 * the topic's records show its under-replicated partitions, classified critical and delivered as alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaHealthReplicationIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(120);
    private static final String HEALTH_TOPIC = "repl.kafka_health";
    private static final String TOPIC = "repl.orders";

    @TempDir
    static Path dir;

    private EmbeddedConnectCluster connect;
    private TopicTail<JsonNode> health;
    private RestClient rest;

    @BeforeAll
    void startCluster() throws InterruptedException {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        // Every topic the worker and the tests rely on survives the loss of one broker.
        for (String store : new String[] {"config", "offset", "status"}) {
            workerProps.put(store + ".storage.replication.factor", "3");
        }
        Properties brokerProps = new Properties();
        brokerProps.put("offsets.topic.replication.factor", "3");
        brokerProps.put("transaction.state.log.replication.factor", "3");
        brokerProps.put("default.replication.factor", "3");
        connect = new EmbeddedConnectCluster.Builder()
                .name("kafka-health-replication-it")
                .numWorkers(1)
                .numBrokers(3)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "Connect worker did not start in time");
        rest = new RestClient(connect.endpointForResource(""));
        health = HealthTopicReader.tail(connect.kafka(), HEALTH_TOPIC);
    }

    @AfterAll
    void stopCluster() {
        if (health != null) {
            health.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void aStoppedBrokerLeavesUnderReplicatedPartitionsAndACriticalAlert() throws Exception {
        connect.kafka().createTopic(HEALTH_TOPIC, 1, 3, Map.of());
        connect.kafka().createTopic(TOPIC, 3, 3, Map.of("min.insync.replicas", "2"));
        Path alertFile = dir.resolve("alerts.jsonl");
        put("health-alerts", HealthTopicReader.alertSinkConfig(HEALTH_TOPIC, alertFile));

        Map<String, String> config = ConfigFiles.load("kafka-health-source.properties");
        config.remove("name");
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("groups.include", "no-group-matches-this");
        config.put("topics.include", TOPIC.replace(".", "\\."));
        config.put("topic", HEALTH_TOPIC);
        config.put("poll.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "3");
        put("health-replication", config);

        JsonNode healthy = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("topic")
                        && v.get("topic").asText().equals(TOPIC),
                TIMEOUT_MS,
                TOPIC + " reported");
        assertThat(healthy.get("replication_factor").asInt()).isEqualTo(3);
        assertThat(healthy.get("under_replicated_partitions").asInt()).isZero();
        assertThat(healthy.get("min_insync_replicas").asInt()).isEqualTo(2);
        assertThat(healthy.get("severity").asText()).isEqualTo("info");

        // Node 0 also runs the KRaft controller; stop the broker with the highest id.
        BrokerServer victim = connect.kafka().runningBrokers().stream()
                .max(Comparator.comparingInt(b -> b.config().nodeId()))
                .orElseThrow();
        victim.shutdown();
        victim.awaitShutdown();

        JsonNode degraded = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("topic")
                        && v.get("topic").asText().equals(TOPIC)
                        && v.get("under_replicated_partitions").asInt() == 3,
                TIMEOUT_MS,
                TOPIC + " with 3 under-replicated partitions");
        assertThat(degraded.get("offline_partitions").asInt()).isZero();
        assertThat(degraded.get("under_min_isr_partitions").asInt()).isZero();
        assertThat(degraded.get("severity").asText()).isEqualTo("critical");
        assertThat(degraded.get("category").asText()).isEqualTo("replication");

        JsonNode cluster = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("cluster")
                        && v.get("brokers").asInt() == 2,
                TIMEOUT_MS,
                "a cluster of 2 brokers");
        assertThat(cluster.get("reachable").asBoolean()).isTrue();

        JsonNode alert = HealthTopicReader.awaitAlert(
                alertFile, a -> a.get("source").asText().equals("topic:" + TOPIC), TIMEOUT_MS, "a replication alert");
        assertThat(alert.get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("category").asText()).isEqualTo("replication");
        assertThat(alert.at("/record/value/under_replicated_partitions").asInt())
                .isEqualTo(3);
    }

    private void put(String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
}
