package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.source.health.HealthTopicReader;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicTail;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The health source in a worker on one cluster, monitoring a second KRaft cluster that only speaks SASL_PLAINTEXT:
 * with the right credentials under kafka.*, it reports that cluster and its groups; with a wrong password, a cluster
 * record says why it could not get in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaHealthSaslIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final String HEALTH_TOPIC = "sasl.kafka_health";

    private EmbeddedConnectCluster connect;
    private TopicTail<JsonNode> health;
    private KafkaClusterTestKit secured;
    private RestClient rest;

    @BeforeAll
    void startClusters() throws Exception {
        connect = ConnectClusters.start("kafka-health-sasl-it", 1, Map.of());
        rest = new RestClient(connect.endpointForResource(""));
        health = HealthTopicReader.tail(connect.kafka(), HEALTH_TOPIC);
        connect.kafka().createTopic(HEALTH_TOPIC, 1);
        secured = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build())
                // The test kit turns on an authorizer with SASL; its own PLAINTEXT controller listener is ANONYMOUS.
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN)
                // One broker: the group coordinator's topic must fit on it.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        secured.format();
        secured.startup();
        secured.waitForReadyBrokers();
    }

    @AfterAll
    void stopClusters() throws Exception {
        if (health != null) {
            health.close();
        }
        if (connect != null) {
            connect.stop();
        }
        if (secured != null) {
            secured.close();
        }
    }

    @Test
    void reportsASecondClusterOverSaslPlaintextAndSaysWhyWrongCredentialsFail() throws Exception {
        Map<String, Object> client = saslClient(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
        String topic = "secured.orders";
        String group = "secured-group";
        String clusterId;
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            clusterId = admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
        }
        seedGroup(client, topic, group);
        assertThat(clusterId)
                .isNotEqualTo(connect.kafka()
                        .createAdminClient()
                        .describeCluster()
                        .clusterId()
                        .get(60, TimeUnit.SECONDS));

        put("health-sasl", healthConfig(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        String expectedCluster = clusterId;
        JsonNode cluster = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("cluster")
                        && v.get("reachable").asBoolean()
                        && v.get("cluster_id").asText().equals(expectedCluster),
                TIMEOUT_MS,
                "the SASL cluster " + clusterId);
        assertThat(cluster.get("brokers").asInt()).isEqualTo(1);
        JsonNode groupRecord = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("group")
                        && v.get("group").asText().equals(group),
                TIMEOUT_MS,
                "the SASL cluster's group");
        assertThat(groupRecord.get("lag_sum").asLong()).isEqualTo(10 - committed(client, group, topic));
        assertThat(groupRecord.get("topics").get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(rest.delete("connectors/health-sasl").status()).isEqualTo(204);

        Map<String, String> wrong = healthConfig("not-the-password");
        wrong.put("kafka.default.api.timeout.ms", "5000");
        put("health-sasl-wrong", wrong);
        JsonNode refused = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("cluster")
                        && !v.get("reachable").asBoolean(),
                TIMEOUT_MS,
                "a refused login");
        assertThat(refused.get("error").asText()).containsIgnoringCase("authentication");
        assertThat(refused.get("error").asText()).doesNotContain("not-the-password");
        assertThat(refused.get("severity").asText()).isEqualTo("critical");
        connect.assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(
                        "health-sasl-wrong", 1, "the task keeps running with wrong credentials");
    }

    /**
     * One connector watching two clusters by name: the worker's own over PLAINTEXT and the second over SASL, each with
     * its own client settings. Each cluster has its cluster record, and a group of the second is reported under the
     * second's name.
     */
    @Test
    void oneConnectorWatchesTwoClustersEachTaggedWithItsName() throws Exception {
        Map<String, Object> client = saslClient(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
        String topic = "both.orders";
        String group = "both-group";
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        seedGroup(client, topic, group);

        Map<String, String> config = healthConfig(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
        config.keySet().removeIf(key -> key.startsWith("kafka."));
        config.put("clusters", "local,secured");
        config.put("clusters.local.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("clusters.secured.bootstrap.servers", secured.bootstrapServers());
        config.put("clusters.secured.security.protocol", "SASL_PLAINTEXT");
        config.put("clusters.secured.sasl.mechanism", "PLAIN");
        config.put("clusters.secured.sasl.jaas.config", jaas(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        config.put("groups.include", group);
        put("health-both", config);

        for (String name : List.of("local", "secured")) {
            JsonNode cluster = HealthTopicReader.await(
                    health,
                    v -> v.get("kind").asText().equals("cluster")
                            && v.get("reachable").asBoolean()
                            && name.equals(v.path("cluster").asText()),
                    TIMEOUT_MS,
                    "the cluster record of " + name);
            assertThat(cluster.get("source").asText())
                    .isEqualTo(
                            "cluster:" + name + "/" + cluster.get("cluster_id").asText());
            assertThat(cluster.get("message").asText()).startsWith("[" + name + "] ");
        }
        JsonNode groupRecord = HealthTopicReader.await(
                health,
                v -> v.get("kind").asText().equals("group")
                        && v.get("group").asText().equals(group),
                TIMEOUT_MS,
                "the second cluster's group");
        assertThat(groupRecord.get("cluster").asText()).isEqualTo("secured");
        assertThat(groupRecord.get("source").asText()).isEqualTo("group:secured/" + group);
        assertThat(groupRecord.get("lag_sum").asLong()).isEqualTo(10 - committed(client, group, topic));
        assertThat(rest.delete("connectors/health-both").status()).isEqualTo(204);
    }

    /** Ten records on {@code topic}, of which {@code group} reads and commits some. */
    private static void seedGroup(Map<String, Object> client, String topic, String group) {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i));
            }
        }
        Map<String, Object> consumerProps = new HashMap<>(client);
        consumerProps.put("group.id", group);
        consumerProps.put("auto.offset.reset", "earliest");
        consumerProps.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int received = 0;
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (received < 4 && System.currentTimeMillis() < deadline) {
                received += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(received).isPositive();
            consumer.commitSync();
        }
    }

    private long committed(Map<String, Object> client, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(60, TimeUnit.SECONDS)
                    .get(new org.apache.kafka.common.TopicPartition(topic, 0))
                    .offset();
        }
    }

    private Map<String, String> healthConfig(String password) {
        Map<String, String> config = ConfigFiles.load("kafka-health-source.properties");
        config.remove("name");
        config.put("kafka.bootstrap.servers", secured.bootstrapServers());
        config.put("kafka.security.protocol", "SASL_PLAINTEXT");
        config.put("kafka.sasl.mechanism", "PLAIN");
        config.put("kafka.sasl.jaas.config", jaas(password));
        config.put("topic", HEALTH_TOPIC);
        config.put("poll.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    private Map<String, Object> saslClient(String password) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", secured.bootstrapServers());
        client.put("security.protocol", "SASL_PLAINTEXT");
        client.put("sasl.mechanism", "PLAIN");
        client.put("sasl.jaas.config", jaas(password));
        return client;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + password + "\";";
    }

    private void put(String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
}
