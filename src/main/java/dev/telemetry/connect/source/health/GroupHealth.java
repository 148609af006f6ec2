package dev.telemetry.connect.source.health;

import java.util.List;

/** One consumer group at one poll: its state and members, and its lag summed over {@code topics}. */
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
        List<TopicLag> topics) {}
