package dev.telemetry.connect.source.health;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * Lag in time for one partition, as kafka-lag-exporter measures it: a table of (end offset, time first seen) samples
 * taken at each poll; the time a committed offset was produced is interpolated linearly between the two samples that
 * bracket it ({@code t = t_r - (o_r - c) * (t_r - t_l) / (o_r - o_l)}), or extrapolated from the two oldest when it is
 * older than the table. Lag is then {@code now - t}. Linear interpolation spreads a burst evenly over the interval it
 * fell in, so during bursts and replays the figure is an estimate.
 */
final class TimeLagTable {

    private record Sample(long offset, long timeMs) {}

    private final int capacity;
    private final Deque<Sample> samples;

    public TimeLagTable(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("A time lag table holds at least 2 samples, not " + capacity);
        }
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    /**
     * Adds a sample when the end offset moved forward; an unchanged end offset keeps the time it was first seen (so
     * an idle topic uses no room), and a lower one (the topic was recreated or truncated) starts the table afresh.
     */
    public void record(long timeMs, long endOffset) {
        Sample newest = samples.peekLast();
        if (newest != null) {
            if (endOffset == newest.offset()) {
                return;
            }
            if (endOffset < newest.offset()) {
                samples.clear();
            }
        }
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(new Sample(endOffset, timeMs));
    }

    /** Seconds the committed offset is behind, 0 when caught up; empty when the table cannot tell. */
    public OptionalDouble lagSeconds(long nowMs, long committed) {
        Sample newest = samples.peekLast();
        if (newest == null) {
            return OptionalDouble.empty();
        }
        if (committed >= newest.offset()) {
            return OptionalDouble.of(0);
        }
        Iterator<Sample> it = samples.iterator();
        Sample left = it.next();
        if (committed < left.offset()) {
            if (samples.size() < 2) {
                return OptionalDouble.empty();
            }
            return lagFrom(nowMs, interpolate(left, it.next(), committed));
        }
        while (it.hasNext()) {
            Sample right = it.next();
            if (committed < right.offset()) {
                return lagFrom(nowMs, interpolate(left, right, committed));
            }
            left = right;
        }
        return OptionalDouble.of(0);
    }

    public int size() {
        return samples.size();
    }

    private static double interpolate(Sample left, Sample right, long committed) {
        return right.timeMs()
                - (double) (right.offset() - committed)
                        * (right.timeMs() - left.timeMs())
                        / (right.offset() - left.offset());
    }

    private static OptionalDouble lagFrom(long nowMs, double producedAtMs) {
        return OptionalDouble.of(Math.max(0, nowMs - producedAtMs) / 1000.0);
    }
}
