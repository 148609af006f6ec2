package dev.telemetry.connect.source.generator;

/**
 * The daily rhythm of traffic. Each record of a metric stream stands for one simulated minute, so a stream's sequence
 * number walks through the day: quiet at night, a morning ramp, a peak in the early afternoon, a second bump in the
 * evening.
 */
final class TrafficShape {

    static final int MINUTES_PER_DAY = 24 * 60;

    private TrafficShape() {}

    /** The minute of the simulated day that sequence number {@code seq} falls on. */
    static int minuteOfDay(long seq) {
        return (int) Math.floorMod(seq, MINUTES_PER_DAY);
    }

    /** Load factor in (0, 1] for a minute of the day; 1 at the afternoon peak. */
    static double load(int minuteOfDay) {
        double hour = minuteOfDay / 60.0;
        double daytime = Math.exp(-Math.pow((hour - 14.0) / 4.0, 2));
        double evening = 0.45 * Math.exp(-Math.pow((hour - 20.5) / 1.5, 2));
        return Math.min(1.0, 0.12 + 0.88 * daytime + evening * 0.6);
    }
}
