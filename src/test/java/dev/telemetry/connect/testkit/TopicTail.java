package dev.telemetry.connect.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * A topic read from its beginning by one {@code read_committed} consumer that stays open between reads: each
 * {@link #all()} returns every committed record so far but fetches and converts only those that arrived since the last
 * call. A test that polls a growing topic of large records (a scrape of 12,000 series in parts, the log lines of writer threads) so converts each record
 * once instead of the whole topic at every poll, which on a loaded machine cost more CPU than the connector under test.
 * Test methods that run concurrently may share one.
 */
public final class TopicTail<T> implements AutoCloseable {

    private static final long CATCH_UP_MS = TimeUnit.SECONDS.toMillis(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Function<ConsumerRecord<byte[], byte[]>, T> convert;
    private final List<T> records = new ArrayList<>();
    private List<TopicPartition> partitions = List.of();

    public TopicTail(EmbeddedKafkaCluster kafka, String topic, Function<ConsumerRecord<byte[], byte[]>, T> convert) {
        // No auto-creation: the connector under test creates its topic with its own settings.
        this.consumer = kafka.createConsumer(Map.of(
                "isolation.level", "read_committed",
                "allow.auto.create.topics", "false",
                "enable.auto.commit", "false"));
        this.topic = topic;
        this.convert = convert;
    }

    /** Every committed record of the topic up to its end now, oldest first; empty while the topic does not exist. */
    public synchronized List<T> all() {
        if (partitions.isEmpty() && !assign()) {
            return List.of();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MS);
        while (!caughtUp(ends) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> records.add(convert.apply(record)));
        }
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
