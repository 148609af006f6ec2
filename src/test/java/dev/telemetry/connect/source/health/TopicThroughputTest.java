package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates, baselines and idle time from polls at chosen times (the collector's clock is the poll time it is given). */
class TopicThroughputTest {

    private static final String TOPIC = "orders";
    private static final long BASELINE_MS = 60_000;

    private final TopicThroughput throughput = new TopicThroughput(BASELINE_MS);

    @Test
    void ratesAreTheChangeSinceThePreviousPollPerSecond() {
        TopicThroughput.Rates first = throughput.update(TOPIC, 0, 1_000L, 50_000L);
        assertThat(first.messagesInPerSec()).isNull();
        assertThat(first.bytesInPerSec()).isNull();
        assertThat(first.idleSeconds()).isZero();

        TopicThroughput.Rates second = throughput.update(TOPIC, 10_000, 1_500L, 100_000L);
        assertThat(second.messagesInPerSec()).isEqualTo(50.0);
        assertThat(second.bytesInPerSec()).isEqualTo(5_000.0);
        assertThat(second.idleSeconds()).isZero();
    }

    @Test
    void theIdleTimeCountsFromThePollThatFirstSawTheEndOffsets() {
        throughput.update(TOPIC, 0, 1_000L, null);
        throughput.update(TOPIC, 10_000, 1_200L, null);
        throughput.update(TOPIC, 20_000, 1_200L, null);
        TopicThroughput.Rates stopped = throughput.update(TOPIC, 45_000, 1_200L, null);
        assertThat(stopped.messagesInPerSec()).isZero();
        assertThat(stopped.idleSeconds()).isEqualTo(35.0);
        assertThat(throughput.update(TOPIC, 50_000, 1_201L, null).idleSeconds()).isZero();
    }

    @Test
    void aShrinkingSizeOrEndOffsetGivesNoRateAndAnUnreadFigureNoneEither() {
        throughput.update(TOPIC, 0, 1_000L, 90_000L);
        TopicThroughput.Rates retention = throughput.update(TOPIC, 10_000, 1_100L, 40_000L);
        assertThat(retention.messagesInPerSec()).isEqualTo(10.0);
        assertThat(retention.bytesInPerSec())
                .as("a deleted segment is no negative traffic")
                .isNull();
        assertThat(throughput.update(TOPIC, 20_000, 1_200L, 41_000L).bytesInPerSec())
                .isEqualTo(100.0);

        TopicThroughput.Rates unread = throughput.update(TOPIC, 30_000, null, null);
        assertThat(unread.messagesInPerSec()).isNull();
        assertThat(unread.idleSeconds()).isNull();
        assertThat(throughput.update(TOPIC, 40_000, 1_400L, 42_000L).messagesInPerSec())
                .as("over the 20 s since the last poll that read the end offsets")
                .isEqualTo(10.0);

        assertThat(throughput.update(TOPIC, 50_000, 3L, 42_000L).messagesInPerSec())
                .as("recreated topic")
                .isNull();
    }

    /** 10 messages/s for a whole baseline period, then a burst: the baseline given with the burst is the time before. */
    @Test
    void theBaselineAppearsAfterAPeriodAndIsTheUsualRateBeforeTheCurrentOne() {
        long end = 0;
        for (long t = 0; t <= BASELINE_MS; t += 10_000) {
            end = t / 100;
            TopicThroughput.Rates rates = throughput.update(TOPIC, t, end, null);
            assertThat(rates.messagesInPerSecBaseline()).as("at %d ms", t).isNull();
        }
        TopicThroughput.Rates burst = throughput.update(TOPIC, BASELINE_MS + 10_000, end + 10_000, null);
        assertThat(burst.messagesInPerSec()).isEqualTo(1_000.0);
        assertThat(burst.messagesInPerSecBaseline()).isCloseTo(10.0, within(1e-9));

        TopicThroughput.Rates after = throughput.update(TOPIC, BASELINE_MS + 20_000, end + 10_000, null);
        // The 60 s of history weigh 1 - e^-1 in all, decayed by e^(-10 s / 60 s); the burst weighs 1 - e^(-10 s / 60
        // s).
        double kept = Math.exp(-10_000.0 / BASELINE_MS);
        double history = (1 - Math.exp(-1)) * kept;
        assertThat(after.messagesInPerSecBaseline())
                .isCloseTo((10.0 * history + 1_000.0 * (1 - kept)) / (history + 1 - kept), within(1e-6));
        assertThat(after.messagesInPerSec()).isZero();
    }

    @Test
    void aTopicNoLongerWatchedStartsAfreshWhenItComesBack() {
        throughput.update(TOPIC, 0, 1_000L, null);
        throughput.retain(List.of("other"));
        assertThat(throughput.update(TOPIC, 10_000, 1_100L, null).messagesInPerSec())
                .isNull();
    }

    @Test
    void theSkewIsTheLargestPartitionOverTheMean() {
        assertThat(TopicSize.of(List.of(100L, 100L, 100L, 100L), 4)).isEqualTo(new TopicSize(400, 100, 1.0));
        assertThat(TopicSize.of(List.of(400L, 0L, 0L, 0L), 4)).isEqualTo(new TopicSize(400, 400, 4.0));
        assertThat(TopicSize.of(List.of(0L, 0L), 2)).isEqualTo(new TopicSize(0, 0, null));
    }
}
