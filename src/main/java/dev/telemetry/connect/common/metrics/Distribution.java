package dev.telemetry.connect.common.metrics;

import org.apache.kafka.common.metrics.Sensor;

/**
 * Values recorded into a sensor of the worker's registry (average, maximum, percentiles or a rate, by its
 * definition's kind); records nothing when the worker has no plugin metrics.
 */
public final class Distribution {

    static final Distribution NONE = new Distribution(null);

    /** Keeps nothing: what a plugin holds until the worker hands it metrics. */
    public static Distribution none() {
        return NONE;
    }

    private final Sensor sensor;

    Distribution(Sensor sensor) {
        this.sensor = sensor;
    }

    public void record(double value) {
        if (sensor != null) {
            sensor.record(value);
        }
    }

    /** Whether values are kept, so that a caller can skip measuring them (reading a clock) when they are not. */
    public boolean recording() {
        return sensor != null;
    }
}
