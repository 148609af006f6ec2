package dev.telemetry.connect.source.health;

import dev.telemetry.connect.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code poll.interval.ms}, one record per group and topic of this task's share and, on the first task, one for
 * the cluster. Every {@code list.refresh.interval.ms} the task lists the groups and topics again and keeps its share
 * ({@link TaskAssignment}). Nothing the monitored cluster does fails the task: an unreachable cluster is a cluster
 * record with the error, a failed listing keeps the previous lists, and the next poll tries again.
 */
public class KafkaHealthSourceTask extends SourceTask {

    static final String PARTITION_KIND_KEY = "kind";
    static final String PARTITION_ENTITY_KEY = "entity";
    static final String OFFSET_POLL_TIME_KEY = "poll_time";

    private static final Logger log = LoggerFactory.getLogger(KafkaHealthSourceTask.class);

    private final LongSupplier clock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private KafkaHealthSourceConfig config;
    private TaskAssignment assignment;
    private Admin admin;
    private ClusterCollector clusterCollector;
    private TopicHealthCollector topicCollector;
    private GroupLagCollector groupCollector;
    private Canary canary;
    private MonitoredEntities entities;
    private MonitoredEntities.Lists watched = MonitoredEntities.Lists.EMPTY;
    private long nextPollMs;
    private long nextListMs;

    public KafkaHealthSourceTask() {
        this(System::currentTimeMillis);
    }

    KafkaHealthSourceTask(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new KafkaHealthSourceConfig(props);
        try {
            assignment = TaskAssignment.fromConfig(props);
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        Map<String, Object> clientProps = config.clientProps();
        admin = Admin.create(clientProps);
        long timeoutMs = config.apiTimeoutMs();
        clusterCollector = new ClusterCollector(admin, timeoutMs);
        topicCollector = new TopicHealthCollector(admin, timeoutMs);
        groupCollector = new GroupLagCollector(
                admin,
                timeoutMs,
                config.statusWindowCommits(),
                config.statusErrorAfterMs(),
                config.timeLagSamples(),
                config.lagTopPartitions());
        if (assignment.cluster() && config.canaryEnabled()) {
            canary = new Canary(
                    admin,
                    clientProps,
                    config.canaryTopic(),
                    config.canaryMessagesPerPoll(),
                    timeoutMs,
                    config.requestTimeoutMs());
        }
        entities = new MonitoredEntities(admin, config, timeoutMs);
        nextPollMs = clock.getAsLong();
        nextListMs = nextPollMs;
        log.info(
                "Task {} of {} watching the groups and topics of {} that hash to it{}",
                assignment.task() + 1,
                assignment.tasks(),
                config.bootstrapServers(),
                assignment.cluster() ? ", and the cluster" : "");
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long waitMs = nextPollMs - clock.getAsLong();
        if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        long nowMs = clock.getAsLong();
        nextPollMs = Math.max(nextPollMs + config.pollIntervalMs(), nowMs + 1);
        return collect(nowMs);
    }

    List<SourceRecord> collect(long nowMs) {
        List<SourceRecord> records = new ArrayList<>();
        if (assignment.cluster()) {
            CanaryResult canaryResult = canary == null ? null : canary.measure();
            ClusterHealth cluster = clusterCollector.collect(canaryResult);
            String entity = cluster.reachable() ? cluster.clusterId() : config.bootstrapServers();
            records.add(
                    record(HealthSchemas.KIND_CLUSTER, entity, HealthSchemas.cluster(cluster, entity, nowMs), nowMs));
            if (!cluster.reachable()) {
                log.warn("Cluster at {} unreachable, retrying at the next poll: {}", entity, cluster.error());
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
            log.warn("Topic health not read this poll: {}", AdminCalls.describe(e));
        }
        try {
            for (GroupHealth group : groupCollector.collect(watched.groups(), nowMs)) {
                records.add(record(HealthSchemas.KIND_GROUP, group.group(), HealthSchemas.group(group, nowMs), nowMs));
            }
        } catch (RuntimeException e) {
            log.warn("Consumer groups not read this poll: {}", AdminCalls.describe(e));
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
                        "Task {} of {} now watches {} groups and {} topics",
                        assignment.task() + 1,
                        assignment.tasks(),
                        fresh.groups().size(),
                        fresh.topics().size());
                watched = fresh;
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Cannot list groups and topics of {}, keeping the previous lists: {}",
                    config.bootstrapServers(),
                    AdminCalls.describe(e));
        }
    }

    private SourceRecord record(String kind, String entity, Struct value, long nowMs) {
        return new SourceRecord(
                Map.of(PARTITION_KIND_KEY, kind, PARTITION_ENTITY_KEY, entity),
                Map.of(OFFSET_POLL_TIME_KEY, nowMs),
                config.topic(),
                null,
                HealthSchemas.KEY_SCHEMA,
                entity,
                value.schema(),
                value,
                nowMs);
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (canary != null) {
            canary.close();
        }
        if (admin != null) {
            // Zero timeout: a poll blocked on an unreachable cluster fails at once instead of holding the worker.
            admin.close(Duration.ZERO);
        }
    }
}
