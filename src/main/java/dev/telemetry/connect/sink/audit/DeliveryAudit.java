package dev.telemetry.connect.sink.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.sender.DeliveryNotDurableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of what became of each alert: one structured INFO line per delivery outcome, and, with {@code
 * audit.topic}, one receipt record per outcome written by the task's own producer as the sink's own principal
 * ({@link AuditClientConfig}), so that "was alert X sent, and when?" outlives log rotation. Incident notifications are
 * audited the same way, under their own ids.
 */
public final class DeliveryAudit implements AutoCloseable {

    /** The logger operators route to keep the audit lines; its name does not change with the code's packages. */
    public static final String LOGGER = "dev.telemetry.connect.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    /** What a delivery came to. */
    public enum Result {
        /** The destination accepted it. */
        DELIVERED,
        /** The destination refused it for good; its records went to the error reporter. */
        REJECTED,
        /** The retries ran out; it stays queued and is tried again, with another outcome then. */
        FAILED;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String destination;
    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private final Consumer<String> lines;

    DeliveryAudit(String destination, String topic, Producer<byte[], byte[]> producer) {
        this(destination, topic, producer, DeliveryAudit::logLine);
    }

    /** @param lines where each audit line goes: the audit logger, or a test's list */
    DeliveryAudit(String destination, String topic, Producer<byte[], byte[]> producer, Consumer<String> lines) {
        this.destination = destination;
        this.topic = topic;
        this.producer = producer;
        this.lines = lines;
    }

    private static void logLine(String line) {
        log.info(line);
    }

    /**
     * The audit for a task's configuration: log lines only, or receipts too when {@code audit.topic} is set.
     *
     * @throws ConnectException naming {@code audit.topic} when its producer cannot be made or may not write the topic,
     *     so that a missing grant fails the task at start instead of every later offset commit
     */
    public static DeliveryAudit create(AlertSinkConfig config, Map<String, String> props) {
        return create(config, props, AuditClientConfig.ofWorker(), KafkaProducer::new);
    }

    static DeliveryAudit create(
            AlertSinkConfig config,
            Map<String, String> props,
            Optional<Path> clientConfig,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        String topic = config.getString(AlertSinkConfig.AUDIT_TOPIC_CONFIG);
        String destination = config.destination().configName();
        if (topic.isEmpty()) {
            return new DeliveryAudit(destination, null, null);
        }
        AuditClientConfig.AuditClient client;
        try {
            client = AuditClientConfig.resolve(clientConfig, props);
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage());
        }
        String refusal = AlertSinkConfig.AUDIT_TOPIC_CONFIG + " '" + topic + "' cannot be written by "
                + client.principal() + ": ";
        Producer<byte[], byte[]> producer;
        try {
            producer = producers.apply(durable(client.settings()));
        } catch (KafkaException e) {
            throw new ConnectException(refusal + e.getMessage(), e);
        }
        try {
            // Asks the broker for the topic's partitions as the producer's principal: refused without Describe on it.
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new ConnectException(refusal + e.getMessage(), e);
        }
        return new DeliveryAudit(destination, topic, producer);
    }

    /** The client settings, with receipts written idempotently and acknowledged by all in-sync replicas. */
    static Map<String, Object> durable(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /**
     * Records one outcome of one alert.
     *
     * @param status the last HTTP status of the delivery; 0 when there was none (the file destination, no answer)
     * @param reason why it was rejected or failed; null when delivered
     */
    public void record(Alert alert, Result result, int attempts, int status, Instant at, String reason) {
        lines.accept(line(alert, result, attempts, status, at, reason));
        if (producer != null) {
            byte[] key = alert.id().getBytes(StandardCharsets.UTF_8);
            pending.add(producer.send(
                    new ProducerRecord<>(topic, key, receipt(alert, result, attempts, status, at, reason))));
        }
    }

    /**
     * The audit line: space-separated {@code name=value} fields in a fixed order, the reason last and quoted, with
     * backslashes, quotes and line breaks escaped so that a destination's answer can neither end the line nor forge a
     * field.
     */
    private String line(Alert alert, Result result, int attempts, int status, Instant at, String reason) {
        StringBuilder line = new StringBuilder("alert_delivery alert_id=")
                .append(alert.id())
                .append(" destination=")
                .append(destination)
                .append(" result=")
                .append(result.text())
                .append(" attempts=")
                .append(attempts)
                .append(" status=")
                .append(status)
                .append(" at=")
                .append(at);
        if (reason != null) {
            line.append(" reason=\"");
            for (int i = 0; i < reason.length(); i++) {
                char c = reason.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '"' -> line.append("\\\"");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
            line.append('"');
        }
        return line.toString();
    }

    private byte[] receipt(Alert alert, Result result, int attempts, int status, Instant at, String reason) {
        ObjectNode receipt = Json.object()
                .put("alert_id", alert.id())
                .put("destination", destination)
                .put("result", result.text())
                .put("attempts", attempts)
                .put("status", status)
                .put("at", at.toString());
        if (reason != null) {
            receipt.put("reason", reason);
        }
        ArrayNode records = receipt.putArray("records");
        for (SinkRecord record : alert.records()) {
            records.add(record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset());
        }
        return Json.bytes(receipt);
    }

    /**
     * Waits until every receipt so far is written; called before offsets are committed, so an alert whose records are
     * committed has its receipt.
     *
     * @throws DeliveryNotDurableException when a receipt could not be written: the offsets of the alerts since the last
     *     flush must not be committed, so that they are delivered, and audited, again
     */
    public void flush() throws InterruptedException, DeliveryNotDurableException {
        if (producer == null) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> receipt : pending) {
                receipt.get();
            }
        } catch (ExecutionException e) {
            throw new DeliveryNotDurableException(
                    "Could not write a delivery receipt to " + AlertSinkConfig.AUDIT_TOPIC_CONFIG + " '" + topic + "': "
                            + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pending.clear();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
