package dev.telemetry.connect.source.health;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What a {@link KafkaHealthSourceTask} measures, read off the records each poll returns (so the collectors stay as
 * they are) and the failed admin calls its monitors count.
 */
public final class KafkaHealthMetrics {

    public static final MetricDefinition RECORDS_EMITTED = MetricDefinition.meter(
            "records-emitted",
            "records",
            "Health records returned to the worker, by kind: cluster, topic, group",
            "kind");
    public static final MetricDefinition GROUPS_EVALUATED = MetricDefinition.gauge(
            "groups-evaluated", "groups", "Consumer groups evaluated by the last poll (all monitored clusters)");
    public static final MetricDefinition TOPICS_EVALUATED = MetricDefinition.gauge(
            "topics-evaluated", "topics", "Topics evaluated by the last poll (all monitored clusters)");
    public static final MetricDefinition GROUP_STATUSES = MetricDefinition.counter(
            "group-statuses",
            "evaluations",
            "Group evaluations by the status they gave: ok, warn, stall, rewind, stop, err",
            "status");
    public static final MetricDefinition POLL_FAILURES = MetricDefinition.counter(
            "poll-failures",
            "calls",
            "Parts of a poll that failed, each counted: a monitored cluster unreachable, its topics not read, its "
                    + "groups not read");
    public static final MetricDefinition CANARY_ROUND_TRIP_P50 = MetricDefinition.gauge(
            "canary-round-trip-p50",
            "ms",
            "Median produce-to-consume time of the canary's messages in the last poll (NaN when none came back; first "
                    + "task, canary.enabled only)");
    public static final MetricDefinition CANARY_ROUND_TRIP_MAX = MetricDefinition.gauge(
            "canary-round-trip-max",
            "ms",
            "Longest produce-to-consume time of the canary's messages in the last poll (NaN when none came back; first "
                    + "task, canary.enabled only)");

    public static final List<MetricDefinition> ALL = List.of(
            RECORDS_EMITTED,
            GROUPS_EVALUATED,
            TOPICS_EVALUATED,
            GROUP_STATUSES,
            POLL_FAILURES,
            CANARY_ROUND_TRIP_P50,
            CANARY_ROUND_TRIP_MAX);

    private final Distribution clusterRecords;
    private final Distribution topicRecords;
    private final Distribution groupRecords;
    private final Level groupsEvaluated;
    private final Level topicsEvaluated;
    private final Counter[] statuses = new Counter[ConsumerStatus.values().length];
    private final Level canaryP50;
    private final Level canaryMax;

    KafkaHealthMetrics(PluginMetricSet metrics, boolean canary, List<ClusterMonitor> monitors) {
        clusterRecords = metrics.meter(RECORDS_EMITTED, HealthSchemas.KIND_CLUSTER);
        topicRecords = metrics.meter(RECORDS_EMITTED, HealthSchemas.KIND_TOPIC);
        groupRecords = metrics.meter(RECORDS_EMITTED, HealthSchemas.KIND_GROUP);
        groupsEvaluated = metrics.level(GROUPS_EVALUATED);
        topicsEvaluated = metrics.level(TOPICS_EVALUATED);
        for (ConsumerStatus status : ConsumerStatus.values()) {
            statuses[status.ordinal()] =
                    metrics.counter(GROUP_STATUSES, status.name().toLowerCase(Locale.ROOT));
        }
        metrics.counter(
                POLL_FAILURES,
                () -> monitors.stream().mapToLong(ClusterMonitor::failedPolls).sum());
        canaryP50 = canary ? metrics.level(CANARY_ROUND_TRIP_P50) : new Level();
        canaryMax = canary ? metrics.level(CANARY_ROUND_TRIP_MAX) : new Level();
        canaryP50.set(Double.NaN);
        canaryMax.set(Double.NaN);
    }

    /** Counts one poll's records. */
    void polled(List<SourceRecord> records) {
        int clusters = 0;
        int topics = 0;
        int groups = 0;
        for (SourceRecord record : records) {
            Object kind = record.sourcePartition().get(KafkaHealthSourceTask.PARTITION_KIND_KEY);
            Struct value = (Struct) record.value();
            if (HealthSchemas.KIND_GROUP.equals(kind)) {
                groups++;
                statuses[
                        ConsumerStatus.valueOf(value.getString(HealthSchemas.STATUS))
                                .ordinal()].increment();
            } else if (HealthSchemas.KIND_TOPIC.equals(kind)) {
                topics++;
            } else {
                clusters++;
                canaryP50.set(orNaN(value.getFloat64(HealthSchemas.CANARY_LATENCY_P50_MS)));
                canaryMax.set(orNaN(value.getFloat64(HealthSchemas.CANARY_LATENCY_MAX_MS)));
            }
        }
        record(clusterRecords, clusters);
        record(topicRecords, topics);
        record(groupRecords, groups);
        groupsEvaluated.set(groups);
        topicsEvaluated.set(topics);
    }

    private static void record(Distribution emitted, int count) {
        if (count > 0) {
            emitted.record(count);
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
