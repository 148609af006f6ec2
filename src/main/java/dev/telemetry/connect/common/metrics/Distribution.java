package dev.telemetry.connect.common.metrics;

import org.apache.kafka.common.metrics.Sensor;

/**
 * Values recorded into a sensor of the worker's registry (average, maximum, percentiles or a rate, by its
 * definition's kind); records nothing when the worker has no plugin metrics.
 */
public final class Distribution {

    static final Distribution NONE = new Distribution(null, 1);

    /** Keeps nothing: what a plugin holds until the worker hands it metrics. */
    public static Distribution none() {
        return NONE;
    }

    private final Sensor sensor;
    private final int period;
    /** Calls of {@link #sample()} left to answer false before the next true. */
    private int skipping;

    Distribution(Sensor sensor) {
        this(sensor, 1);
    }

    private Distribution(Sensor sensor, int period) {
        this.sensor = sensor;
        this.period = period;
    }

    /**
     * The same sensor, for values measured per record: {@link #sample()} answers true for the first call and then one
     * in every {@code period}. Recording a value costs about as much as a simple transformation's whole work on a
     * record (the sensor's lock, its clock read and every statistic's update), so a transformation that recorded each
     * record's value would cost 20-40% more; a sample of one in 32 keeps that to a few percent (docs/benchmarks.md).
     */
    public Distribution sampledOneIn(int period) {
        return sensor == null ? NONE : new Distribution(sensor, period);
    }

    public void record(double value) {
        if (sensor != null) {
            sensor.record(value);
        }
    }

    /**
     * Whether to measure and record a value this time, so that a caller can skip measuring it (reading a clock) when
     * not: never without metrics; otherwise every time, or for a {@link #sampledOneIn sampled} distribution the first
     * time and then once every period.
     */
    public boolean sample() {
        if (sensor == null) {
            return false;
        }
        if (skipping > 0) {
            skipping--;
            return false;
        }
        skipping = period - 1;
        return true;
    }
}
