package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.TestRecords;
import dev.telemetry.connect.transforms.ClassifyEvent;
import dev.telemetry.connect.transforms.InsertProcessedTimestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chain of config/kafka-health-source.properties, assembled the way Connect does, on health records of every
 * kind: the shipped rules give the severities the docs promise, and nothing routes a record out of kafka_health.
 */
class ShippedHealthRulesTest {

    private static final long NOW = 1_764_000_000_000L;
    private static Map<String, String> config;

    @BeforeAll
    static void load() {
        config = ConfigFiles.load("kafka-health-source.properties");
    }

    @Test
    void theChainClassifiesAndStampsButDoesNotRoute() {
        assertThat(config.get("transforms")).isEqualTo("classify,stamp");
        assertThat(config).doesNotContainKey("predicates");
        SourceRecord out = chain(group(ConsumerStatus.OK, 0.5));
        assertThat(out.topic()).isEqualTo("kafka_health");
        assertThat(((Struct) out.value()).get("processed_at")).isNotNull();
    }

    @Test
    void groupStatusesMapToSeverities() {
        assertThat(classify(group(ConsumerStatus.OK, 1.0))).containsExactly("info", "kafka_health");
        assertThat(classify(group(ConsumerStatus.WARN, 1.0))).containsExactly("warning", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.STALL, 1.0))).containsExactly("warning", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.REWIND, 1.0))).containsExactly("warning", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.STOP, 1.0))).containsExactly("critical", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.ERR, 1.0))).containsExactly("critical", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.OK, 301.0))).containsExactly("warning", "consumer_lag");
        assertThat(classify(group(ConsumerStatus.OK, null))).containsExactly("info", "kafka_health");
        assertThat(classify(behindAMarker(1_000.0))).containsExactly("info", "kafka_health");
    }

    /** The per-partition rule docs/kafka-health-source.md shows, on the real rule engine. */
    @Test
    void aRuleCanReadThePartitionsOfAGroup() {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        classify.configure(Map.of(
                "rules", "partition_behind",
                "rules.partition_behind.condition",
                        "kind == 'group' && partition_lags.exists(p, p.time_lag_seconds > 600.0)",
                "rules.partition_behind.severity", "warning",
                "rules.partition_behind.category", "consumer_lag"));
        assertThat(((Struct) classify.apply(group(ConsumerStatus.OK, 601.0)).value()).getString("severity"))
                .isEqualTo("warning");
        assertThat(((Struct) classify.apply(group(ConsumerStatus.OK, 599.0)).value()).getString("severity"))
                .isEqualTo("info");
        assertThat(((Struct) classify.apply(group(ConsumerStatus.OK, null)).value()).getString("severity"))
                .isEqualTo("info");
    }

    @Test
    void replicationProblemsAreCritical() {
        assertThat(classify(topic(0, 0, 0))).containsExactly("info", "kafka_health");
        assertThat(classify(topic(1, 0, 0))).containsExactly("critical", "replication");
        assertThat(classify(topic(0, 1, 0))).containsExactly("critical", "replication");
        assertThat(classify(topic(0, 0, 1))).containsExactly("critical", "replication");
    }

    @Test
    void aBusyTopicThatStopsReceivingDataIsAWarning() {
        assertThat(classify(throughput(0.0, 25.0, 601.0))).containsExactly("warning", "throughput");
        assertThat(classify(throughput(0.0, 25.0, 300.0))).containsExactly("info", "kafka_health");
        assertThat(classify(throughput(0.0, 0.2, 3_600.0)))
                .as("a topic that is usually quiet")
                .containsExactly("info", "kafka_health");
        assertThat(classify(throughput(0.0, null, 3_600.0)))
                .as("no baseline yet")
                .containsExactly("info", "kafka_health");
    }

    @Test
    void aTopicGrowingTenTimesFasterThanUsualIsAWarning() {
        assertThat(classify(throughput(2_500.0, 200.0, 0.0))).containsExactly("warning", "throughput");
        assertThat(classify(throughput(1_500.0, 200.0, 0.0))).containsExactly("info", "kafka_health");
        assertThat(classify(throughput(90.0, 1.0, 0.0)))
                .as("ten times a trickle is still a trickle")
                .containsExactly("info", "kafka_health");
        assertThat(classify(throughput(2_500.0, null, 0.0))).containsExactly("info", "kafka_health");
    }

    @Test
    void anUnreachableClusterAndAFailedCanaryAreCritical() {
        CanaryResult fine = new CanaryResult(true, 5, 5, 2.0, 9.0, 9.5, null);
        CanaryResult failed = new CanaryResult(false, 5, 0, null, null, null, "TimeoutException: no leader");
        CanaryResult nothingBack = new CanaryResult(true, 5, 0, null, null, null, "nothing consumed back");
        assertThat(classify(cluster(new ClusterHealth("c1", true, null, 3, 1, null))))
                .containsExactly("info", "kafka_health");
        assertThat(classify(cluster(new ClusterHealth("c1", true, null, 3, 1, fine))))
                .containsExactly("info", "kafka_health");
        assertThat(classify(cluster(ClusterHealth.unreachable("TimeoutException", null))))
                .containsExactly("critical", "availability");
        assertThat(classify(cluster(new ClusterHealth("c1", true, null, 3, 1, failed))))
                .containsExactly("critical", "availability");
        assertThat(classify(cluster(new ClusterHealth("c1", true, null, 3, 1, nothingBack))))
                .containsExactly("critical", "availability");
    }

    private static List<String> classify(SourceRecord record) {
        Struct value = (Struct) chain(record).value();
        return List.of(value.getString("severity"), value.getString("category"));
    }

    private static SourceRecord chain(SourceRecord record) {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        classify.configure(withPrefix("transforms.classify."));
        InsertProcessedTimestamp<SourceRecord> stamp = new InsertProcessedTimestamp.Value<>();
        stamp.configure(withPrefix("transforms.stamp."));
        return stamp.apply(classify.apply(record));
    }

    private static Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new HashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(prefix + "type")) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    private static SourceRecord group(ConsumerStatus status, Double timeLag) {
        TopicLag lag = new TopicLag("orders", 3, 0, 120, 60, timeLag, status, "orders-0: test");
        return record(HealthSchemas.group(
                new GroupHealth(
                        "billing",
                        "STABLE",
                        2,
                        status,
                        "orders-0: test",
                        120,
                        60,
                        timeLag,
                        0,
                        List.of(lag),
                        List.of(new PartitionLag("orders", 0, 940, 1_000, 60, timeLag, status)),
                        2,
                        60),
                NOW));
    }

    /** One offset behind on its only partition: the transaction marker an idle exactly-once topic ends with. */
    private static SourceRecord behindAMarker(double timeLag) {
        TopicLag lag = new TopicLag("orders", 1, 0, 1, 1, timeLag, ConsumerStatus.OK, "orders-0: topic idle");
        return record(HealthSchemas.group(
                new GroupHealth(
                        "billing",
                        "EMPTY",
                        0,
                        ConsumerStatus.OK,
                        "orders-0: topic idle",
                        1,
                        1,
                        timeLag,
                        0,
                        List.of(lag),
                        List.of(new PartitionLag("orders", 0, 99, 100, 1, timeLag, ConsumerStatus.OK)),
                        0,
                        0),
                NOW));
    }

    private static SourceRecord topic(int underReplicated, int offline, int underMinIsr) {
        return topic(underReplicated, offline, underMinIsr, new TopicThroughput.Rates(10.0, 10.0, 900.0, 900.0, 0.0));
    }

    private static SourceRecord throughput(Double rate, Double baseline, Double idleSeconds) {
        return topic(0, 0, 0, new TopicThroughput.Rates(rate, baseline, null, null, idleSeconds));
    }

    private static SourceRecord topic(int underReplicated, int offline, int underMinIsr, TopicThroughput.Rates rates) {
        return record(HealthSchemas.topic(
                new TopicHealth(
                        "orders",
                        3,
                        3,
                        underReplicated,
                        offline,
                        underMinIsr,
                        2,
                        1_000,
                        rates,
                        new TopicSize(30_000, 12_000, 1.2)),
                NOW));
    }

    private static SourceRecord cluster(ClusterHealth health) {
        return record(HealthSchemas.cluster(health, "c1", NOW));
    }

    private static SourceRecord record(Struct value) {
        return TestRecords.value(value.schema(), value)
                .topic("kafka_health")
                .partition(null)
                .key(HealthSchemas.KEY_SCHEMA, "k")
                .timestamp(NOW)
                .source();
    }
}
