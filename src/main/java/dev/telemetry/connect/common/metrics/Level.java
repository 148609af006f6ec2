package dev.telemetry.connect.common.metrics;

/** A current value the task sets when it changes (at most once a poll or put) and the reporter reads. */
public final class Level {

    private volatile double value;

    public void set(double value) {
        this.value = value;
    }

    public double value() {
        return value;
    }
}
