package dev.telemetry.connect.source.health;

/**
 * A committed offset as the poller first saw it: when, which offset, and the partition's end offset at that moment
 * (so the lag at that commit is {@code endOffset - offset}).
 */
record OffsetCommit(long timeMs, long offset, long endOffset) {

    public long lag() {
        return Math.max(0, endOffset - offset);
    }
}
