package dev.telemetry.connect.sink.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Queues alerts for delivery in arrival order and says when a batch is due: when {@code batch.max.size} alerts wait,
 * or the oldest has waited {@code batch.max.wait.ms}; with a wait of 0 every queued alert is due at once, so the task
 * sends what one poll brought at the end of its put(). A batch stays at the head of the queue until it is delivered,
 * so a failed delivery is simply tried again.
 */
public final class AlertBatcher {

    private final int maxSize;
    private final long maxWaitMs;
    private final Deque<Queued> queue = new ArrayDeque<>();

    public AlertBatcher(int maxSize, Duration maxWait) {
        this.maxSize = maxSize;
        this.maxWaitMs = maxWait.toMillis();
    }

    public void add(Alert alert, Instant now) {
        queue.addLast(new Queued(alert, now));
    }

    public boolean hasDueBatch(Instant now) {
        return queue.size() >= maxSize || (!queue.isEmpty() && waitedMs(now) >= maxWaitMs);
    }

    /** How long until a partial batch is due; {@code null} when the queue is empty. */
    public Duration untilDue(Instant now) {
        return queue.isEmpty() ? null : Duration.ofMillis(Math.max(0, maxWaitMs - waitedMs(now)));
    }

    /** The next batch, oldest first, still queued. */
    public List<Alert> nextBatch() {
        List<Alert> batch = new ArrayList<>(Math.min(maxSize, queue.size()));
        for (Queued queued : queue) {
            if (batch.size() == maxSize) {
                break;
            }
            batch.add(queued.alert);
        }
        return batch;
    }

    /** Removes the first {@code count} alerts: the batch just delivered. */
    public void removeDelivered(int count) {
        for (int i = 0; i < count; i++) {
            queue.removeFirst();
        }
    }

    /** When the oldest queued alert was queued; {@code null} when the queue is empty. */
    public Instant oldestQueuedAt() {
        Queued oldest = queue.peekFirst();
        return oldest == null ? null : oldest.enqueuedAt;
    }

    /** Drops the alerts of revoked partitions; Connect redelivers their records from the committed offsets. */
    public void forget(Collection<TopicPartition> partitions) {
        queue.removeIf(q -> partitions.contains(new TopicPartition(q.alert.topic(), q.alert.partition())));
    }

    private long waitedMs(Instant now) {
        return Duration.between(queue.peekFirst().enqueuedAt, now).toMillis();
    }

    private record Queued(Alert alert, Instant enqueuedAt) {}
}
