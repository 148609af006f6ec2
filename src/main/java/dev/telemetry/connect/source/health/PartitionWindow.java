package dev.telemetry.connect.source.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code size} commits of one group on one partition, as seen by polling: a commit is recorded when the
 * committed offset differs from the last one seen. Lives only in the task, so it refills after a restart.
 */
final class PartitionWindow {

    private final int size;
    private final Deque<OffsetCommit> commits;

    public PartitionWindow(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("A window holds at least 2 commits, not " + size);
        }
        this.size = size;
        this.commits = new ArrayDeque<>(size);
    }

    /** Records {@code committedOffset} if it is new; a repeated offset keeps the time it was first seen. */
    public void observe(long timeMs, long committedOffset, long endOffset) {
        OffsetCommit last = commits.peekLast();
        if (last != null && last.offset() == committedOffset) {
            return;
        }
        if (commits.size() == size) {
            commits.removeFirst();
        }
        commits.addLast(new OffsetCommit(timeMs, committedOffset, endOffset));
    }

    public List<OffsetCommit> commits() {
        return new ArrayList<>(commits);
    }
}
