package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lag and status of consumer groups, as {@code kafka-consumer-groups.sh --describe} reads them (committed offsets
 * from {@code listConsumerGroupOffsets}, end offsets from {@code listOffsets}), plus the state that makes a status:
 * each group's commit window per partition, and each partition's end-offset samples for time lag. The state covers
 * the groups watched and their partitions; a failed read forgets nothing.
 */
final class GroupLagCollector {

    private static final Logger log = LoggerFactory.getLogger(GroupLagCollector.class);

    private final Admin admin;
    private final long timeoutMs;
    private final int windowSize;
    private final long errorAfterMs;
    private final int timeLagSamples;
    private final int topPartitions;
    private final Map<String, Map<TopicPartition, PartitionWindow>> windows = new HashMap<>();
    private final Map<TopicPartition, TimeLagTable> timeLags = new HashMap<>();

    GroupLagCollector(
            Admin admin, long timeoutMs, int windowSize, long errorAfterMs, int timeLagSamples, int topPartitions) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
        this.windowSize = windowSize;
        this.errorAfterMs = errorAfterMs;
        this.timeLagSamples = timeLagSamples;
        this.topPartitions = topPartitions;
    }

    /** A group as read at one poll: state, members' assignments and committed offsets. */
    record GroupSnapshot(
            String group,
            String state,
            int members,
            Set<TopicPartition> assigned,
            Map<TopicPartition, Long> committed) {}

    /** Health of each group that still exists; a group deleted since it was listed is skipped. */
    List<GroupHealth> collect(Collection<String> groups, long nowMs) {
        if (groups.isEmpty()) {
            windows.clear();
            timeLags.clear();
            return List.of();
        }
        List<GroupSnapshot> snapshots = snapshots(groups);
        Set<TopicPartition> partitions = new HashSet<>();
        snapshots.forEach(s -> {
            partitions.addAll(s.assigned());
            partitions.addAll(s.committed().keySet());
        });
        return evaluate(groups, snapshots, endOffsets(partitions), nowMs);
    }

    /**
     * Updates the state with what one poll read of {@code groups}: a snapshot per group read, and the end offsets of
     * their partitions that could be read. A group or partition this poll failed to read keeps its window and time
     * lag samples (a poll that fails must not make a stopped group look new); only groups no longer watched and
     * partitions a group no longer has are forgotten.
     */
    List<GroupHealth> evaluate(
            Collection<String> groups, List<GroupSnapshot> snapshots, Map<TopicPartition, Long> ends, long nowMs) {
        ends.forEach((tp, end) -> timeLags.computeIfAbsent(tp, p -> new TimeLagTable(timeLagSamples))
                .record(nowMs, end));
        List<GroupHealth> result = new ArrayList<>(snapshots.size());
        Set<TopicPartition> live = new HashSet<>(ends.keySet());
        for (GroupSnapshot snapshot : snapshots) {
            result.add(evaluate(snapshot, ends, nowMs));
            live.addAll(snapshot.assigned());
        }
        windows.keySet().retainAll(new HashSet<>(groups));
        windows.values().forEach(groupWindows -> live.addAll(groupWindows.keySet()));
        timeLags.keySet().retainAll(live);
        return result;
    }

    private List<GroupSnapshot> snapshots(Collection<String> groups) {
        Map<String, KafkaFuture<ConsumerGroupDescription>> described =
                admin.describeConsumerGroups(groups).describedGroups();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(specs);
        List<GroupSnapshot> snapshots = new ArrayList<>(groups.size());
        AdminCalls.AdminCallException failure = null;
        for (String group : groups) {
            try {
                ConsumerGroupDescription description =
                        AdminCalls.await(described.get(group), timeoutMs, "describeConsumerGroups " + group);
                Map<TopicPartition, OffsetAndMetadata> committed = AdminCalls.await(
                        offsets.partitionsToOffsetAndMetadata(group), timeoutMs, "listConsumerGroupOffsets " + group);
                Set<TopicPartition> assigned = new HashSet<>();
                for (MemberDescription member : description.members()) {
                    assigned.addAll(member.assignment().topicPartitions());
                }
                Map<TopicPartition, Long> committedOffsets = new HashMap<>();
                committed.forEach((tp, om) -> {
                    if (om != null) {
                        committedOffsets.put(tp, om.offset());
                    }
                });
                snapshots.add(new GroupSnapshot(
                        group,
                        WorkerClientsApi.groupState(description),
                        description.members().size(),
                        assigned,
                        committedOffsets));
            } catch (AdminCalls.AdminCallException e) {
                // Usually a group deleted since it was listed; the next list refresh drops it.
                log.debug("Skipping consumer group {} this poll: {}", group, e.getMessage());
                failure = e;
            }
        }
        if (snapshots.isEmpty() && failure != null) {
            throw failure;
        }
        return snapshots;
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (partitions.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(specs);
        for (TopicPartition tp : partitions) {
            try {
                ends.put(
                        tp,
                        AdminCalls.await(result.partitionResult(tp), timeoutMs, "listOffsets " + tp)
                                .offset());
            } catch (AdminCalls.AdminCallException e) {
                log.warn("No end offset for {} this poll: {}", tp, e.getMessage());
            }
        }
        return ends;
    }

    private GroupHealth evaluate(GroupSnapshot snapshot, Map<TopicPartition, Long> ends, long nowMs) {
        Map<TopicPartition, PartitionWindow> groupWindows =
                windows.computeIfAbsent(snapshot.group(), g -> new HashMap<>());
        Map<String, TopicAccumulator> topics = new TreeMap<>();
        List<PartitionLag> partitionLags = new ArrayList<>();
        Set<TopicPartition> all = new HashSet<>(snapshot.assigned());
        all.addAll(snapshot.committed().keySet());
        for (TopicPartition tp : all) {
            TopicAccumulator topic = topics.computeIfAbsent(tp.topic(), TopicAccumulator::new);
            topic.partitions++;
            Long committed = snapshot.committed().get(tp);
            Long end = ends.get(tp);
            if (committed == null) {
                topic.withoutOffset++;
                continue;
            }
            if (end == null) {
                continue;
            }
            PartitionWindow window = groupWindows.computeIfAbsent(tp, p -> new PartitionWindow(windowSize));
            window.observe(nowMs, committed, end);
            StatusEvaluation status = ConsumerStatusEvaluator.evaluate(
                    window.commits(),
                    windowSize,
                    nowMs,
                    committed,
                    end,
                    snapshot.assigned().contains(tp),
                    errorAfterMs);
            long lag = Math.max(0, end - committed);
            OptionalDouble timeLag = timeLags.get(tp).lagSeconds(nowMs, committed);
            topic.add(tp.partition(), lag, timeLag, status);
            partitionLags.add(new PartitionLag(
                    tp.topic(),
                    tp.partition(),
                    committed,
                    end,
                    lag,
                    timeLag.isPresent() ? timeLag.getAsDouble() : null,
                    status.status()));
        }
        groupWindows.keySet().retainAll(snapshot.committed().keySet());

        List<TopicLag> topicLags = new ArrayList<>(topics.size());
        ConsumerStatus status = ConsumerStatus.OK;
        String reason = all.isEmpty() ? "no committed offsets and no assigned partitions" : "caught up";
        boolean anyReason = false;
        long lagSum = 0;
        long lagMax = 0;
        Double timeLag = null;
        int withoutOffset = 0;
        for (TopicAccumulator topic : topics.values()) {
            TopicLag lag = topic.toTopicLag();
            topicLags.add(lag);
            if (!anyReason || lag.status().ordinal() > status.ordinal()) {
                status = status.worse(lag.status());
                reason = lag.statusReason();
                anyReason = true;
            }
            lagSum += lag.lagSum();
            lagMax = Math.max(lagMax, lag.lagMax());
            timeLag = max(timeLag, lag.timeLagSeconds());
            withoutOffset += lag.partitionsWithoutOffset();
        }
        partitionLags.sort(PartitionLag.MOST_BEHIND_FIRST);
        int shown = Math.min(topPartitions, partitionLags.size());
        long otherLagSum = 0;
        for (PartitionLag other : partitionLags.subList(shown, partitionLags.size())) {
            otherLagSum += other.lag();
        }
        return new GroupHealth(
                snapshot.group(),
                snapshot.state(),
                snapshot.members(),
                status,
                reason,
                lagSum,
                lagMax,
                timeLag,
                withoutOffset,
                topicLags,
                List.copyOf(partitionLags.subList(0, shown)),
                partitionLags.size() - shown,
                otherLagSum);
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    /** Sums one group's partitions of one topic; the worst partition gives the topic's status and reason. */
    private static final class TopicAccumulator {
        private final String topic;
        private int partitions;
        private int withoutOffset;
        private long lagSum;
        private long lagMax;
        private Double timeLag;
        private ConsumerStatus status = ConsumerStatus.OK;
        private String reason;

        TopicAccumulator(String topic) {
            this.topic = topic;
        }

        void add(int partition, long lag, OptionalDouble partitionTimeLag, StatusEvaluation evaluation) {
            lagSum += lag;
            lagMax = Math.max(lagMax, lag);
            if (partitionTimeLag.isPresent()) {
                timeLag = max(timeLag, partitionTimeLag.getAsDouble());
            }
            if (reason == null || evaluation.status().ordinal() > status.ordinal()) {
                status = evaluation.status();
                reason = topic + "-" + partition + ": " + evaluation.reason();
            }
        }

        TopicLag toTopicLag() {
            String why = reason != null
                    ? reason
                    : topic + ": " + withoutOffset + " of " + partitions + " partitions without a committed offset";
            return new TopicLag(topic, partitions, withoutOffset, lagSum, lagMax, timeLag, status, why);
        }
    }
}
