package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.source.KafkaHealthSourceConnector;
import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Nothing listens on 127.0.0.1:1: the connector still configures its tasks, and the first reports the cluster down. */
class UnreachableClusterTest {

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("kafka.default.api.timeout.ms", "1000");
        config.put("kafka.request.timeout.ms", "500");
        return config;
    }

    @Test
    void theConnectorGivesTasksMaxTasksTheFirstOfWhichReportsTheCluster() {
        KafkaHealthSourceConnector connector = new KafkaHealthSourceConnector();
        connector.start(config());
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(4);
            assertThat(tasks).hasSize(4);
            assertThat(tasks.stream().map(TaskAssignment::fromConfig).toList())
                    .containsExactly(
                            new TaskAssignment(0, 4),
                            new TaskAssignment(1, 4),
                            new TaskAssignment(2, 4),
                            new TaskAssignment(3, 4));
        } finally {
            connector.stop();
        }
    }

    @Test
    void theTaskEmitsAClusterRecordWithTheErrorInsteadOfFailing() throws Exception {
        Map<String, String> props = config();
        props.putAll(new TaskAssignment(0, 1).toConfig());
        KafkaHealthSourceTask task = new KafkaHealthSourceTask();
        TestPluginMetrics worker = new TestPluginMetrics("connector", "health", "task", "0");
        task.initialize(new CommittedOffsetsContext(Map.of(), worker.pluginMetrics()));
        task.start(props);
        try {
            List<SourceRecord> records = task.poll();
            assertThat(records).hasSize(1);
            SourceRecord record = records.get(0);
            Struct value = (Struct) record.value();
            assertThat(value.getString(HealthSchemas.KIND)).isEqualTo(HealthSchemas.KIND_CLUSTER);
            assertThat(value.getBoolean(HealthSchemas.REACHABLE)).isFalse();
            assertThat(value.getString(HealthSchemas.ERROR)).contains("describeCluster");
            assertThat(record.key()).isEqualTo("127.0.0.1:1");
            assertThat(record.topic()).isEqualTo("kafka_health");
            assertThat(record.sourcePartition()).isEqualTo(Map.of("kind", "cluster", "entity", "127.0.0.1:1"));

            assertThat(worker.value("records-emitted-total", "kind", "cluster")).isEqualTo(1.0);
            assertThat(worker.value("records-emitted-total", "kind", "group")).isZero();
            assertThat(worker.value("poll-failures-total")).isEqualTo(1.0);
            assertThat(worker.value("groups-evaluated")).isZero();
            assertThat(worker.value("topics-evaluated")).isZero();
            for (String status : List.of("ok", "warn", "stall", "rewind", "stop", "err")) {
                assertThat(worker.value("group-statuses-total", "status", status))
                        .isZero();
            }
            assertThat(worker.has("canary-round-trip-p50"))
                    .as("canary.enabled=false")
                    .isFalse();
            assertThat(worker.has("canary-round-trip-max"))
                    .as("canary.enabled=false")
                    .isFalse();
        } finally {
            task.stop();
            worker.close();
        }
    }
}
