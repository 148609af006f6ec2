package dev.telemetry.connect.source.health;

import java.util.List;

/**
 * One consumer group at one poll: its state and members, its lag summed over {@code topics}, and its partitions most
 * behind ({@code partitionLags}, at most {@code lag.top.partitions} of them) with a count and the summed lag of the
 * partitions with a committed offset left out of that list.
 */
record GroupHealth(
        String group,
        String state,
        int members,
        ConsumerStatus status,
        String statusReason,
        long lagSum,
        long lagMax,
        Double timeLagSeconds,
        int partitionsWithoutOffset,
        List<TopicLag> topics,
        List<PartitionLag> partitionLags,
        int otherPartitions,
        long otherPartitionsLagSum) {}
