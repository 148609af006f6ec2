package dev.telemetry.connect.source.health;

/** Replication and throughput of one topic at one poll; {@code messagesInPerSec} is null until a second poll. */
record TopicHealth(
        String topic,
        int partitions,
        int replicationFactor,
        int underReplicatedPartitions,
        int offlinePartitions,
        int underMinIsrPartitions,
        Integer minInsyncReplicas,
        Double messagesInPerSec,
        long endOffsetSum) {}
