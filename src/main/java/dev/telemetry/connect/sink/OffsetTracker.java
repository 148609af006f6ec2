package dev.telemetry.connect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Registers a record; {@code false} when it was already received (Connect hands the same records to {@code put}
     * again after a RetriableException), in which case it must be skipped.
     */
    boolean received(SinkRecord record) {
        Progress progress = partitions.computeIfAbsent(partitionOf(record), tp -> new Progress());
        long offset = record.originalKafkaOffset();
        if (offset < progress.nextOffset) {
            return false;
        }
        progress.nextOffset = offset + 1;
        progress.unsettled.add(offset);
        return true;
    }

    void settled(SinkRecord record) {
        Progress progress = partitions.get(partitionOf(record));
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
            progress.unsettled.removeAll(group.members);
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
        Progress progress = partitions.get(partitionOf(records.get(0)));
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
    }

    private static TopicPartition partitionOf(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    private static final class Progress {
        long nextOffset = -1;
        final TreeSet<Long> unsettled = new TreeSet<>();
        /** Offsets tied together by {@link #settleTogether}, each to its group. */
        final Map<Long, Group> groups = new HashMap<>();
    }

    private static final class Group {
        final Set<Long> pending = new HashSet<>();
        final List<Long> members = new ArrayList<>();
    }
}
