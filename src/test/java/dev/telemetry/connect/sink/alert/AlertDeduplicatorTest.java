package dev.telemetry.connect.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AlertDeduplicatorTest {

    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final AlertFactory factory =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    private Alert alert(int partition, long offset, String service, long eventOffsetMs) {
        return factory.create(SinkRecords.log(
                "alerts", partition, offset, "critical", service, "boom", T0.toEpochMilli() + eventOffsetMs));
    }

    @Test
    void windowZeroPassesEveryAlertStraightThrough() {
        AlertDeduplicator dedup = new AlertDeduplicator(
                Duration.ZERO, List.of("severity", "category", "source"), UNBOUNDED, Long.MAX_VALUE);
        Alert a = alert(0, 1, "svc", 0);
        assertThat(dedup.offer(a, T0)).containsExactly(List.of(a));
        assertThat(dedup.held()).isZero();
    }

    @Test
    void foldsRepeatsOfTheWindowIntoOneAlertPerKeyReleasedTogether() {
        AlertDeduplicator dedup = new AlertDeduplicator(
                Duration.ofSeconds(10), List.of("severity", "category", "source"), UNBOUNDED, Long.MAX_VALUE);
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
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"), UNBOUNDED, Long.MAX_VALUE);
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
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofMillis(Long.MAX_VALUE), List.of("source"), UNBOUNDED, Long.MAX_VALUE);
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
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(10), List.of("source"), UNBOUNDED, Long.MAX_VALUE);
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
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(10), List.of("endpoint"), UNBOUNDED, Long.MAX_VALUE);
        dedup.offer(alert(0, 1, "a", 0), T0);
        dedup.offer(alert(0, 2, "b", 1), T0);
        assertThat(dedup.releaseDue(T0.plusSeconds(10)))
                .singleElement()
                .satisfies(window -> assertThat(window)
                        .singleElement()
                        .satisfies(a -> assertThat(a.occurrences()).isEqualTo(2)));
    }

    @Test
    void aStormReleasesEachWindowAtTheRecordBoundAndDropsNothing() {
        int storm = 20_000;
        int bound = 2_000;
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(60), List.of("source"), bound, Long.MAX_VALUE);
        List<List<Alert>> released = new ArrayList<>();
        for (int i = 0; i < storm; i++) {
            released.addAll(dedup.offer(alert(0, i, i % 3 == 0 ? "db" : "api", i / 10), T0.plusMillis(i / 10)));
            assertThat(i + 1 - records(released))
                    .as("records held after alert %d", i)
                    .isLessThan(bound);
        }

        assertThat(released).hasSize(storm / bound);
        assertThat(dedup.earlyReleases()).isEqualTo(storm / bound);
        assertThat(released).allSatisfy(window -> assertThat(window).hasSize(2));
        List<Long> offsets = released.stream()
                .flatMap(List::stream)
                .flatMap(alert -> alert.records().stream())
                .map(SinkRecord::kafkaOffset)
                .sorted()
                .toList();
        assertThat(offsets).as("every record delivered once").hasSize(storm).doesNotHaveDuplicates();
    }

    @Test
    void theByteBoundReleasesAWindowAtTheRecordThatReachesIt() {
        long recordBytes =
                AlertDeduplicator.heldBytes(alert(0, 0, "svc", 0).records().get(0));
        AlertDeduplicator dedup =
                new AlertDeduplicator(Duration.ofSeconds(60), List.of("source"), UNBOUNDED, recordBytes * 5);
        for (int i = 0; i < 4; i++) {
            assertThat(dedup.offer(alert(0, i, "svc", i), T0)).isEmpty();
        }
        assertThat(dedup.offer(alert(0, 4, "svc", 4), T0))
                .singleElement()
                .satisfies(window -> assertThat(window)
                        .singleElement()
                        .satisfies(a -> assertThat(a.occurrences()).isEqualTo(5)));
        assertThat(dedup.held()).isZero();
        assertThat(dedup.earlyReleases()).isEqualTo(1);
    }

    @Test
    void aReplayFromAWindowsFirstRecordClosesItAtTheSameRecordUnderTheSameIds() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            alerts.add(alert(0, 100 + i, "svc-" + (i % 4), i));
        }
        List<List<String>> first =
                ids(new AlertDeduplicator(Duration.ofHours(1), List.of("source"), 7, 1L << 40), alerts, 0);
        List<List<String>> replay =
                ids(new AlertDeduplicator(Duration.ofHours(1), List.of("source"), 7, 1L << 40), alerts, 1_000);
        assertThat(replay).isEqualTo(first).hasSize(7);
    }

    @Test
    void theHeldSizeOfARecordGrowsWithItsContent() {
        long small = AlertDeduplicator.heldBytes(
                SinkRecords.log("alerts", 0, 1, "critical", "svc", "boom", T0.toEpochMilli()));
        long large = AlertDeduplicator.heldBytes(
                SinkRecords.log("alerts", 0, 1, "critical", "svc", "x".repeat(10_000), T0.toEpochMilli()));
        assertThat(small).isBetween(300L, 2_000L);
        assertThat(large - small).isEqualTo(10_000 - "boom".length());
    }

    private static List<List<String>> ids(AlertDeduplicator dedup, List<Alert> alerts, long clockOffsetMs) {
        List<List<String>> windows = new ArrayList<>();
        for (Alert alert : alerts) {
            for (List<Alert> window : dedup.offer(alert, T0.plusMillis(clockOffsetMs))) {
                windows.add(
                        window.stream().map(a -> a.id() + "x" + a.occurrences()).toList());
            }
        }
        return windows;
    }

    private static long records(List<List<Alert>> windows) {
        return windows.stream()
                .flatMap(List::stream)
                .mapToLong(a -> a.records().size())
                .sum();
    }
}
