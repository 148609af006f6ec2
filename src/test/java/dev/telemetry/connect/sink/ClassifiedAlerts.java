package dev.telemetry.connect.sink;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** Writes classified log alerts to a topic as JSON with schemas, as the source connector's chain would. */
final class ClassifiedAlerts {

    private final JsonConverter converter = new JsonConverter();

    ClassifiedAlerts() {
        converter.configure(Map.of("schemas.enable", "true"), false);
    }

    /** Produces alert {@code seq} of the logs stream; its message names the seq so tests can find it. */
    void produce(EmbeddedKafkaCluster kafka, String topic, long seq, String severity, String message) {
        produce(kafka, topic, null, seq, severity, message);
    }

    /** Produces alert {@code seq} to one partition, or to the key's when {@code partition} is {@code null}. */
    void produce(
            EmbeddedKafkaCluster kafka, String topic, Integer partition, long seq, String severity, String message) {
        long now = System.currentTimeMillis();
        Struct value = new Struct(SinkRecords.CLASSIFIED_LOG)
                .put("stream", "logs")
                .put("seq", seq)
                .put("timestamp", new Date(now))
                .put("level", severity.equals("critical") ? "ERROR" : "WARNING")
                .put("message", message)
                .put("service", "svc-" + (seq % 3))
                .put("endpoint", "/api/v1/cart")
                .put("severity", severity)
                .put("category", "alert")
                .put("processed_at", new Date(now + 1));
        byte[] json = converter.fromConnectData(topic, SinkRecords.CLASSIFIED_LOG, value);
        kafka.produce(topic, partition, "seq-" + seq, new String(json, StandardCharsets.UTF_8));
    }
}
