package dev.telemetry.connect.source.health;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Xinfra-Monitor-style canary: at each poll, produces a few messages stamped with this instance's id and the send
 * time, consumes them back and measures produce-to-consume latency. Messages of other instances are ignored.
 */
final class Canary implements AutoCloseable {

    /** Makes the canary's producer and consumer from their properties. */
    interface Clients {
        Producer<byte[], byte[]> producer(Map<String, Object> props);

        Consumer<byte[], byte[]> consumer(Map<String, Object> props);
    }

    private static final Clients KAFKA_CLIENTS = new Clients() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> props) {
            return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> props) {
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
    };

    private final Clients clients;
    private final Admin admin;
    private final Map<String, Object> clientProps;
    private final String topic;
    private final int messages;
    private final long timeoutMs;
    private final long requestTimeoutMs;
    private final long instanceId = ThreadLocalRandom.current().nextLong();
    private final ReentrantLock inUse = new ReentrantLock();

    private volatile boolean closed;
    private boolean ready;
    private Producer<byte[], byte[]> producer;
    private Consumer<byte[], byte[]> consumer;

    Canary(
            Admin admin,
            Map<String, Object> clientProps,
            String topic,
            int messages,
            long timeoutMs,
            long requestTimeoutMs) {
        this(KAFKA_CLIENTS, admin, clientProps, topic, messages, timeoutMs, requestTimeoutMs);
    }

    Canary(
            Clients clients,
            Admin admin,
            Map<String, Object> clientProps,
            String topic,
            int messages,
            long timeoutMs,
            long requestTimeoutMs) {
        this.clients = clients;
        this.admin = admin;
        this.clientProps = clientProps;
        this.topic = topic;
        this.messages = messages;
        this.timeoutMs = timeoutMs;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    CanaryResult measure() {
        inUse.lock();
        try {
            if (closed) {
                return new CanaryResult(false, 0, 0, null, null, null, "canary closed");
            }
            ensureClients();
            List<Future<?>> sends = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                byte[] value = ByteBuffer.allocate(16)
                        .putLong(instanceId)
                        .putLong(System.nanoTime())
                        .array();
                sends.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            producer.flush();
            for (Future<?> send : sends) {
                send.get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            List<Double> latencies = receive();
            if (latencies.isEmpty()) {
                return new CanaryResult(
                        true,
                        messages,
                        0,
                        null,
                        null,
                        null,
                        "produced, but nothing consumed back within " + timeoutMs + " ms");
            }
            latencies.sort(null);
            return new CanaryResult(
                    true,
                    messages,
                    latencies.size(),
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies.get(latencies.size() - 1),
                    latencies.size() < messages ? latencies.size() + " of " + messages + " consumed back" : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CanaryResult(false, messages, 0, null, null, null, "interrupted");
        } catch (ExecutionException e) {
            return new CanaryResult(false, messages, 0, null, null, null, AdminCalls.describe(e.getCause()));
        } catch (RuntimeException | TimeoutException e) {
            return new CanaryResult(false, messages, 0, null, null, null, AdminCalls.describe(e));
        } finally {
            if (closed) {
                closeClients();
            }
            inUse.unlock();
        }
    }

    private List<Double> receive() {
        List<Double> latencies = new ArrayList<>(messages);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (latencies.size() < messages && System.nanoTime() < deadline && !closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.value() != null && record.value().length == 16) {
                        ByteBuffer value = ByteBuffer.wrap(record.value());
                        if (value.getLong() == instanceId) {
                            latencies.add((now - value.getLong()) / 1_000_000.0);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer: report what arrived so far.
        }
        return latencies;
    }

    /**
     * Creates the topic and clients once; a failure on the way closes what was made, so the next poll starts over
     * instead of using a consumer that was never assigned the topic.
     */
    private void ensureClients() throws InterruptedException, ExecutionException, TimeoutException {
        if (ready) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
                    .all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        try {
            Map<String, Object> producerProps = new HashMap<>(clientProps);
            producerProps.put("acks", "all");
            producerProps.put("linger.ms", 0);
            producerProps.put("max.block.ms", timeoutMs);
            // The producer refuses a delivery timeout below its request timeout (plus linger).
            producerProps.put("delivery.timeout.ms", (int) Math.min(Integer.MAX_VALUE, requestTimeoutMs + timeoutMs));
            producerProps.remove("default.api.timeout.ms");
            producer = clients.producer(producerProps);
            Map<String, Object> consumerProps = new HashMap<>(clientProps);
            consumerProps.put("enable.auto.commit", false);
            consumer = clients.consumer(consumerProps);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofMillis(timeoutMs))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no partitions of " + topic + " in the cluster metadata yet");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready = true;
        } finally {
            if (!ready) {
                closeClients();
            }
        }
    }

    private static double percentile(List<Double> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    @Override
    public void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (inUse.tryLock()) {
            try {
                closeClients();
            } finally {
                inUse.unlock();
            }
        }
    }

    private void closeClients() {
        ready = false;
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (consumer != null) {
            WorkerClientsApi.closeNow(consumer);
            consumer = null;
        }
    }
}
