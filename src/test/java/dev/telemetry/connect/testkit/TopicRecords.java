package dev.telemetry.connect.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.test.TestUtils;

/** Reads topics of the embedded broker with a plain consumer that sees only committed transactions. */
public final class TopicRecords {

    public static final Map<String, Object> READ_COMMITTED = Map.of("isolation.level", "read_committed");

    private TopicRecords() {}

    /** Waits until at least {@code n} records are in {@code topics}, then returns every record up to their ends. */
    public static List<ConsumerRecord<byte[], byte[]>> awaitAtLeast(
            EmbeddedKafkaCluster kafka, int n, long timeoutMs, String... topics) {
        kafka.consume(n, timeoutMs, READ_COMMITTED, topics);
        return readAll(kafka, timeoutMs, topics);
    }

    /** Every committed record now in {@code topics}. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            EmbeddedKafkaCluster kafka, long timeoutMs, String... topics) {
        try {
            ConsumerRecords<byte[], byte[]> records =
                    kafka.consumeAll(timeoutMs, READ_COMMITTED, READ_COMMITTED, topics);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records.count());
            records.forEach(all::add);
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + List.of(topics), e);
        }
    }

    /**
     * Waits until consumer group {@code groupId} (a sink connector's is {@code connect-<name>}) has committed, on every
     * partition of {@code topics}, the offset right after the last committed record now there: the sink has been
     * handed every record. (Not the log end: a sink commits the offset after its last record, and in a topic written
     * with transactions the commit marker that follows it is never delivered.)
     */
    public static void awaitGroupCaughtUp(EmbeddedKafkaCluster kafka, String groupId, long timeoutMs, String... topics)
            throws InterruptedException {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(kafka, timeoutMs, topics)) {
            ends.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        try (Admin admin = kafka.createAdminClient()) {
            TestUtils.waitForCondition(
                    () -> behind(admin, groupId, ends) == 0,
                    timeoutMs,
                    () -> "Consumer group " + groupId + " did not catch up on " + List.of(topics));
        }
    }

    private static long behind(Admin admin, String groupId, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            behind += Math.max(0, end.getValue() - (position == null ? 0 : position.offset()));
        }
        return behind;
    }
}
