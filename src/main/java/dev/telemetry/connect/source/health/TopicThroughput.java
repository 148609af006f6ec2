package dev.telemetry.connect.source.health;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Per topic, what its end offsets and size did between this task's polls: messages and bytes in per second, their
 * usual values ({@link RateBaseline} over {@code baselineMs}) and how long the end offsets have not moved. Each rate
 * is the change since the previous poll that read the same figure; the baselines are given as they were before the
 * current rate, so a rule comparing the two compares a spike with the time before it.
 */
final class TopicThroughput {

    /** A topic's rates at one poll; each is null when it cannot be told (see {@link #update}). */
    record Rates(
            Double messagesInPerSec,
            Double messagesInPerSecBaseline,
            Double bytesInPerSec,
            Double bytesInPerSecBaseline,
            Double idleSeconds) {}

    private record Sample(long timeMs, long value) {}

    private static final class State {
        private final RateBaseline messages;
        private final RateBaseline bytes;
        private Sample endOffsets;
        private Sample size;
        private long endOffsetsChangedMs;

        State(long baselineMs) {
            messages = new RateBaseline(baselineMs);
            bytes = new RateBaseline(baselineMs);
        }
    }

    private final long baselineMs;
    private final Map<String, State> topics = new HashMap<>();

    TopicThroughput(long baselineMs) {
        this.baselineMs = baselineMs;
    }

    /**
     * Records one poll of {@code topic}: its summed end offsets and its size in bytes, each null when this poll could
     * not read it. A rate needs a previous poll that read the same figure; a figure that went down gives no rate (end
     * offsets: the topic was recreated; size: retention or compaction removed more than arrived). The idle time counts
     * from the poll that first saw the current end offsets, at the earliest from the first poll of this task.
     */
    Rates update(String topic, long nowMs, Long endOffsetSum, Long sizeBytes) {
        State state = topics.computeIfAbsent(topic, t -> new State(baselineMs));
        Double messagesBaseline = state.messages.value();
        Double bytesBaseline = state.bytes.value();
        Double messagesRate = null;
        Double idleSeconds = null;
        if (endOffsetSum != null) {
            Sample before = state.endOffsets;
            messagesRate = rate(before, nowMs, endOffsetSum);
            if (messagesRate != null) {
                state.messages.add(messagesRate, nowMs - before.timeMs());
            }
            if (before == null || before.value() != endOffsetSum) {
                state.endOffsetsChangedMs = nowMs;
            }
            state.endOffsets = new Sample(nowMs, endOffsetSum);
            idleSeconds = (nowMs - state.endOffsetsChangedMs) / 1000.0;
        }
        Double bytesRate = null;
        if (sizeBytes != null) {
            Sample before = state.size;
            bytesRate = rate(before, nowMs, sizeBytes);
            if (bytesRate != null) {
                state.bytes.add(bytesRate, nowMs - before.timeMs());
            }
            state.size = new Sample(nowMs, sizeBytes);
        }
        return new Rates(messagesRate, messagesBaseline, bytesRate, bytesBaseline, idleSeconds);
    }

    /** Forgets the topics no longer watched. */
    void retain(Collection<String> watched) {
        topics.keySet().retainAll(new HashSet<>(watched));
    }

    private static Double rate(Sample before, long nowMs, long value) {
        if (before == null || nowMs <= before.timeMs() || value < before.value()) {
            return null;
        }
        return (value - before.value()) * 1000.0 / (nowMs - before.timeMs());
    }
}
