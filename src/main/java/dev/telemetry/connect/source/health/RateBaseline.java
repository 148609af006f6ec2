package dev.telemetry.connect.source.health;

/**
 * The usual value of a rate: an exponentially weighted moving average with time constant {@code periodMs}, each rate
 * weighted by the interval it was measured over (so irregular polls weigh what they cover), and divided by the total
 * weight so that its first values are a plain average rather than pulled towards zero. It has no value until the
 * rates it was fed cover a whole period: "usual" needs that much history.
 */
final class RateBaseline {

    private final long periodMs;
    private double weightedSum;
    private double weight;
    private long coveredMs;

    RateBaseline(long periodMs) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("A baseline period is positive, not " + periodMs);
        }
        this.periodMs = periodMs;
    }

    /** Adds a rate measured over the last {@code intervalMs}. */
    void add(double rate, long intervalMs) {
        double kept = Math.exp(-(double) intervalMs / periodMs);
        weightedSum = weightedSum * kept + rate * (1 - kept);
        weight = weight * kept + (1 - kept);
        coveredMs += intervalMs;
    }

    /** The baseline, or null while the rates fed cover less than a period. */
    Double value() {
        return coveredMs >= periodMs && weight > 0 ? weightedSum / weight : null;
    }
}
