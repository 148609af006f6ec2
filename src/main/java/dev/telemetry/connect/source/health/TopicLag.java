package dev.telemetry.connect.source.health;

/** One consumer group's lag on one topic: sums and maxima over its partitions, and the worst partition's status. */
record TopicLag(
        String topic,
        int partitions,
        int partitionsWithoutOffset,
        long lagSum,
        long lagMax,
        Double timeLagSeconds,
        ConsumerStatus status,
        String statusReason) {}
