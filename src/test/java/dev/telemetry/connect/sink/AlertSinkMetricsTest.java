package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.sender.AlertSender;
import dev.telemetry.connect.sink.sender.DeliveryResult;
import dev.telemetry.connect.testkit.RecordingSinkTaskContext;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertSinkMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Duration REQUEST_TIME = Duration.ofMillis(5);

    private final TestPluginMetrics worker = new TestPluginMetrics("connector", "alerts", "task", "0");
    private Instant now = T0;
    /** Attempts that fail before the sender delivers. */
    private int failuresToCome;

    @AfterEach
    void closeMetrics() throws Exception {
        worker.close();
    }

    /** Takes {@link #REQUEST_TIME} of the test's clock per attempt. */
    private final AlertSender sender = new AlertSender() {
        @Override
        public DeliveryResult send(List<Alert> alerts) throws TransientFailureException {
            now = now.plus(REQUEST_TIME);
            if (failuresToCome > 0) {
                failuresToCome--;
                throw new TransientFailureException("HTTP 503", null);
            }
            return new DeliveryResult(List.of());
        }

        @Override
        public void close() {}
    };

    private AlertSinkTask start(Map<String, String> overrides) {
        AlertSinkTask task = new AlertSinkTask(config -> sender, () -> now, wait -> {});
        task.initialize(new RecordingSinkTaskContext(Set.of(new TopicPartition("alerts", 0)), worker.pluginMetrics()));
        Map<String, String> props = new HashMap<>(Map.of(
                "destination", "file",
                "file.path", "/tmp/unused.jsonl",
                "batch.max.size", "2",
                "batch.max.wait.ms", "1000",
                "retry.max.attempts", "3",
                "retry.backoff.ms", "10",
                "retry.backoff.max.ms", "40"));
        props.putAll(overrides);
        task.start(props);
        return task;
    }

    private static SinkRecord record(long offset, String severity) {
        return SinkRecords.log("alerts", 0, offset, severity, "svc", "boom " + offset, T0.toEpochMilli());
    }

    @Test
    void countsDeliveriesRetriesAndFilteredRecordsAndMeasuresLatenciesOnTheTasksClock() {
        AlertSinkTask task = start(Map.of("min.severity", "warning"));
        now = T0.plusSeconds(2);
        failuresToCome = 1;

        task.put(List.of(record(0, "critical"), record(1, "info"), record(2, "warning")));

        assertThat(worker.value("alerts-delivered-total")).isEqualTo(2.0);
        assertThat(worker.value("records-below-min-severity-total")).isEqualTo(1.0);
        assertThat(worker.value("delivery-retries-total")).isEqualTo(1.0);
        assertThat(worker.value("delivery-failures-total", "reason", "transient"))
                .isZero();
        assertThat(worker.value("batch-size-avg")).isEqualTo(2.0);
        assertThat(worker.value("batch-size-max")).isEqualTo(2.0);
        assertThat(worker.value("request-time-max")).isEqualTo(5.0);
        assertThat(worker.value("request-time-avg")).isEqualTo(5.0);
        // Event time T0, delivered after two attempts of 5 ms at T0 + 2 s.
        assertThat(worker.value("delivery-latency-max")).isEqualTo(2_010.0);
        assertThat(worker.value("delivery-latency-p99")).isBetween(1_900.0, 2_100.0);
        assertThat(worker.value("records-dlq-total")).isZero();
        assertThat(worker.value("alerts-rejected-total")).isZero();
        assertThat(worker.value("alerts-folded-total")).isZero();
        assertThat(worker.value("oldest-undelivered-age")).isZero();
        assertThat(worker.has("incidents-fired-total")).isFalse();
    }

    @Test
    void theOldestUndeliveredAlertAgesOnTheClockAndFailedBatchesCountByReason() {
        AlertSinkTask task = start(Map.of());
        task.put(List.of(record(0, "critical")));
        now = now.plusMillis(300);

        assertThat(worker.value("oldest-undelivered-age")).isEqualTo(300.0);

        failuresToCome = 3;
        now = now.plusSeconds(1);
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(RetriableException.class);

        assertThat(worker.value("delivery-failures-total", "reason", "transient"))
                .isEqualTo(1.0);
        assertThat(worker.value("delivery-failures-total", "reason", "refused")).isZero();
        assertThat(worker.value("delivery-failures-total", "reason", "out_of_time"))
                .isZero();
        assertThat(worker.value("delivery-retries-total")).isEqualTo(2.0);
        assertThat(worker.value("alerts-delivered-total")).isZero();
        // Still queued, since T0.
        assertThat(worker.value("oldest-undelivered-age")).isEqualTo(1_315.0);
    }
}
