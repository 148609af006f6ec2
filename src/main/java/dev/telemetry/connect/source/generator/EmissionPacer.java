package dev.telemetry.connect.source.generator;

import java.util.function.LongSupplier;

/**
 * Spreads emission evenly at a target rate. It grants permits as time passes rather than sleeping for each record, so a
 * task can return a whole batch from one poll. Unused permits are capped at one second's worth, so a paused or slow
 * task does not catch up with a burst.
 */
final class EmissionPacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerSecond;
    private final LongSupplier nanoClock;
    private double available;
    private long lastRefillNanos;

    /** @param ratePerSecond records per second; 0 means unlimited */
    EmissionPacer(double ratePerSecond, LongSupplier nanoClock) {
        this.ratePerSecond = ratePerSecond;
        this.nanoClock = nanoClock;
        this.lastRefillNanos = nanoClock.getAsLong();
        this.available = ratePerSecond == 0 ? 0 : Math.min(1.0, ratePerSecond);
    }

    /** Takes up to {@code wanted} permits and returns how many were granted (0 when none is due yet). */
    int acquire(int wanted) {
        if (ratePerSecond == 0) {
            return wanted;
        }
        refill();
        int granted = (int) Math.min(wanted, Math.floor(available));
        available -= granted;
        return granted;
    }

    /** Nanoseconds until the next permit is due; 0 if one is available now. */
    long nanosUntilNextPermit() {
        if (ratePerSecond == 0) {
            return 0;
        }
        refill();
        if (available >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - available) * NANOS_PER_SECOND / ratePerSecond);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(
                Math.max(ratePerSecond, 1.0), available + (now - lastRefillNanos) * ratePerSecond / NANOS_PER_SECOND);
        lastRefillNanos = now;
    }
}
