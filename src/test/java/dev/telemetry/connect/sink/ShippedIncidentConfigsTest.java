package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import dev.telemetry.connect.sink.sender.AlertSender;
import dev.telemetry.connect.sink.sender.DeliveryResult;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.RecordingSinkTaskContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert sink configs, run by the task on a fake clock, alert in incidents as their comments say: a burst
 * of one service's errors is one firing and, after the shipped silence, one resolved; a consumer group's STALL is one
 * incident that the group's next OK record resolves.
 */
class ShippedIncidentConfigsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private final List<Alert> delivered = new ArrayList<>();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(
            Set.of(new TopicPartition("application_logs", 0), new TopicPartition("kafka_health", 0)), null);
    private Instant now = T0;

    private AlertSinkTask start(String fileName) {
        Map<String, String> config = ConfigFiles.load(fileName);
        AlertSinkTask task = new AlertSinkTask(parsed -> new Recorder(), () -> now, duration -> {});
        task.initialize(context);
        task.start(config);
        return task;
    }

    @Test
    void aBurstOfOneServicesErrorsIsOneFiringThenOneResolvedAfterTheShippedSilence() {
        Map<String, String> shipped = ConfigFiles.load("alert-sink-file.properties");
        AlertSinkTask task = start("alert-sink-file.properties");
        List<SinkRecord> burst = new ArrayList<>();
        for (int offset = 0; offset < 20; offset++) {
            burst.add(SinkRecords.log(
                    "application_logs",
                    0,
                    offset,
                    "critical",
                    "checkout",
                    "boom",
                    T0.plusSeconds(offset).toEpochMilli()));
        }
        task.put(burst);
        assertThat(delivered).extracting(Alert::id).containsExactly("application_logs-0-0/firing");

        // The records arrived at T0; the partition's time is their newest event time moved on by the task's clock,
        // less the allowed lateness. Just short of the shipped resolve.after of silence past that: nothing more.
        long resolveAfterMs = Long.parseLong(shipped.get("incident.resolve.after.ms"))
                + Long.parseLong(shipped.get("incident.allowed.lateness.ms"));
        now = T0.plusMillis(resolveAfterMs - 1_000);
        task.put(List.of());
        assertThat(delivered).hasSize(1);

        now = T0.plusMillis(resolveAfterMs);
        task.put(List.of());
        assertThat(delivered)
                .extracting(Alert::id)
                .containsExactly("application_logs-0-0/firing", "application_logs-0-0/resolved");
        Notification resolved = delivered.get(1).notification();
        assertThat(resolved.count()).isEqualTo(20);
        assertThat(resolved.key()).containsEntry("category", "alert").containsEntry("source", "checkout");
        assertThat(resolved.firstOffset()).isZero();
        assertThat(resolved.lastOffset()).isEqualTo(19);
        task.stop();
    }

    @Test
    void theHealthSinkResolvesAGroupsStallOnItsNextOkRecord() {
        AlertSinkTask task = start("alert-sink-kafka-health.properties");
        task.put(List.of(
                health(0, "OK", "info", "kafka_health", 0),
                health(1, "STALL", "warning", "consumer_lag", 2),
                health(2, "STALL", "warning", "consumer_lag", 4),
                health(3, "ERR", "critical", "consumer_lag", 6),
                health(4, "OK", "info", "kafka_health", 8),
                health(5, "OK", "info", "kafka_health", 10)));

        assertThat(delivered)
                .extracting(Alert::id)
                .containsExactly(
                        "kafka_health-0-1/firing", "kafka_health-0-1/escalation-1", "kafka_health-0-1/resolved");
        Notification resolved = delivered.get(2).notification();
        assertThat(resolved.count()).isEqualTo(3);
        assertThat(resolved.key()).containsExactly(Map.entry("source", "group:connect-slow-sink"));
        // The OK that resolved it is its last covered record.
        assertThat(resolved.lastOffset()).isEqualTo(4);
        assertThat(delivered.get(2).severity().wireName()).isEqualTo("critical");
        task.stop();
    }

    /** A group record as the health source writes it and its shipped ClassifyEvent rules classify it. */
    private static SinkRecord health(long offset, String status, String severity, String category, int second) {
        return SinkRecords.schemaless(
                "kafka_health",
                0,
                offset,
                Map.of(
                        "kind",
                        "group",
                        "group",
                        "connect-slow-sink",
                        "source",
                        "group:connect-slow-sink",
                        "status",
                        status,
                        "severity",
                        severity,
                        "category",
                        category,
                        "timestamp",
                        T0.plusSeconds(second).toEpochMilli()));
    }

    private final class Recorder implements AlertSender {
        @Override
        public DeliveryResult send(List<Alert> alerts) {
            delivered.addAll(alerts);
            return new DeliveryResult(List.of());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
