package dev.telemetry.connect.source.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EmissionPacerTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void unlimitedRateGrantsEverything() {
        EmissionPacer pacer = new EmissionPacer(0, nanos::get);
        assertThat(pacer.acquire(10_000)).isEqualTo(10_000);
        assertThat(pacer.nanosUntilNextPermit()).isZero();
    }

    @Test
    void grantsPermitsAsTimePasses() {
        EmissionPacer pacer = new EmissionPacer(100, nanos::get);
        assertThat(pacer.acquire(500)).isEqualTo(1);
        assertThat(pacer.acquire(500)).isZero();
        assertThat(pacer.nanosUntilNextPermit()).isEqualTo(10_000_000L);
        nanos.addAndGet(250_000_000L);
        assertThat(pacer.acquire(500)).isEqualTo(25);
        nanos.addAndGet(5_000_000L);
        assertThat(pacer.acquire(500)).isZero();
        assertThat(pacer.nanosUntilNextPermit()).isEqualTo(5_000_000L);
    }

    @Test
    void emitsTheRateOverALongRun() {
        EmissionPacer pacer = new EmissionPacer(37.5, nanos::get);
        long granted = 0;
        for (int tick = 0; tick < 1_000; tick++) {
            nanos.addAndGet(10_000_000L);
            granted += pacer.acquire(1_000);
        }
        assertThat(granted).isBetween(374L, 376L);
    }

    @Test
    void doesNotBurstAfterAPause() {
        EmissionPacer pacer = new EmissionPacer(50, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        assertThat(pacer.acquire(10_000)).isEqualTo(50);
    }

    @Test
    void slowRatesStillEmit() {
        EmissionPacer pacer = new EmissionPacer(0.5, nanos::get);
        assertThat(pacer.acquire(10)).isZero();
        nanos.addAndGet(2_000_000_000L);
        assertThat(pacer.acquire(10)).isEqualTo(1);
    }
}
