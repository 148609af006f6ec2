package dev.telemetry.connect.bench.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A read_committed consumer of its own, beside the sink, that notes when each record of the stream topics became
 * visible to such a consumer: after the source's transaction committed and the broker wrote its markers. Records are
 * named as alert ids name them ({@code topic-partition-offset}), so an alert's line or request finds its record. It
 * fetches with {@code fetch.min.bytes=1}, so a fetch returns as soon as the last stable offset moves.
 */
final class CommittedVisibility implements AutoCloseable {

    /** Per {@code topic-partition}, visibility times indexed by offset: no object per record, so no GC it adds. */
    private final Map<String, OffsetTimes> visibleAtMs = new ConcurrentHashMap<>();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    CommittedVisibility(String bootstrapServers, List<String> topics, int partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-committed-visibility");
        // The kernel's autotuned buffer, as config/connect-distributed.properties gives the sink: a fixed 64 KiB one
        // drops loopback segments when this thread lags, and each drop stalls the connection ~200 ms (the loss probe).
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, "-1");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                assigned.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        thread = new Thread(this::run, "bench-committed-visibility");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    visibleAtMs
                            .computeIfAbsent(record.topic() + "-" + record.partition(), name -> new OffsetTimes())
                            .put(record.offset(), now);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** When the record the alert {@code id} names became visible, or {@code null} if it has not been seen. */
    Long visibleAt(String alertId) {
        int offsetStart = alertId.lastIndexOf('-');
        OffsetTimes times = visibleAtMs.get(alertId.substring(0, offsetStart));
        return times == null ? null : times.get(Long.parseLong(alertId.substring(offsetStart + 1)));
    }

    /** Times by offset in one growing array; 0 marks an offset not seen (a transaction marker, or not yet read). */
    private static final class OffsetTimes {
        private long[] times = new long[1 << 14];

        synchronized void put(long offset, long timeMs) {
            if (offset >= times.length) {
                times = Arrays.copyOf(times, (int) Math.max(offset + 1, 2L * times.length));
            }
            times[(int) offset] = timeMs;
        }

        synchronized Long get(long offset) {
            return offset < times.length && times[(int) offset] != 0 ? times[(int) offset] : null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
