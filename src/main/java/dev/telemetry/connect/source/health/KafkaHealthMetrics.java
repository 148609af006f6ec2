package dev.telemetry.connect.source.health;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    public static final MetricDefinition GROUP_LAG = MetricDefinition.gauge(
            "group-lag",
            "offsets",
            "This consumer group's lag at the last poll: its partitions' end offsets less its committed offsets, "
                    + "summed (the lag_sum of its record). Tagged with the group as its records name it (cluster/group "
                    + "for a cluster named in clusters); removed when a poll no longer evaluates the group (deleted, "
                    + "no longer matched, or its cluster unreachable)",
            "group");
    public static final MetricDefinition GROUP_TIME_LAG = MetricDefinition.gauge(
            "group-time-lag",
            "s",
            "How far behind in time this consumer group was at the last poll: the most of any of its partitions, "
                    + "estimated from when the broker reached each committed offset (the time_lag_seconds of its "
                    + "record); NaN while unknown. Removed with group-lag",
            "group");

    public static final List<MetricDefinition> ALL = List.of(
            RECORDS_EMITTED,
            GROUPS_EVALUATED,
            GROUP_LAG,
            GROUP_TIME_LAG,
            TOPICS_EVALUATED,
            GROUP_STATUSES,
            POLL_FAILURES,
            CANARY_ROUND_TRIP_P50,
            CANARY_ROUND_TRIP_MAX);

    private final PluginMetricSet metrics;
    /** The lag gauges of each group the last poll evaluated, by the group's tag. */
    private final Map<String, GroupLag> groupLags = new HashMap<>();

    private final Distribution clusterRecords;
    private final Distribution topicRecords;
    private final Distribution groupRecords;
    private final Level groupsEvaluated;
    private final Level topicsEvaluated;
    private final Counter[] statuses = new Counter[ConsumerStatus.values().length];
    private final Level canaryP50;
    private final Level canaryMax;
    /** Polls counted so far: the one a group's gauges were last set in tells whether it is still evaluated. */
    private long polls;

    KafkaHealthMetrics(PluginMetricSet metrics, boolean canary, List<ClusterMonitor> monitors) {
        this.metrics = metrics;
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

    /** Counts one poll's records, and sets the lag of each group it evaluated and removes that of the others. */
    void polled(List<SourceRecord> records) {
        polls++;
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
                groupLag(record.sourcePartition()).set(value, polls);
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
        groupLags.values().removeIf(lag -> {
            if (lag.lastPoll == polls) {
                return false;
            }
            metrics.remove(GROUP_LAG, lag.group);
            metrics.remove(GROUP_TIME_LAG, lag.group);
            return true;
        });
    }

    /** The gauges of the group a record's partition names, registered at the group's first evaluation. */
    private GroupLag groupLag(Map<String, ?> partition) {
        Object cluster = partition.get(KafkaHealthSourceTask.PARTITION_CLUSTER_KEY);
        Object entity = partition.get(KafkaHealthSourceTask.PARTITION_ENTITY_KEY);
        String group = cluster == null ? entity.toString() : cluster + "/" + entity;
        GroupLag lag = groupLags.get(group);
        if (lag == null) {
            lag = new GroupLag(group, metrics.level(GROUP_LAG, group), metrics.level(GROUP_TIME_LAG, group));
            groupLags.put(group, lag);
        }
        return lag;
    }

    /** One group's lag gauges, and the poll that last set them. */
    private static final class GroupLag {
        private final String group;
        private final Level offsets;
        private final Level seconds;
        private long lastPoll;

        private GroupLag(String group, Level offsets, Level seconds) {
            this.group = group;
            this.offsets = offsets;
            this.seconds = seconds;
        }

        void set(Struct value, long poll) {
            offsets.set(value.getInt64(HealthSchemas.LAG_SUM));
            seconds.set(orNaN(value.getFloat64(HealthSchemas.TIME_LAG_SECONDS)));
            lastPoll = poll;
        }
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
