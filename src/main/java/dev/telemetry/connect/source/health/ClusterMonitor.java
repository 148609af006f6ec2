package dev.telemetry.connect.source.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one task watches of one cluster: its own admin client, collectors and canary, and its share of the cluster's
 * groups and topics ({@link TaskAssignment}), listed again every {@code list.refresh.interval.ms}. Nothing the cluster
 * does throws: an unreachable cluster is a cluster record with the error, a failed listing keeps the previous lists.
 */
final class ClusterMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterMonitor.class);

    private final MonitoredCluster cluster;
    private final KafkaHealthSourceConfig config;
    private final TaskAssignment assignment;
    private final Admin admin;
    private final ClusterCollector clusterCollector;
    private final TopicHealthCollector topicCollector;
    private final GroupLagCollector groupCollector;
    private final Canary canary;
    private final MonitoredEntities entities;
    private MonitoredEntities.Lists watched = MonitoredEntities.Lists.EMPTY;
    private long nextListMs = Long.MIN_VALUE;
    /** Polls that failed in part; written by the task's thread only, read by the metrics reporter. */
    private volatile long failedPolls;

    ClusterMonitor(MonitoredCluster cluster, KafkaHealthSourceConfig config, TaskAssignment assignment) {
        this.cluster = cluster;
        this.config = config;
        this.assignment = assignment;
        Map<String, Object> clientProps = cluster.clientProps();
        admin = Admin.create(clientProps);
        long timeoutMs = cluster.apiTimeoutMs();
        clusterCollector = new ClusterCollector(admin, timeoutMs);
        topicCollector = new TopicHealthCollector(admin, timeoutMs, config.throughputBaselineMs());
        groupCollector = new GroupLagCollector(
                admin,
                timeoutMs,
                config.statusWindowCommits(),
                config.statusErrorAfterMs(),
                config.timeLagSamples(),
                config.lagTopPartitions());
        canary = assignment.cluster() && config.canaryEnabled()
                ? new Canary(
                        admin,
                        clientProps,
                        config.canaryTopic(),
                        config.canaryMessagesPerPoll(),
                        timeoutMs,
                        cluster.requestTimeoutMs())
                : null;
        entities = new MonitoredEntities(admin, config, timeoutMs);
    }

    /** This poll's records of the cluster: its own on the first task, then one per group and topic of this task. */
    List<SourceRecord> collect(long nowMs) {
        List<SourceRecord> records = new ArrayList<>();
        if (assignment.cluster()) {
            CanaryResult canaryResult = canary == null ? null : canary.measure();
            ClusterHealth health = clusterCollector.collect(canaryResult);
            String entity = health.reachable() ? health.clusterId() : cluster.bootstrapServers();
            records.add(
                    record(HealthSchemas.KIND_CLUSTER, entity, HealthSchemas.cluster(health, entity, nowMs), nowMs));
            if (!health.reachable()) {
                failedPolls++;
                log.warn("Cluster at {} unreachable, retrying at the next poll: {}", entity, health.error());
                return records;
            }
        }
        if (nowMs >= nextListMs) {
            nextListMs = nowMs + config.listRefreshIntervalMs();
            refreshWatched();
        }
        try {
            for (TopicHealth topic : topicCollector.collect(watched.topics(), nowMs)) {
                records.add(record(HealthSchemas.KIND_TOPIC, topic.topic(), HealthSchemas.topic(topic, nowMs), nowMs));
            }
        } catch (RuntimeException e) {
            failedPolls++;
            log.warn("Topic health of {} not read this poll: {}", describe(), AdminCalls.describe(e));
        }
        try {
            for (GroupHealth group : groupCollector.collect(watched.groups(), nowMs)) {
                records.add(record(HealthSchemas.KIND_GROUP, group.group(), HealthSchemas.group(group, nowMs), nowMs));
            }
        } catch (RuntimeException e) {
            failedPolls++;
            log.warn("Consumer groups of {} not read this poll: {}", describe(), AdminCalls.describe(e));
        }
        return records;
    }

    /** This task's share of the groups and topics listed now, or the previous share if they cannot be listed. */
    private void refreshWatched() {
        try {
            MonitoredEntities.Lists all = entities.list();
            MonitoredEntities.Lists fresh =
                    new MonitoredEntities.Lists(assignment.owned(all.groups()), assignment.owned(all.topics()));
            if (!fresh.equals(watched)) {
                log.info(
                        "Task {} of {} now watches {} groups and {} topics of {}",
                        assignment.task() + 1,
                        assignment.tasks(),
                        fresh.groups().size(),
                        fresh.topics().size(),
                        describe());
                watched = fresh;
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Cannot list groups and topics of {}, keeping the previous lists: {}",
                    describe(),
                    AdminCalls.describe(e));
        }
    }

    private SourceRecord record(String kind, String entity, Struct value, long nowMs) {
        String tagged = cluster.entity(entity);
        Map<String, String> partition = cluster.name() == null
                ? Map.of(
                        KafkaHealthSourceTask.PARTITION_KIND_KEY,
                        kind,
                        KafkaHealthSourceTask.PARTITION_ENTITY_KEY,
                        entity)
                : Map.of(
                        KafkaHealthSourceTask.PARTITION_CLUSTER_KEY,
                        cluster.name(),
                        KafkaHealthSourceTask.PARTITION_KIND_KEY,
                        kind,
                        KafkaHealthSourceTask.PARTITION_ENTITY_KEY,
                        entity);
        Struct taggedValue = HealthSchemas.tag(value, cluster, entity);
        return new SourceRecord(
                partition,
                Map.of(KafkaHealthSourceTask.OFFSET_POLL_TIME_KEY, nowMs),
                config.topic(),
                null,
                HealthSchemas.KEY_SCHEMA,
                tagged,
                taggedValue.schema(),
                taggedValue,
                nowMs);
    }

    long failedPolls() {
        return failedPolls;
    }

    /** The cluster as log lines name it. */
    String describe() {
        return cluster.name() == null
                ? cluster.bootstrapServers()
                : "cluster " + cluster.name() + " (" + cluster.bootstrapServers() + ")";
    }

    @Override
    public void close() {
        if (canary != null) {
            canary.close();
        }
        // Zero timeout: a poll blocked on an unreachable cluster fails at once instead of holding the worker.
        admin.close(Duration.ZERO);
    }
}
