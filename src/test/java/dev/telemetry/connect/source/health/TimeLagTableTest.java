package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Time lag interpolated on known sample tables. */
class TimeLagTableTest {

    @Test
    void anEmptyTableCannotTell() {
        assertThat(new TimeLagTable(10).lagSeconds(5_000, 0)).isEmpty();
    }

    @Test
    void caughtUpIsZero() {
        TimeLagTable table = steady();
        assertThat(table.lagSeconds(100_000, 1_000).getAsDouble()).isZero();
        assertThat(table.lagSeconds(100_000, 1_200).getAsDouble()).isZero();
    }

    @Test
    void aSteadyRateInterpolatesLinearly() {
        // 100 messages per 10 s: offset 0 at t=0 s ... offset 1000 at t=100 s.
        TimeLagTable table = steady();
        assertThat(table.lagSeconds(100_000, 950).getAsDouble()).isCloseTo(5.0, within(1e-9));
        assertThat(table.lagSeconds(100_000, 500).getAsDouble()).isCloseTo(50.0, within(1e-9));
        assertThat(table.lagSeconds(130_000, 500).getAsDouble()).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void aBurstIsSpreadOverTheIntervalItFellIn() {
        TimeLagTable table = new TimeLagTable(10);
        table.record(0, 0);
        table.record(10_000, 10);
        table.record(20_000, 10_010); // 10,000 messages in one interval
        table.record(30_000, 10_020);
        // Committed in the middle of the burst: placed half way through its interval, t = 15 s.
        assertThat(table.lagSeconds(30_000, 5_010).getAsDouble()).isCloseTo(15.0, within(1e-9));
        // Just after the burst, in the slow interval that follows it.
        assertThat(table.lagSeconds(30_000, 10_015).getAsDouble()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void anOffsetOlderThanTheTableIsExtrapolatedFromTheOldestSamples() {
        TimeLagTable table = new TimeLagTable(3);
        for (int i = 0; i <= 10; i++) {
            table.record(i * 10_000L, i * 100L); // only t=80,90,100 s remain: offsets 800, 900, 1000
        }
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.lagSeconds(100_000, 500).getAsDouble()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void oneSampleCannotPlaceAnOlderOffset() {
        TimeLagTable table = new TimeLagTable(3);
        table.record(10_000, 500);
        assertThat(table.lagSeconds(20_000, 100)).isEmpty();
        assertThat(table.lagSeconds(20_000, 500).getAsDouble()).isZero();
    }

    @Test
    void anIdleTopicKeepsTheTimeItsEndOffsetWasFirstSeen() {
        TimeLagTable table = new TimeLagTable(3);
        table.record(0, 0);
        table.record(10_000, 100);
        table.record(20_000, 100);
        table.record(30_000, 100);
        table.record(40_000, 100);
        assertThat(table.size()).isEqualTo(2);
        // Offset 50 was produced at 5 s; the idle minutes after 10 s do not stretch the interpolation.
        assertThat(table.lagSeconds(40_000, 50).getAsDouble()).isCloseTo(35.0, within(1e-9));
    }

    @Test
    void aLowerEndOffsetStartsTheTableAfresh() {
        TimeLagTable table = new TimeLagTable(5);
        table.record(0, 1_000);
        table.record(10_000, 2_000);
        table.record(20_000, 10);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.lagSeconds(25_000, 0)).isEmpty();
    }

    private static TimeLagTable steady() {
        TimeLagTable table = new TimeLagTable(20);
        for (int i = 0; i <= 10; i++) {
            table.record(i * 10_000L, i * 100L);
        }
        return table;
    }
}
