package dev.telemetry.connect.source.health;

/**
 * Burrow-style status of a consumer group on a partition, from best to worst: a group is as bad as its worst
 * partition, so {@link #worse(ConsumerStatus)} picks by declaration order.
 */
enum ConsumerStatus {
    /** Caught up, keeping up, or not enough history yet to judge. */
    OK,
    /** Lag grew at every commit across the whole window. */
    WARN,
    /** Members are assigned the partition, but the committed offset has not moved for longer than the window spans. */
    STALL,
    /** The committed offset went backwards within the window (a reset or a replay). */
    REWIND,
    /** No member consumes the partition and nothing was committed for longer than the window spans, while behind. */
    STOP,
    /**
     * A STOP or STALL that has lasted at least {@code status.error.after.ms}, or, before the window is full, a
     * committed offset that stayed that long while its topic grew.
     */
    ERR;

    public ConsumerStatus worse(ConsumerStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
