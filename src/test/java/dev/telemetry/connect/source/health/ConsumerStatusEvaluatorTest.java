package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status rules on recorded windows: one (time s, committed offset, end offset) per commit the poller saw. */
class ConsumerStatusEvaluatorTest {

    private static final int SIZE = 5;
    private static final long ERROR_AFTER_MS = 60_000;

    @Test
    void caughtUpIsOkWhateverTheWindow() {
        List<OffsetCommit> window = window(0, 100, 110, 10, 200, 220, 20, 300, 330, 30, 400, 440, 40, 500, 550);
        StatusEvaluation result = evaluate(window, 500, 600, 600, false);
        assertThat(result.status()).isEqualTo(ConsumerStatus.OK);
        assertThat(result.reason()).contains("caught up");
    }

    @Test
    void anIncompleteWindowIsOkWhileTheOffsetHasNotStayedForTheErrorThreshold() {
        List<OffsetCommit> window = window(0, 100, 200, 10, 150, 300);
        StatusEvaluation result = evaluate(window, 69, 150, 10_000, false);
        assertThat(result.status()).isEqualTo(ConsumerStatus.OK);
        assertThat(result.reason()).contains("window filling", "2 of 5");
    }

    @Test
    void anOffsetThatStaysWhileTheTopicGrowsIsErrWithoutAFullWindow() {
        // After a task restart the window holds the one commit seen since: a group that stopped for good never
        // fills it, so only the committed offset staying put while the lag grows can tell.
        List<OffsetCommit> window = window(0, 100, 120);
        StatusEvaluation stopped = evaluate(window, 60, 100, 700, false);
        assertThat(stopped.status()).isEqualTo(ConsumerStatus.ERR);
        assertThat(stopped.reason())
                .startsWith("stopped:")
                .contains("stayed at 100", "60 s", "lag 600", "1 of 5 commits");
        StatusEvaluation stalled = evaluate(window, 60, 100, 700, true);
        assertThat(stalled.status()).isEqualTo(ConsumerStatus.ERR);
        assertThat(stalled.reason()).startsWith("stalled:");
    }

