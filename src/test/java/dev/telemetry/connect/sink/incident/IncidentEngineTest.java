package dev.telemetry.connect.sink.incident;

import static dev.telemetry.connect.sink.incident.IncidentFeed.alert;
import static dev.telemetry.connect.sink.incident.IncidentFeed.at;
import static dev.telemetry.connect.sink.incident.IncidentFeed.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;
import dev.telemetry.connect.sink.payload.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Each condition on a fake clock: the task's clock is passed to every call, records carry their event times. The
 * edge cases come from the rules' models, written down in docs/incidents.md.
 */
class IncidentEngineTest {

    private static final TopicPartition P0 = new TopicPartition("logs", 0);

    private final List<Alert> sent = new ArrayList<>();

    /** Offers a record whose event time is its arrival time on the task's clock. */
    private void offer(IncidentEngine engine, long offset, String severity, String service, long atMs) {
        sent.addAll(engine.offer(alert(0, offset, severity, service, atMs), at(atMs)));
    }

    private List<String> ids() {
        return sent.stream().map(Alert::id).toList();
    }

    private Notification last() {
        return sent.get(sent.size() - 1).notification();
    }

    @Test
    void aBurstThenSilenceIsOneFiringAndOneResolvedWithTheCounts() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        for (int i = 0; i < 5; i++) {
            offer(engine, i, "critical", "checkout", i * 1000L);
        }
        assertThat(ids()).containsExactly("logs-0-0/firing");
        assertThat(sent.get(0).notification().count()).isEqualTo(1);

        // Silence: the task's clock moves on, no record comes. Resolved once resolve.after has passed since the last.
        sent.addAll(engine.advance(at(4000 + 119_999)));
        assertThat(ids()).hasSize(1);
        sent.addAll(engine.advance(at(4000 + 120_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/resolved");
        Notification resolved = last();
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.count()).isEqualTo(5);
        assertThat(resolved.firstSeen()).isEqualTo(at(0));
        assertThat(resolved.lastSeen()).isEqualTo(at(4000));
        assertThat(resolved.endsAt()).isEqualTo(at(4000 + 120_000));
        assertThat(resolved.firstOffset()).isZero();
        assertThat(resolved.lastOffset()).isEqualTo(4);
        assertThat(resolved.key())
                .containsExactlyInAnyOrderEntriesOf(Map.of("category", "alert", "source", "checkout"));
        assertThat(resolved.examples()).hasSize(2);
        assertThat(engine.counts().fired()).isEqualTo(1);
        assertThat(engine.counts().resolved()).isEqualTo(1);

        // The next record of the key after the resolve opens a new incident, under its own id.
        offer(engine, 5, "critical", "checkout", 200_000);
        assertThat(ids()).endsWith("logs-0-5/firing");
    }

    @Test
    void aRecordBelowTheThresholdResolvesAtOnceAndOthersKeysAreTheirOwnIncidents() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        offer(engine, 0, "critical", "checkout", 0);
        offer(engine, 1, "warning", "payments", 10);
        offer(engine, 2, "info", "checkout", 20);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing", "logs-0-0/resolved");
        assertThat(last().endsAt()).isEqualTo(at(20));
        assertThat(last().lastOffset()).isEqualTo(2);
        // A record below the threshold of a key without an incident changes nothing.
        offer(engine, 3, "info", "search", 30);
        assertThat(ids()).hasSize(3);
    }

    @Test
    void anEscalationNotifiesAtOnceUnderItsOwnIdAndTheResolvedCarriesTheWorstSeverity() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        offer(engine, 0, "warning", "checkout", 0);
        offer(engine, 1, "warning", "checkout", 10);
        offer(engine, 2, "critical", "checkout", 20);
        offer(engine, 3, "critical", "checkout", 30);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/escalation-1");
        assertThat(sent.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(last().previousSeverity()).isEqualTo(Severity.WARNING);
        offer(engine, 4, "info", "checkout", 40);
        assertThat(sent.get(2).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(last().count()).isEqualTo(4);
    }

    @Test
    void aLongIncidentRepeatsEveryIntervalAndOnceAfterAGapOfSeveralIntervals() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        long minute = 60_000;
        for (int i = 0; i <= 150; i++) {
            offer(engine, i, "critical", "checkout", i * minute);
        }
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/repeat-1", "logs-0-0/repeat-2");
        // The repeat is made before the record that is past its due time is folded: what it says was known then.
        assertThat(sent.get(1).notification().count()).isEqualTo(60);
        assertThat(engine.counts().repeated()).isEqualTo(2);
    }

