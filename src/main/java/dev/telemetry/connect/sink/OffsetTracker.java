package dev.telemetry.connect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Knows, per partition, which received records are not yet settled (delivered, filtered or reported), so that only
 * offsets below the first unsettled record are committed: a crash or rebalance then redelivers every alert that was
 * not delivered, and none is lost.
 */
final class OffsetTracker {

    private final Map<TopicPartition, Progress> partitions = new HashMap<>();
    /** The partition of the last lookup: records come in runs of one partition, and a key per record showed in the profile. */
    private TopicPartition lastPartition;

    private Progress lastProgress;

    /**
     * Registers a record; {@code false} when it was already received (Connect hands the same records to {@code put}
     * again after a RetriableException), in which case it must be skipped.
     */
    boolean received(SinkRecord record) {
        Progress progress = progressOf(record);
        if (progress == null) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            progress = new Progress();
            partitions.put(partition, progress);
            lastPartition = partition;
            lastProgress = progress;
        }
        long offset = record.originalKafkaOffset();
        if (offset < progress.nextOffset) {
            return false;
        }
        progress.nextOffset = offset + 1;
        progress.unsettled.add(offset);
        return true;
    }

    void settled(SinkRecord record) {
        Progress progress = progressOf(record);
        if (progress == null) {
            return;
        }
        long offset = record.originalKafkaOffset();
        Group group = progress.groups.remove(offset);
        if (group == null) {
            progress.unsettled.remove(offset);
            return;
        }
        group.pending.remove(offset);
        if (group.pending.isEmpty()) {
            group.members.forEach(progress.unsettled::remove);
        }
    }

    /**
     * Ties records of one partition together: none counts as settled until all are, so the committed offset never
     * falls between them (a dedup window: a restart must see all of its records again, or none).
     */
    void settleTogether(List<SinkRecord> records) {
        if (records.size() < 2) {
            return;
        }
        Progress progress = progressOf(records.get(0));
        if (progress == null) {
            return;
        }
        Group group = new Group();
        for (SinkRecord record : records) {
            long offset = record.originalKafkaOffset();
            if (progress.unsettled.contains(offset)) {
                group.pending.add(offset);
                group.members.add(offset);
                progress.groups.put(offset, group);
            }
        }
    }

    /**
     * Offsets safe to commit, per partition the worker has consumed: the first unsettled record's offset, or, when none
     * is unsettled, everything consumed, including records the connector's own transforms (the shipped Filter) dropped
     * before they reached {@code put}. Never past what the worker has consumed: records of a put that threw
     * RetriableException are not yet.
     */
    Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((tp, consumedOffset) -> {
            Progress progress = partitions.get(tp);
            if (progress == null || progress.unsettled.isEmpty()) {
                offsets.put(tp, consumedOffset);
            } else {
                long first = progress.unsettled.first();
                offsets.put(tp, first <= consumedOffset.offset() ? new OffsetAndMetadata(first) : consumedOffset);
            }
        });
        return offsets;
    }

    /** The partitions this tracker holds progress for. */
    Set<TopicPartition> partitions() {
        return Set.copyOf(partitions.keySet());
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
        lastPartition = null;
        lastProgress = null;
    }

    /** The progress of the partition a record was consumed from, or {@code null} when none is held. */
    private Progress progressOf(SinkRecord record) {
        String topic = record.originalTopic();
        int partition = record.originalKafkaPartition();
        if (lastPartition != null
                && lastPartition.partition() == partition
                && lastPartition.topic().equals(topic)) {
            return lastProgress;
        }
        TopicPartition key = new TopicPartition(topic, partition);
        Progress progress = partitions.get(key);
        if (progress != null) {
            lastPartition = key;
            lastProgress = progress;
        }
        return progress;
    }

    private static final class Progress {
        long nextOffset = -1;
        final UnsettledOffsets unsettled = new UnsettledOffsets();
        /** Offsets tied together by {@link #settleTogether}, each to its group. */
        final Map<Long, Group> groups = new HashMap<>();
    }

    private static final class Group {
        final Set<Long> pending = new HashSet<>();
        final List<Long> members = new ArrayList<>();
    }
}
