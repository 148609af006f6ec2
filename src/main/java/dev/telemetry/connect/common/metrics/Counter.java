package dev.telemetry.connect.common.metrics;

/**
 * A cumulative count kept in a plain field and read by the worker's metrics reporter when it asks: counting costs an
 * increment, with no lock and no clock read. One thread counts (the task's); a reporter may read a slightly old
 * value.
 */
public final class Counter {

    private long count;

    public void increment() {
        count++;
    }

    public void add(long n) {
        count += n;
    }

    public long count() {
        return count;
    }
}