    /**
     * Found by the bounce suite: a repeat the task's clock decided went out before a record with an earlier event time
     * had arrived, and the replay after a rebalance folded that record in first, so the same id carried other content.
     * A repeat of an incident that records feed now waits for the first record past its due time.
     */
    @Test
    void aRepeatWaitsForARecordPastItsDueTimeSoALateRecordFoldsInAsInAReplay() {
        long minute = 60_000;
        IncidentEngine live = new IncidentEngine(settings(Condition.IMMEDIATE));
        for (int i = 0; i < 60; i++) {
            offer(live, i, "critical", "checkout", i * minute);
        }
        // The clock passes the repeat's due time (an hour after the firing) while a record is late: no repeat yet.
        sent.addAll(live.advance(at(60 * minute + 30_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing");
        sent.addAll(live.offer(alert(0, 60, "critical", "checkout", 59 * minute + 30_000), at(60 * minute + 30_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing");
        sent.addAll(live.offer(alert(0, 61, "critical", "checkout", 61 * minute), at(61 * minute)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/repeat-1");
        assertThat(last().count()).isEqualTo(61);
        assertThat(last().lastOffset()).isEqualTo(60);

        // A new owner replays the partition at once, later: the same notifications, byte for byte.
        IncidentEngine replay = new IncidentEngine(settings(Condition.IMMEDIATE));
        List<Alert> replayed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            replayed.addAll(replay.offer(alert(0, i, "critical", "checkout", i * minute), at(70 * minute)));
        }
        replayed.addAll(replay.offer(alert(0, 60, "critical", "checkout", 59 * minute + 30_000), at(70 * minute)));
        replayed.addAll(replay.offer(alert(0, 61, "critical", "checkout", 61 * minute), at(70 * minute)));
        assertThat(replayed).extracting(Alert::id).isEqualTo(ids());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(body(replayed.get(i))).isEqualTo(body(sent.get(i)));
        }
    }

    /**
     * The case the bounce suite counted apart: the task's clock passed a resolve's due time while a record of the
     * incident was still on its way, so live processing resolved without it and a replay folded it in, sending the
     * resolved again with a higher count. Within the allowed lateness the clock waits for it.
     */
    @Test
    void aResolveAfterSilenceWaitsTheAllowedLatenessSoALateRecordFoldsInAsInAReplay() {
        IncidentSettings lateness = withLateness(Duration.ofSeconds(30));
        IncidentEngine live = new IncidentEngine(lateness);
        List<Alert> records = List.of(
                alert(0, 0, "critical", "payments", 0),
                alert(0, 1, "critical", "checkout", 1000),
                alert(0, 2, "critical", "checkout", 4000),
                alert(0, 3, "critical", "payments", 100_000),
                // 25 s late: it reaches the task 10 s after checkout's resolve was due (4 s + 2 min).
                alert(0, 4, "critical", "checkout", 110_000));
        for (Alert record : records.subList(0, 4)) {
            sent.addAll(live.offer(record, record.eventTime()));
        }
        sent.addAll(live.advance(at(134_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing");
        sent.addAll(live.offer(records.get(4), at(135_000)));
        assertThat(live.limit(Map.of(P0, new OffsetAndMetadata(5)))).containsEntry(P0, new OffsetAndMetadata(0));
        // The partition's time is its newest event time (110 s, seen at 135 s) moved on by the wall time since, less
        // the lateness: payments' resolve (due at 220 s) comes at 275 s, checkout's (due at 230 s) at 285 s.
        sent.addAll(live.advance(at(275_000 - 1)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing");
        sent.addAll(live.advance(at(275_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing", "logs-0-0/resolved");
        sent.addAll(live.advance(at(285_000)));
        assertThat(ids())
                .containsExactly("logs-0-0/firing", "logs-0-1/firing", "logs-0-0/resolved", "logs-0-1/resolved");
        assertThat(last().count()).isEqualTo(3);
        assertThat(last().lastOffset()).isEqualTo(4);
        assertThat(live.counts().lateRecords()).isZero();

        // A new owner replays the partition from the held commit at once, later: the same notifications, byte for byte.
        IncidentEngine replay = new IncidentEngine(lateness);
        List<Alert> replayed = new ArrayList<>();
        for (Alert record : records) {
            replayed.addAll(replay.offer(record, at(600_000)));
        }
        replayed.addAll(replay.advance(at(1_200_000)));
        assertThat(replayed).extracting(Alert::id).containsExactlyInAnyOrderElementsOf(ids());
        for (Alert notification : replayed) {
            Alert first = sent.stream()
                    .filter(alert -> alert.id().equals(notification.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(body(notification)).as(notification.id()).isEqualTo(body(first));
        }
    }

    /**
     * A record later than the allowed lateness finds its incident resolved by the clock: it is counted and opens an
     * incident of its own, never folded into the resolved already sent; its key's next silence resolves that one.
     */
    @Test
    void aRecordLaterThanTheLatenessIsCountedAndOpensAnIncidentOfItsOwn() {
        IncidentEngine engine = new IncidentEngine(withLateness(Duration.ofSeconds(30)));
        offer(engine, 0, "critical", "checkout", 0);
        sent.addAll(engine.advance(at(150_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/resolved");
        assertThat(last().endsAt()).isEqualTo(at(120_000));

        sent.addAll(engine.offer(alert(0, 1, "critical", "checkout", 60_000), at(160_000)));
        assertThat(engine.counts().lateRecords()).isEqualTo(1);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/resolved", "logs-0-1/firing");
        assertThat(sent.get(1).notification().count()).isEqualTo(1);
        sent.addAll(engine.advance(at(160_000 + 150_000)));
        assertThat(ids()).endsWith("logs-0-1/resolved");
        assertThat(last().count()).isEqualTo(1);
        assertThat(last().endsAt()).isEqualTo(at(60_000 + 120_000));
    }

    @Test
    void theTaskIsAskedBackOnceTheClockIsPastTheDueTimeByTheLateness() {
        IncidentEngine engine = new IncidentEngine(withLateness(Duration.ofSeconds(30)));
        offer(engine, 0, "critical", "checkout", 0);
        assertThat(engine.untilNextDue(at(0))).isEqualTo(Duration.ofSeconds(150));
        assertThat(engine.untilNextDue(at(140_000))).isEqualTo(Duration.ofSeconds(10));
    }

    private static IncidentSettings withLateness(Duration lateness) {
        IncidentSettings base = settings(Condition.IMMEDIATE);
        return new IncidentSettings(
                base.condition(),
                base.keyFields(),
                base.minSeverity(),
                base.countThreshold(),
                base.window(),
                base.forDuration(),
                base.forMaxGap(),
                base.absenceMinCount(),
                base.resolveAfter(),
                lateness,
                base.repeatInterval(),
                base.maxOpen(),
                base.maxExamples());
    }

    @Test
    void aSilentIncidentResolvesWithoutARepeatAndAnAbsenceRepeatsOnTheClock() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        offer(engine, 0, "critical", "checkout", 0);
        // Two hours without a record: the silence resolves it (after 2 minutes); no repeat was due by then.
        sent.addAll(engine.advance(at(7_200_000)));
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/resolved");
        assertThat(engine.untilNextDue(at(7_200_000))).isNull();
    }

    private static String body(Alert notification) {
        return new String(WebhookPayload.body(List.of(notification)), StandardCharsets.UTF_8);
    }

    @Test
    void countFiresAtTheThresholdWithinTheWindowAndNotWhenTheRecordsAreSpreadOut() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.COUNT));
        // Three records, but the first is exactly one window before the third: the window (t - 60 s, t] excludes it.
        offer(engine, 0, "critical", "checkout", 0);
        offer(engine, 1, "critical", "checkout", 30_000);
        offer(engine, 2, "critical", "checkout", 60_000);
        assertThat(ids()).isEmpty();
        offer(engine, 3, "critical", "checkout", 61_000);
        assertThat(ids()).containsExactly("logs-0-1/firing");
        Notification firing = last();
        assertThat(firing.count()).isEqualTo(3);
        assertThat(firing.firstOffset()).isEqualTo(1);
        assertThat(firing.lastOffset()).isEqualTo(3);
        assertThat(firing.firstSeen()).isEqualTo(at(30_000));
        // While firing, further records fold in.
        offer(engine, 4, "critical", "checkout", 62_000);
        sent.addAll(engine.advance(at(62_000 + 120_000)));
        assertThat(last().status()).isEqualTo("resolved");
        assertThat(last().count()).isEqualTo(4);
    }

    @Test
    void countForgetsRecordsTheWindowNoLongerHoldsSoTheyHoldNoCommit() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.COUNT));
        offer(engine, 0, "critical", "checkout", 0);
        offer(engine, 1, "critical", "checkout", 1000);
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(0));
        sent.addAll(engine.advance(at(61_000)));
        assertThat(ids()).isEmpty();
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void forFiresOnceTheKeyStayedAlertWorthyForTheDuration() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.FOR));
        for (int i = 0; i < 10; i++) {
            offer(engine, i, "warning", "lag-group", i * 30_000L);
        }
        // 4.5 minutes: still pending, as Prometheus' pending state.
        assertThat(ids()).isEmpty();
        offer(engine, 10, "warning", "lag-group", 300_000);
        assertThat(ids()).containsExactly("logs-0-0/firing");
        assertThat(last().count()).isEqualTo(11);
        // The group's OK record resolves it.
        offer(engine, 11, "info", "lag-group", 310_000);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-0/resolved");
    }

    @Test
    void forStartsAgainAfterAGapOrARecordBelowTheThreshold() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.FOR));
        offer(engine, 0, "warning", "lag-group", 0);
        offer(engine, 1, "warning", "lag-group", 50_000);
        // A gap over incident.for.max.gap.ms (1 min): the wait starts again at the next record.
        offer(engine, 2, "warning", "lag-group", 111_000);
        offer(engine, 3, "warning", "lag-group", 300_000 - 1);
        assertThat(ids()).isEmpty();
        // An OK in between starts it again too.
        offer(engine, 4, "info", "lag-group", 320_000);
        offer(engine, 5, "warning", "lag-group", 330_000);
        offer(engine, 6, "warning", "lag-group", 390_000);
        offer(engine, 7, "warning", "lag-group", 411_000);
        assertThat(ids()).isEmpty();
        for (long offset = 8, t = 450_000; t <= 630_000; offset++, t += 45_000) {
            offer(engine, offset, "warning", "lag-group", t);
        }
        assertThat(ids()).containsExactly("logs-0-5/firing");
    }

    @Test
    void absenceFiresWhenAStreamStopsAndResolvesWhenItComesBack() {
        IncidentSettings base = settings(Condition.ABSENCE);
        IncidentEngine engine = new IncidentEngine(new IncidentSettings(
                Condition.ABSENCE,
                List.of(),
                base.minSeverity(),
                base.countThreshold(),
                Duration.ofMinutes(10),
                base.forDuration(),
                base.forMaxGap(),
                1,
                base.resolveAfter(),
                base.allowedLateness(),
                base.repeatInterval(),
                base.maxOpen(),
                base.maxExamples()));
        for (int i = 0; i < 6; i++) {
            offer(engine, i, "info", "purchases", i * 60_000L);
        }
        // The task is asked to call again no later than the window after the last record; a call before it that
        // finds nothing due works out the exact time.
        assertThat(engine.untilNextDue(at(300_000))).isLessThanOrEqualTo(Duration.ofMinutes(10));
        sent.addAll(engine.advance(at(600_000)));
        assertThat(engine.untilNextDue(at(600_000))).isEqualTo(Duration.ofMinutes(5));
        sent.addAll(engine.advance(at(900_000 - 1)));
        assertThat(ids()).isEmpty();
        sent.addAll(engine.advance(at(900_000)));
        assertThat(ids()).containsExactly("logs-0-5/firing");
        assertThat(sent.get(0).summary()).contains("Fewer than 1 record(s) of the partition");
        assertThat(last().count()).isZero();
        assertThat(last().lastSeen()).isEqualTo(at(300_000));
        // Still absent an hour after it fired: a repeat.
        sent.addAll(engine.advance(at(900_000 + 3_600_000)));
        assertThat(ids()).containsExactly("logs-0-5/firing", "logs-0-5/repeat-1");
        offer(engine, 6, "info", "purchases", 5_000_000);
        assertThat(ids()).endsWith("logs-0-5/resolved");
        assertThat(last().endsAt()).isEqualTo(at(5_000_000));
        assertThat(last().lastOffset()).isEqualTo(6);
    }

    @Test
    void recordsOfOneKeyInTwoPartitionsAreTwoIncidents() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        sent.addAll(engine.offer(alert(0, 7, "critical", "checkout", 0), at(0)));
        sent.addAll(engine.offer(alert(1, 7, "critical", "checkout", 0), at(0)));
        assertThat(ids()).containsExactly("logs-0-7/firing", "logs-1-7/firing");
        assertThat(sent.get(1).notification().partition()).isEqualTo(1);
    }

    @Test
    void atTheCapNewKeysGoToTheOverflowIncidentAndAreCounted() {
        IncidentSettings base = settings(Condition.IMMEDIATE);
        IncidentEngine engine = new IncidentEngine(new IncidentSettings(
                base.condition(),
                base.keyFields(),
                base.minSeverity(),
                base.countThreshold(),
                base.window(),
                base.forDuration(),
                base.forMaxGap(),
                base.absenceMinCount(),
                base.resolveAfter(),
                base.allowedLateness(),
                base.repeatInterval(),
                2,
                base.maxExamples()));
        offer(engine, 0, "critical", "a", 0);
        offer(engine, 1, "critical", "b", 10);
        offer(engine, 2, "critical", "c", 20);
        offer(engine, 3, "critical", "d", 30);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing", "logs-0-2/firing");
        assertThat(last().key()).containsExactly(Map.entry("_overflow", "true"));
        assertThat(engine.counts().overflowed()).isEqualTo(2);
        sent.addAll(engine.advance(at(30 + 120_000)));
        assertThat(ids()).endsWith("logs-0-2/resolved");
        assertThat(last().count()).isEqualTo(2);
    }

    @Test
    void theCommitIsHeldAtTheOldestRecordAnIncidentNeedsAndNeverCutsAResolvedOne() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        offer(engine, 0, "critical", "a", 0);
        offer(engine, 1, "critical", "b", 10);
        offer(engine, 2, "critical", "a", 20);
        offer(engine, 3, "info", "a", 30);
        assertThat(ids()).containsExactly("logs-0-0/firing", "logs-0-1/firing", "logs-0-0/resolved");
        sent.forEach(engine::settled);
        // a's incident (offsets 0 to 3) is resolved and delivered; b's is open from 1. Committing 1 would cut a's
        // incident: a replay from 1 would see offsets 2 and 3 of a alone and open another incident for them.
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(4)))).containsEntry(P0, new OffsetAndMetadata(0));
        offer(engine, 4, "info", "b", 40);
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(5)))).containsEntry(P0, new OffsetAndMetadata(0));
        engine.settled(sent.get(sent.size() - 1));
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(5)))).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void anUndeliveredNotificationHoldsTheCommitAndRevokedPartitionsAreForgotten() {
        IncidentEngine engine = new IncidentEngine(settings(Condition.IMMEDIATE));
        offer(engine, 5, "critical", "a", 0);
        offer(engine, 6, "info", "a", 10);
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(7)))).containsEntry(P0, new OffsetAndMetadata(5));
        engine.settled(sent.get(0));
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(7)))).containsEntry(P0, new OffsetAndMetadata(5));
        engine.settled(sent.get(1));
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(7)))).containsEntry(P0, new OffsetAndMetadata(7));

        offer(engine, 7, "critical", "a", 20);
        engine.forget(List.of(P0));
        assertThat(engine.limit(Map.of(P0, new OffsetAndMetadata(8)))).containsEntry(P0, new OffsetAndMetadata(8));
        assertThat(engine.untilNextDue(at(30))).isNull();
    }
}
