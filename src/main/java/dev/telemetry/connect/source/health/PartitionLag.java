package dev.telemetry.connect.source.health;

import java.util.Comparator;

/** One consumer group's lag on one partition at one poll; {@code timeLagSeconds} is null when it cannot be told. */
record PartitionLag(
        String topic,
        int partition,
        long committedOffset,
        long endOffset,
        long lag,
        Double timeLagSeconds,
        ConsumerStatus status) {

    /** Most behind first: by offset lag, then time lag, then name and number so that equal lags keep one order. */
    static final Comparator<PartitionLag> MOST_BEHIND_FIRST = Comparator.comparingLong(PartitionLag::lag)
            .thenComparing(p -> p.timeLagSeconds() == null ? -1.0 : p.timeLagSeconds())
            .reversed()
            .thenComparing(PartitionLag::topic)
            .thenComparingInt(PartitionLag::partition);
}
