package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The canary against in-memory clients whose consumer loops back what the producer sends, so that one failing call
 * can be placed exactly where a real cluster fails it only by chance.
 */
class CanaryTest {

    private static final String TOPIC = "canary";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Node BROKER = new Node(0, "127.0.0.1", 9092);
    private static final PartitionInfo PARTITION_INFO =
            new PartitionInfo(TOPIC, 0, BROKER, new Node[] {BROKER}, new Node[] {BROKER});

    /** Clients that fail {@code partitionsFor} as often as asked, then work; each consumer made is kept. */
    private static final class LoopbackClients implements Canary.Clients {
        private final AtomicInteger partitionsForFailures;
        private MockConsumer<byte[], byte[]> consumer;
        private long nextOffset;

        LoopbackClients(int partitionsForFailures) {
            this.partitionsForFailures = new AtomicInteger(partitionsForFailures);
        }

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> props) {
            Cluster cluster = new Cluster("mock", List.of(BROKER), List.of(PARTITION_INFO), Set.of(), Set.of());
            return new MockProducer<>(
                    cluster, true, new RoundRobinPartitioner(), new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(
                        ProducerRecord<byte[], byte[]> record, Callback callback) {
                    Future<RecordMetadata> sent = super.send(record, callback);
                    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, nextOffset++, record.key(), record.value()));
                    return sent;
                }
            };
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> props) {
            consumer = new MockConsumer<>("latest") {
                @Override
                public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
                    if (partitionsForFailures.getAndDecrement() > 0) {
                        throw new TimeoutException("Timeout expired while fetching topic metadata");
                    }
                    return super.partitionsFor(topic, timeout);
                }
            };
            consumer.updatePartitions(TOPIC, List.of(PARTITION_INFO));
            consumer.updateEndOffsets(Map.of(PARTITION, nextOffset));
            return consumer;
        }
    }

    private static Canary canary(LoopbackClients clients) {
        return new Canary(clients, new MockAdminClient(List.of(BROKER), BROKER), Map.of(), TOPIC, 3, 2_000, 1_000);
    }

    @Test
    void measuresTheLatencyOfEveryMessageItSent() {
        try (Canary canary = canary(new LoopbackClients(0))) {
            CanaryResult result = canary.measure();
            assertThat(result.error()).isNull();
            assertThat(result.received()).isEqualTo(3);
            assertThat(result.p50Ms()).isNotNull().isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void recoversAtTheNextPollWhenReadingTheTopicsPartitionsFailedOnce() {
        try (Canary canary = canary(new LoopbackClients(1))) {
            CanaryResult failed = canary.measure();
            assertThat(failed.produced()).isFalse();
            assertThat(failed.error()).contains("TimeoutException");

            CanaryResult recovered = canary.measure();
            assertThat(recovered.error()).as(recovered.toString()).isNull();
            assertThat(recovered.produced()).isTrue();
            assertThat(recovered.received()).isEqualTo(3);
        }
    }
}
