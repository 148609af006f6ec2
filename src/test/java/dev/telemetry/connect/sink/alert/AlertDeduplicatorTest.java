package dev.telemetry.connect.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDeduplicatorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final AlertFactory factory =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    private Alert alert(int partition, long offset, String service, long eventOffsetMs) {
        return factory.create(SinkRecords.log(
                "alerts", partition, offset, "critical", service, "boom", T0.toEpochMilli() + eventOffsetMs));
    }

    @Test
    void windowZeroPassesEveryAlertStraightThrough() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ZERO, List.of("severity", "category", "source"));
        Alert a = alert(0, 1, "svc", 0);
        assertThat(dedup.offer(a, T0)).containsExactly(a);
        assertThat(dedup.held()).isZero();
    }

    @Test
    void foldsRepeatsInsideTheWindowIntoOneAlertWithTheCount() {
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(10), List.of("severity", "category", "source"));
        assertThat(dedup.offer(alert(0, 1, "svc", 0), T0)).isEmpty();
        assertThat(dedup.offer(alert(0, 2, "svc", 3_000), T0.plusSeconds(1))).isEmpty();
        assertThat(dedup.offer(alert(0, 3, "other", 4_000), T0.plusSeconds(2))).isEmpty();
        assertThat(dedup.offer(alert(0, 4, "svc", 9_000), T0.plusSeconds(3))).isEmpty();
        assertThat(dedup.untilNextRelease(T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(7));

        List<Alert> released = dedup.releaseDue(T0.plusSeconds(10));

        assertThat(released).hasSize(1);
        Alert folded = released.get(0);
        assertThat(folded.id()).isEqualTo("alerts-0-1");
        assertThat(folded.occurrences()).isEqualTo(3);
        assertThat(folded.lastEventTime()).isEqualTo(T0.plusSeconds(9));
        assertThat(folded.records()).extracting(r -> r.kafkaOffset()).containsExactly(1L, 2L, 4L);
        assertThat(dedup.releaseDue(T0.plusSeconds(12))).extracting(Alert::id).containsExactly("alerts-0-3");
        assertThat(dedup.held()).isZero();
    }

    @Test
    void aRepeatOutsideTheWindowReleasesTheOldFoldAndOpensANewOne() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"));
        dedup.offer(alert(0, 1, "svc", 0), T0);
        List<Alert> ready = dedup.offer(alert(0, 2, "svc", 15_000), T0.plusSeconds(1));
        assertThat(ready).extracting(Alert::id).containsExactly("alerts-0-1");
        assertThat(dedup.held()).isEqualTo(1);
    }

    @Test
    void neverFoldsAcrossPartitionsAndForgetsRevokedOnes() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"));
        dedup.offer(alert(0, 1, "svc", 0), T0);
        dedup.offer(alert(1, 1, "svc", 0), T0);
        assertThat(dedup.held()).isEqualTo(2);
        dedup.forget(List.of(new org.apache.kafka.common.TopicPartition("alerts", 0)));
        assertThat(dedup.releaseDue(T0.plusSeconds(10))).extracting(Alert::id).containsExactly("alerts-1-1");
    }

    @Test
    void keysOnValueFieldPaths() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("endpoint"));
        dedup.offer(alert(0, 1, "a", 0), T0);
        dedup.offer(alert(0, 2, "b", 1), T0);
        assertThat(dedup.releaseDue(T0.plusSeconds(10)))
                .singleElement()
                .satisfies(a -> assertThat(a.occurrences()).isEqualTo(2));
    }
}
