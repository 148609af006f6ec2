package dev.telemetry.connect.source.health;

/**
 * Replication, throughput and size of one topic at one poll. The rates and the idle time are as {@link TopicThroughput}
 * tells them; the sizes are null when {@code describeLogDirs} could not be read.
 */
record TopicHealth(
        String topic,
        int partitions,
        int replicationFactor,
        int underReplicatedPartitions,
        int offlinePartitions,
        int underMinIsrPartitions,
        Integer minInsyncReplicas,
        long endOffsetSum,
        TopicThroughput.Rates rates,
        TopicSize size) {}