    @Test
    void anIncompleteWindowOnAnIdleTopicStaysOk() {
        List<OffsetCommit> window = window(0, 99, 100);
        StatusEvaluation result = evaluate(window, 86_400, 99, 100, false);
        assertThat(result.status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aGroupKeepingUpIsOk() {
        List<OffsetCommit> window = window(0, 100, 120, 10, 200, 230, 20, 300, 310, 30, 400, 450, 40, 500, 520);
        StatusEvaluation result = evaluate(window, 45, 500, 540, true);
        assertThat(result.status()).isEqualTo(ConsumerStatus.OK);
        assertThat(result.reason()).contains("consuming");
    }

    @Test
    void zeroLagWithinTheWindowIsOk() {
        List<OffsetCommit> window = window(0, 100, 100, 10, 200, 250, 20, 300, 400, 30, 400, 550, 40, 500, 700);
        StatusEvaluation result = evaluate(window, 45, 500, 720, true);
        assertThat(result.status()).isEqualTo(ConsumerStatus.OK);
        assertThat(result.reason()).contains("lag was 0");
    }

    @Test
    void lagGrowingAtEveryCommitIsWarn() {
        List<OffsetCommit> window = window(0, 100, 150, 10, 200, 260, 20, 300, 360, 30, 400, 480, 40, 500, 600);
        StatusEvaluation result = evaluate(window, 45, 500, 650, true);
        assertThat(result.status()).isEqualTo(ConsumerStatus.WARN);
        assertThat(result.reason()).contains("from 50 to 100");
    }

    @Test
    void flatLagIsNotWarn() {
        List<OffsetCommit> window = window(0, 100, 150, 10, 200, 250, 20, 300, 350, 30, 400, 450, 40, 500, 550);
        assertThat(evaluate(window, 45, 500, 560, true).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void anOffsetGoingBackwardsIsRewind() {
        List<OffsetCommit> window = window(0, 100, 150, 10, 200, 250, 20, 50, 300, 30, 100, 350, 40, 150, 400);
        StatusEvaluation result = evaluate(window, 45, 150, 420, true);
        assertThat(result.status()).isEqualTo(ConsumerStatus.REWIND);
        assertThat(result.reason()).contains("from 200 to 50");
    }

    @Test
    void noCommitForLongerThanTheWindowSpansWhileTheTopicGrowsIsStop() {
        // Commits every 10 s for 40 s, then silence for 50 s while 500 more messages arrive; no member.
        List<OffsetCommit> window = window(0, 100, 120, 10, 200, 220, 20, 300, 320, 30, 400, 420, 40, 500, 520);
        StatusEvaluation result = evaluate(window, 90, 500, 1_020, false);
        assertThat(result.status()).isEqualTo(ConsumerStatus.STOP);
        assertThat(result.reason()).contains("no member", "50 s", "window spans 40 s", "lag 520");
    }

    @Test
    void theSameSilenceWithAnAssignedMemberIsStall() {
        List<OffsetCommit> window = window(0, 100, 120, 10, 200, 220, 20, 300, 320, 30, 400, 420, 40, 500, 520);
        StatusEvaluation result = evaluate(window, 90, 500, 1_020, true);
        assertThat(result.status()).isEqualTo(ConsumerStatus.STALL);
        assertThat(result.reason()).contains("stayed at 500");
    }

    @Test
    void silenceWithinTheWindowSpanIsNotStop() {
        List<OffsetCommit> window = window(0, 100, 120, 10, 200, 220, 20, 300, 320, 30, 400, 420, 40, 500, 520);
        assertThat(evaluate(window, 75, 500, 1_020, false).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aStopThatOutlastsTheErrorThresholdIsErr() {
        List<OffsetCommit> window = window(0, 100, 120, 10, 200, 220, 20, 300, 320, 30, 400, 420, 40, 500, 520);
        StatusEvaluation stop = evaluate(window, 99, 500, 1_020, false);
        StatusEvaluation err = evaluate(window, 100, 500, 1_020, false);
        StatusEvaluation stalledErr = evaluate(window, 100, 500, 1_020, true);
        assertThat(stop.status()).isEqualTo(ConsumerStatus.STOP);
        assertThat(err.status()).isEqualTo(ConsumerStatus.ERR);
        assertThat(err.reason()).startsWith("stopped:");
        assertThat(stalledErr.status()).isEqualTo(ConsumerStatus.ERR);
        assertThat(stalledErr.reason()).startsWith("stalled:");
    }

    @Test
    void anIdleTopicIsNeverStopHoweverLongTheSilence() {
        // The group is one behind the end (a transaction marker it never receives) and the topic gets nothing new.
        List<OffsetCommit> window = window(0, 99, 100, 10, 199, 200, 20, 299, 300, 30, 399, 400, 40, 499, 500);
        for (long nowS : new long[] {90, 3_600, 86_400}) {
            StatusEvaluation result = evaluate(window, nowS, 499, 500, false);
            assertThat(result.status()).as("after %d s", nowS).isEqualTo(ConsumerStatus.OK);
            assertThat(result.reason()).contains("topic idle");
        }
    }

    @Test
    void theGroupStatusIsItsWorstPartition() {
        assertThat(ConsumerStatus.OK.worse(ConsumerStatus.WARN)).isEqualTo(ConsumerStatus.WARN);
        assertThat(ConsumerStatus.STOP.worse(ConsumerStatus.STALL)).isEqualTo(ConsumerStatus.STOP);
        assertThat(ConsumerStatus.ERR.worse(ConsumerStatus.OK)).isEqualTo(ConsumerStatus.ERR);
        assertThat(ConsumerStatus.REWIND.worse(ConsumerStatus.STOP)).isEqualTo(ConsumerStatus.STOP);
    }

    @Test
    void theWindowRecordsOnlyNewOffsetsAndKeepsTheLastN() {
        PartitionWindow window = new PartitionWindow(3);
        window.observe(0, 10, 20);
        window.observe(1_000, 10, 30);
        window.observe(2_000, 20, 40);
        window.observe(3_000, 30, 50);
        window.observe(4_000, 40, 60);
        assertThat(window.commits())
                .containsExactly(
                        new OffsetCommit(2_000, 20, 40),
                        new OffsetCommit(3_000, 30, 50),
                        new OffsetCommit(4_000, 40, 60));
    }

    private static StatusEvaluation evaluate(
            List<OffsetCommit> window, long nowS, long committed, long end, boolean assigned) {
        return ConsumerStatusEvaluator.evaluate(window, SIZE, nowS * 1000, committed, end, assigned, ERROR_AFTER_MS);
    }

    /** Triples of (seconds, committed offset, end offset). */
    private static List<OffsetCommit> window(long... triples) {
        List<OffsetCommit> commits = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            commits.add(new OffsetCommit(triples[i] * 1000, triples[i + 1], triples[i + 2]));
        }
        return commits;
    }
}
