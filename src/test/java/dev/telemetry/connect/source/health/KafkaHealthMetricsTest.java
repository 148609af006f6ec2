package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The per-group lag gauges, from the group records of successive polls, in Kafka's own registry. */
class KafkaHealthMetricsTest {

    @Test
    void eachEvaluatedGroupHasItsLagAndAGroupNoLongerEvaluatedIsRemoved() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "health", "task", "0")) {
            KafkaHealthMetrics metrics =
                    new KafkaHealthMetrics(PluginMetricSet.of(worker.pluginMetrics()), false, List.of());

            metrics.polled(List.of(group(null, "billing", 120, 4.5), group("east", "billing", 7, null)));
            assertThat(worker.value("group-lag", "group", "billing")).isEqualTo(120.0);
            assertThat(worker.value("group-time-lag", "group", "billing")).isEqualTo(4.5);
            assertThat(worker.value("group-lag", "group", "east/billing"))
                    .as("a named cluster's group, apart from the unnamed cluster's of the same name")
                    .isEqualTo(7.0);
            assertThat(worker.value("group-time-lag", "group", "east/billing"))
                    .as("not known yet")
                    .isNaN();

            metrics.polled(List.of(group(null, "billing", 30, 1.0), group(null, "audit", 0, 0.0)));
            assertThat(worker.value("group-lag", "group", "billing")).isEqualTo(30.0);
            assertThat(worker.value("group-time-lag", "group", "billing")).isEqualTo(1.0);
            assertThat(worker.value("group-lag", "group", "audit")).isZero();
            assertThat(worker.has("group-lag", "group", "east/billing")).isFalse();
            assertThat(worker.has("group-time-lag", "group", "east/billing")).isFalse();

            metrics.polled(List.of());
            assertThat(worker.has("group-lag", "group", "billing")).isFalse();
            assertThat(worker.has("group-lag", "group", "audit")).isFalse();
            assertThat(worker.value("groups-evaluated")).isZero();
        }
    }

    /** A group's record as a {@link ClusterMonitor} of the cluster named {@code cluster} (null: unnamed) makes it. */
    private static SourceRecord group(String cluster, String group, long lagSum, Double timeLagSeconds) {
        GroupHealth health = new GroupHealth(
                group,
                "Stable",
                1,
                ConsumerStatus.OK,
                "keeping up",
                lagSum,
                lagSum,
                timeLagSeconds,
                0,
                List.of(),
                List.of(),
                0,
                0);
        Map<String, String> partition = cluster == null
                ? Map.of(
                        KafkaHealthSourceTask.PARTITION_KIND_KEY,
                        HealthSchemas.KIND_GROUP,
                        KafkaHealthSourceTask.PARTITION_ENTITY_KEY,
                        group)
                : Map.of(
                        KafkaHealthSourceTask.PARTITION_CLUSTER_KEY,
                        cluster,
                        KafkaHealthSourceTask.PARTITION_KIND_KEY,
                        HealthSchemas.KIND_GROUP,
                        KafkaHealthSourceTask.PARTITION_ENTITY_KEY,
                        group);
        return new SourceRecord(
                partition, Map.of(), "kafka_health", null, HealthSchemas.GROUP_VALUE, HealthSchemas.group(health, 0));
    }
}
