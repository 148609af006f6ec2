package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.source.KafkaHealthSourceConnector;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaHealthSourceConfigTest {

    @TempDir
    Path dir;

    @Test
    void validationNamesEveryBadKey() {
        Map<String, String> config = new HashMap<>();
        config.put("groups.include", "orders-.*,payments-(");
        config.put("topics.exclude", "[");
        config.put("poll.interval.ms", "5");
        config.put("status.window.commits", "1");
        config.put("kafka.security.protocol", "CARRIER_PIGEON");
        config.put("topic", "health topic");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors)
                .containsOnlyKeys(
                        "kafka.bootstrap.servers",
                        "clusters",
                        "groups.include",
                        "topics.exclude",
                        "poll.interval.ms",
                        "status.window.commits",
                        "kafka.security.protocol",
                        "topic");
        assertThat(errors.get("groups.include").get(0)).contains("payments-(", "position");
        assertThat(errors.get("kafka.security.protocol").get(0)).contains("CARRIER_PIGEON");
    }

    @Test
    void aMinimalConfigIsValidAndSecretsAreMasked() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "localhost:9092");
        config.put("kafka.security.protocol", "SASL_PLAINTEXT");
        config.put("kafka.sasl.mechanism", "PLAIN");
        config.put("kafka.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"secret\";");

        assertThat(errors(config)).isEmpty();
        ConfigValue jaas = configValue(config, "kafka.sasl.jaas.config");
        assertThat(jaas.value()).isInstanceOf(Password.class);
        assertThat(jaas.value().toString()).doesNotContain("secret");
        assertThat(configValue(config, "kafka.ssl.truststore.location").visible())
                .isFalse();
        assertThat(configValue(config, "kafka.sasl.mechanism").recommendedValues())
                .contains("PLAIN", "SCRAM-SHA-512");
    }

    @Test
    void everyKafkaSettingReachesTheClientsWithoutItsPrefix() {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", "broker:9093");
        props.put("kafka.sasl.jaas.config", "secret-jaas");
        props.put("kafka.request.timeout.ms", "3000");
        props.put("poll.interval.ms", "1000");

        List<MonitoredCluster> clusters = new KafkaHealthSourceConfig(props).clusters();
        assertThat(clusters).extracting(MonitoredCluster::name).containsOnlyNulls();
        Map<String, Object> client = clusters.get(0).clientProps();

        assertThat(client)
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("sasl.jaas.config", "secret-jaas")
                .containsEntry("request.timeout.ms", "3000")
                .containsEntry("default.api.timeout.ms", 15_000)
                .doesNotContainKey("poll.interval.ms");
    }

    @Test
    void aShortApiTimeoutLowersTheDefaultRequestTimeoutBelowIt() {
        MonitoredCluster config = new KafkaHealthSourceConfig(
                        Map.of("kafka.bootstrap.servers", "b:1", "kafka.default.api.timeout.ms", "5000"))
                .clusters()
                .get(0);
        assertThat(config.apiTimeoutMs()).isEqualTo(5_000);
        assertThat(config.requestTimeoutMs()).isEqualTo(5_000);
        MonitoredCluster defaults = new KafkaHealthSourceConfig(Map.of("kafka.bootstrap.servers", "b:1"))
                .clusters()
                .get(0);
        assertThat(defaults.apiTimeoutMs()).isEqualTo(15_000);
        assertThat(defaults.requestTimeoutMs()).isEqualTo(10_000);
        assertThat(defaults.clientProps().get("request.timeout.ms")).isInstanceOf(Integer.class);
    }

    @Test
    void severalClustersEachGetTheirOwnClientSettingsAndTheirSecretsAreMasked() {
        Map<String, String> props = new HashMap<>();
        props.put("clusters", "east,west");
        props.put("clusters.east.bootstrap.servers", "east-1:9092");
        props.put("clusters.west.bootstrap.servers", "west-1:9093");
        props.put("clusters.west.security.protocol", "SASL_SSL");
        props.put("clusters.west.sasl.mechanism", "SCRAM-SHA-512");
        props.put("clusters.west.sasl.jaas.config", "ScramLoginModule required password=\"secret\";");
        props.put("clusters.west.default.api.timeout.ms", "4000");

        assertThat(errors(props)).isEmpty();
        ConfigValue jaas = configValue(props, "clusters.west.sasl.jaas.config");
        assertThat(jaas.value()).isInstanceOf(Password.class);
        assertThat(jaas.value().toString()).doesNotContain("secret");
        assertThat(configValue(props, "clusters.east.sasl.mechanism").visible()).isFalse();
        assertThat(configValue(props, "clusters.west.sasl.mechanism").visible()).isTrue();

        List<MonitoredCluster> clusters = new KafkaHealthSourceConfig(props).clusters();
        assertThat(clusters).extracting(MonitoredCluster::name).containsExactly("east", "west");
        assertThat(clusters.get(0).clientProps())
                .containsEntry("bootstrap.servers", "east-1:9092")
                .doesNotContainKey("sasl.jaas.config");
        assertThat(clusters.get(1).clientProps())
                .containsEntry("bootstrap.servers", "west-1:9093")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required password=\"secret\";")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(clusters.get(1).apiTimeoutMs()).isEqualTo(4_000);
        assertThat(clusters.get(1).entity("billing")).isEqualTo("west/billing");
    }

    @Test
    void theClustersAreNamedOneWayAndEachNamedClusterIsComplete() {
        assertThat(errors(Map.of())).containsOnlyKeys("kafka.bootstrap.servers", "clusters");
        assertThat(errors(Map.of(
                        "kafka.bootstrap.servers", "b:1", "clusters", "a", "clusters.a.bootstrap.servers", "a:1")))
                .containsOnlyKeys("kafka.bootstrap.servers", "clusters");
        assertThat(errors(Map.of("clusters", "a,b", "clusters.a.bootstrap.servers", "a:1")))
                .containsOnlyKeys("clusters.b.bootstrap.servers");
        assertThat(errors(Map.of("clusters", "a.b", "clusters.a.b.bootstrap.servers", "a:1")))
                .containsKey("clusters");
        assertThat(errors(Map.of(
                        "clusters",
                        "a",
                        "clusters.a.bootstrap.servers",
                        "a:1",
                        "clusters.a.security.protocol",
                        "CARRIER_PIGEON")))
                .containsOnlyKeys("clusters.a.security.protocol");
    }

    /** A trust or key store of any cluster is a file a REST user names: only where the operator lets the bundle read. */
    @Test
    void clientFilesOutsideWhatTheOperatorAllowsAreRefused() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("clusters", "a,b");
        props.put("clusters.a.bootstrap.servers", "a:1");
        props.put("clusters.b.bootstrap.servers", "b:1");
        props.put("clusters.b.security.protocol", "SSL");
        props.put("clusters.b.ssl.truststore.location", "/etc/kafka/truststore.jks");
        props.put(
                "clusters.b.ssl.keystore.location", dir.resolve("keystore.jks").toString());
        assertThat(errors(props).get("clusters.b.ssl.truststore.location"))
                .singleElement()
                .asString()
                .contains("/etc", "telemetry.allowed.read.paths");

        Path stores = Files.createDirectories(dir.resolve("stores"));
        props.put(
                "clusters.b.ssl.truststore.location",
                stores.resolve("truststore.jks").toString());
        try (OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.read.paths", stores.toString())) {
            Map<String, List<String>> errors = errors(props);
            assertThat(errors).containsOnlyKeys("clusters.b.ssl.keystore.location");
            KafkaHealthSourceTask task = new KafkaHealthSourceTask();
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.putAll(new TaskAssignment(0, 1).toConfig());
            assertThatThrownBy(() -> task.start(taskProps))
                    .hasMessageContaining("clusters.b.ssl.keystore.location")
                    .hasMessageContaining(stores.toString());
        }
        Map<String, String> single =
                Map.of("kafka.bootstrap.servers", "b:1", "kafka.ssl.truststore.location", "/root/truststore.jks");
        assertThat(errors(single)).containsOnlyKeys("kafka.ssl.truststore.location");
    }

    @Test
    void selectionMatchesWholeNamesAndExcludesWin() {
        KafkaHealthSourceConfig config = new KafkaHealthSourceConfig(Map.of(
                "kafka.bootstrap.servers",
                "b:1",
                "groups.include",
                "orders.*,billing",
                "groups.exclude",
                "orders-test"));
        assertThat(KafkaHealthSourceConfig.selected("orders-app", config.groupsInclude(), config.groupsExclude()))
                .isTrue();
        assertThat(KafkaHealthSourceConfig.selected("orders-test", config.groupsInclude(), config.groupsExclude()))
                .isFalse();
        assertThat(KafkaHealthSourceConfig.selected("billing-2", config.groupsInclude(), config.groupsExclude()))
                .isFalse();
    }

    @Test
    void everyNameHasExactlyOneTaskAndOnlyTheFirstReportsTheCluster() {
        List<String> names = List.of("g1", "g2", "g,3", "orders", "billing-consumers", "");
        List<TaskAssignment> tasks = TaskAssignment.all(3);
        assertThat(tasks).extracting(TaskAssignment::cluster).containsExactly(true, false, false);
        List<String> owned = new ArrayList<>();
        for (TaskAssignment task : tasks) {
            owned.addAll(task.owned(names));
            assertThat(TaskAssignment.fromConfig(task.toConfig())).isEqualTo(task);
        }
        assertThat(owned).containsExactlyInAnyOrderElementsOf(names);
        assertThat(TaskAssignment.all(0)).containsExactly(new TaskAssignment(0, 1));
        assertThatThrownBy(() -> TaskAssignment.fromConfig(Map.of())).hasMessageContaining("task.index");
    }

    @Test
    void aNameKeepsItsTaskWhateverElseComesOrGoes() {
        List<String> before = List.of("billing", "orders", "audit");
        List<String> after = List.of("billing", "new-1", "orders", "new-2", "new-3");
        for (TaskAssignment task : TaskAssignment.all(4)) {
            List<String> kept = new ArrayList<>(task.owned(after));
            kept.retainAll(before);
            List<String> had = new ArrayList<>(task.owned(before));
            had.retainAll(after);
            assertThat(kept).as("task %d", task.task()).isEqualTo(had);
        }
        // String.hashCode is fixed by the Java specification, so a name's task survives restarts and upgrades.
        assertThat(new TaskAssignment(1, 4).owned(List.of("orders"))).containsExactly("orders");
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return ValidationErrors.of(new KafkaHealthSourceConnector().validate(config));
    }

    private static ConfigValue configValue(Map<String, String> config, String name) {
        return new KafkaHealthSourceConnector()
                .validate(config).configValues().stream()
                        .filter(v -> v.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }
}
