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
        assertThat(dedup.offer(a, T0)).containsExactly(List.of(a));
        assertThat(dedup.held()).isZero();
    }

    @Test
    void foldsRepeatsOfTheWindowIntoOneAlertPerKeyReleasedTogether() {
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(10), List.of("severity", "category", "source"));
        assertThat(dedup.offer(alert(0, 1, "svc", 0), T0)).isEmpty();
        assertThat(dedup.offer(alert(0, 2, "svc", 3_000), T0.plusSeconds(1))).isEmpty();
        assertThat(dedup.offer(alert(0, 3, "other", 4_000), T0.plusSeconds(2))).isEmpty();
        assertThat(dedup.offer(alert(0, 4, "svc", 9_000), T0.plusSeconds(3))).isEmpty();
        assertThat(dedup.held()).isEqualTo(2);
        assertThat(dedup.untilNextRelease(T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(7));
        assertThat(dedup.releaseDue(T0.plusSeconds(9))).isEmpty();

        List<List<Alert>> released = dedup.releaseDue(T0.plusSeconds(10));

        assertThat(released).singleElement().satisfies(window -> {
            assertThat(window).extracting(Alert::id).containsExactly("alerts-0-1", "alerts-0-3");
            Alert folded = window.get(0);
            assertThat(folded.occurrences()).isEqualTo(3);
            assertThat(folded.lastEventTime()).isEqualTo(T0.plusSeconds(9));
            assertThat(folded.records()).extracting(r -> r.kafkaOffset()).containsExactly(1L, 2L, 4L);
            assertThat(window.get(1).occurrences()).isEqualTo(1);
        });
        assertThat(dedup.held()).isZero();
        assertThat(dedup.untilNextRelease(T0.plusSeconds(10))).isNull();
    }

    @Test
    void anEventTimeAWindowAfterTheWindowsFirstClosesItAndOpensTheNext() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"));
        dedup.offer(alert(0, 1, "svc", 0), T0);
        dedup.offer(alert(0, 2, "other", 9_999), T0);
        List<List<Alert>> ready = dedup.offer(alert(0, 3, "svc", 10_000), T0.plusSeconds(1));
        assertThat(ready)
                .singleElement()
                .satisfies(
                        window -> assertThat(window).extracting(Alert::id).containsExactly("alerts-0-1", "alerts-0-2"));
        assertThat(dedup.held()).isEqualTo(1);
        assertThat(dedup.releaseDue(T0.plusSeconds(11)))
                .singleElement()
                .satisfies(window -> assertThat(window).extracting(Alert::id).containsExactly("alerts-0-3"));
    }

    @Test
    void anEventTimeAtTheEndOfTimeFoldsOrClosesWithoutOverflow() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofMillis(Long.MAX_VALUE), List.of("source"));
        dedup.offer(alert(0, 1, "svc", 0), T0);
        Alert farFuture = factory.create(SinkRecords.log(
                "alerts",
                0,
                2,
                "critical",
                "svc",
                "boom",
                Instant.parse("+292278994-08-17T07:12:55.807Z").toEpochMilli()));
        assertThat(dedup.offer(farFuture, T0)).isEmpty();
        assertThat(dedup.held()).isEqualTo(1);
    }

    @Test
    void windowsArePerPartitionAndRevokedOnesAreForgotten() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"));
        dedup.offer(alert(0, 1, "svc", 0), T0);
        dedup.offer(alert(1, 1, "svc", 0), T0);
        assertThat(dedup.held()).isEqualTo(2);
        dedup.forget(List.of(new TopicPartition("alerts", 0)));
        assertThat(dedup.releaseDue(T0.plusSeconds(10)))
                .singleElement()
                .satisfies(window -> assertThat(window).extracting(Alert::id).containsExactly("alerts-1-1"));
    }

    @Test
    void keysOnValueFieldPaths() {
        AlertDeduplicator dedup = new AlertDeduplicator(Duration.ofSeconds(10), List.of("endpoint"));
        dedup.offer(alert(0, 1, "a", 0), T0);
        dedup.offer(alert(0, 2, "b", 1), T0);
        assertThat(dedup.releaseDue(T0.plusSeconds(10)))
                .singleElement()
                .satisfies(window -> assertThat(window)
                        .singleElement()
                        .satisfies(a -> assertThat(a.occurrences()).isEqualTo(2)));
    }
}
