package dev.telemetry.connect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** Reads topics of the embedded broker with a plain consumer that sees only committed transactions. */
public final class TopicRecords {

    public static final Map<String, Object> READ_COMMITTED = Map.of("isolation.level", "read_committed");

    private TopicRecords() {
    }

    /** Waits until at least {@code n} records are in {@code topics}, then returns every record up to their ends. */
    public static List<ConsumerRecord<byte[], byte[]>> awaitAtLeast(EmbeddedKafkaCluster kafka, int n,
                                                                     long timeoutMs, String... topics) {
        kafka.consume(n, timeoutMs, READ_COMMITTED, topics);
        return readAll(kafka, timeoutMs, topics);
    }

    /** Every committed record now in {@code topics}. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafkaCluster kafka, long timeoutMs,
                                                                String... topics) {
        try {
            ConsumerRecords<byte[], byte[]> records = kafka.consumeAll(timeoutMs, READ_COMMITTED, READ_COMMITTED,
                    topics);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records.count());
            records.forEach(all::add);
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + List.of(topics), e);
        }
    }
}
