package dev.telemetry.connect.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AlertBatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final AlertFactory factory =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    private Alert alert(int partition, long offset) {
        return factory.create(SinkRecords.log("alerts", partition, offset, "critical", "svc", "boom", 0));
    }

    @Test
    void aFullBatchIsDueAtOnceAndStaysQueuedUntilDelivered() {
        AlertBatcher batcher = new AlertBatcher(3, Duration.ofSeconds(5));
        for (long offset = 0; offset < 4; offset++) {
            batcher.add(alert(0, offset), T0);
        }
        assertThat(batcher.hasDueBatch(T0)).isTrue();
        assertThat(batcher.nextBatch()).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-0-1", "alerts-0-2");
        assertThat(batcher.nextBatch()).hasSize(3);
        batcher.removeDelivered(3);
        assertThat(batcher.nextBatch()).extracting(Alert::id).containsExactly("alerts-0-3");
        assertThat(batcher.hasDueBatch(T0)).isFalse();
    }

    @Test
    void aPartialBatchIsDueWhenItsOldestAlertHasWaited() {
        AlertBatcher batcher = new AlertBatcher(100, Duration.ofMillis(500));
        assertThat(batcher.untilDue(T0)).isNull();
        batcher.add(alert(0, 0), T0);
        batcher.add(alert(0, 1), T0.plusMillis(300));
        assertThat(batcher.untilDue(T0.plusMillis(300))).isEqualTo(Duration.ofMillis(200));
        assertThat(batcher.hasDueBatch(T0.plusMillis(499))).isFalse();
        assertThat(batcher.hasDueBatch(T0.plusMillis(500))).isTrue();
    }

    @Test
    void withNoWaitAPartialBatchIsDueAsSoonAsItIsQueued() {
        AlertBatcher batcher = new AlertBatcher(100, Duration.ZERO);
        assertThat(batcher.hasDueBatch(T0)).isFalse();
        batcher.add(alert(0, 0), T0);
        batcher.add(alert(1, 0), T0);
        assertThat(batcher.hasDueBatch(T0)).isTrue();
        assertThat(batcher.untilDue(T0)).isEqualTo(Duration.ZERO);
        assertThat(batcher.nextBatch()).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-1-0");
        batcher.removeDelivered(2);
        assertThat(batcher.hasDueBatch(T0)).isFalse();
        assertThat(batcher.untilDue(T0)).isNull();
    }

    @Test
    void forgetsAlertsOfRevokedPartitions() {
        AlertBatcher batcher = new AlertBatcher(10, Duration.ofSeconds(1));
        batcher.add(alert(0, 0), T0);
        batcher.add(alert(1, 0), T0);
        batcher.forget(List.of(new TopicPartition("alerts", 0)));
        assertThat(batcher.nextBatch()).extracting(Alert::id).containsExactly("alerts-1-0");
    }
}
