package dev.telemetry.connect.source.health;

import java.util.List;

/**
 * Burrow's window rules, evaluated on every poll against the current end offset (not only when a commit arrives),
 * with one fix: a partition whose topic received nothing since the group's last commit is never STOP or STALL, however
 * long the silence. The rules, in the order they are tried:
 * <ol>
 *   <li>current lag 0: OK;</li>
 *   <li>window incomplete (fewer than its size of commits seen, as after a task restart): ERR if the committed
 *       offset stayed for at least {@code errorAfterMs} while the end offset moved, else OK;</li>
 *   <li>a committed offset lower than the one before it in the window: REWIND;</li>
 *   <li>time since the last commit longer than the window spans (last commit - first commit): OK if the end offset has
 *       not moved since the last commit (idle topic), else STALL if a member is assigned the partition, else STOP;
 *       either becomes ERR once the last commit is at least {@code errorAfterMs} old;</li>
 *   <li>lag 0 at any commit of the window: OK;</li>
 *   <li>lag at each commit at least the lag at the one before, and grown overall: WARN;</li>
 *   <li>otherwise OK.</li>
 * </ol>
 */
final class ConsumerStatusEvaluator {

    private ConsumerStatusEvaluator() {}

    /**
     * @param window     the partition's recent commits, oldest first
     * @param windowSize how many commits a complete window holds
     * @param nowMs      the poll time
     * @param committed  the committed offset now
     * @param endOffset  the partition's end offset now
     * @param assigned   whether a member of the group is assigned the partition now
     * @param errorAfterMs how long a STOP or STALL lasts before it is ERR
     */
    public static StatusEvaluation evaluate(
            List<OffsetCommit> window,
            int windowSize,
            long nowMs,
            long committed,
            long endOffset,
            boolean assigned,
            long errorAfterMs) {
        long lag = Math.max(0, endOffset - committed);
        if (lag == 0) {
            return new StatusEvaluation(ConsumerStatus.OK, "caught up");
        }
        if (window.size() < windowSize) {
            return incomplete(window, windowSize, nowMs, endOffset, lag, assigned, errorAfterMs);
        }
        for (int i = 1; i < window.size(); i++) {
            long before = window.get(i - 1).offset();
            long after = window.get(i).offset();
            if (after < before) {
                return new StatusEvaluation(
                        ConsumerStatus.REWIND,
                        "committed offset went back from " + before + " to " + after + ", lag " + lag);
            }
        }
        OffsetCommit first = window.get(0);
        OffsetCommit last = window.get(window.size() - 1);
        long spanMs = last.timeMs() - first.timeMs();
        long sinceLastMs = nowMs - last.timeMs();
        if (sinceLastMs > spanMs) {
            if (endOffset == last.endOffset()) {
                return new StatusEvaluation(
                        ConsumerStatus.OK,
                        "topic idle: no new messages since the last commit " + seconds(sinceLastMs) + " ago");
            }
            String stuck = (assigned
                            ? "members assigned, but the committed offset stayed at " + last.offset()
                            : "no member and no commit")
                    + " for " + seconds(sinceLastMs) + " (window spans "
                    + seconds(spanMs) + "), lag " + lag;
            if (sinceLastMs >= errorAfterMs) {
                return new StatusEvaluation(ConsumerStatus.ERR, (assigned ? "stalled: " : "stopped: ") + stuck);
            }
            return new StatusEvaluation(assigned ? ConsumerStatus.STALL : ConsumerStatus.STOP, stuck);
        }
        boolean nonDecreasing = true;
        for (int i = 0; i < window.size(); i++) {
            OffsetCommit commit = window.get(i);
            if (commit.lag() == 0) {
                return new StatusEvaluation(ConsumerStatus.OK, "lag was 0 within the window, lag now " + lag);
            }
            if (i > 0 && commit.lag() < window.get(i - 1).lag()) {
                nonDecreasing = false;
            }
        }
        if (nonDecreasing && last.lag() > first.lag()) {
            return new StatusEvaluation(
                    ConsumerStatus.WARN,
                    "lag grew at every commit across the window, from " + first.lag() + " to " + last.lag()
                            + ", lag now " + lag);
        }
        return new StatusEvaluation(ConsumerStatus.OK, "consuming, lag " + lag);
    }

    /**
     * A window without a span to compare the silence with: a task that just started, or a group that stopped before
     * it filled. An offset that stayed while the topic grew for as long as a STOP or STALL takes to become ERR is ERR
     * on any window, and telling so needs no memory from before the task started.
     */
    private static StatusEvaluation incomplete(
            List<OffsetCommit> window,
            int windowSize,
            long nowMs,
            long endOffset,
            long lag,
            boolean assigned,
            long errorAfterMs) {
        String filling = window.size() + " of " + windowSize + " commits seen";
        if (!window.isEmpty()) {
            OffsetCommit last = window.get(window.size() - 1);
            long sinceLastMs = nowMs - last.timeMs();
            if (endOffset > last.endOffset() && sinceLastMs >= errorAfterMs) {
                return new StatusEvaluation(
                        ConsumerStatus.ERR,
                        (assigned ? "stalled: members assigned, but" : "stopped: no member, and")
                                + " the committed offset stayed at " + last.offset() + " for " + seconds(sinceLastMs)
                                + " while the topic grew (window incomplete: " + filling + "), lag " + lag);
            }
        }
        return new StatusEvaluation(ConsumerStatus.OK, "window filling: " + filling + ", lag " + lag);
    }

    private static String seconds(long millis) {
        return (millis / 1000) + " s";
    }
}
