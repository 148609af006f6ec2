package dev.telemetry.connect.source.health;

import java.util.Collection;

/**
 * A topic's size on disk, one replica per partition counted: the summed size, the largest partition, and the skew
 * (the largest partition over the mean partition: 1.0 when even, the partition count when one holds everything; null
 * when the topic is empty).
 */
record TopicSize(long bytes, long partitionMaxBytes, Double partitionSkew) {

    static TopicSize of(Collection<Long> partitionSizes, int partitions) {
        long sum = 0;
        long max = 0;
        for (long size : partitionSizes) {
            sum += size;
            max = Math.max(max, size);
        }
        Double skew = sum == 0 || partitions == 0 ? null : max / ((double) sum / partitions);
        return new TopicSize(sum, max, skew);
    }
}
