package dev.telemetry.connect.common.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Retrier} gave up: every attempt its {@link RetryPolicy} allows has failed, or the next wait did not fit the
 * caller's time budget. The cause is the last failure.
 */
public class RetriesExhaustedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final Duration pendingWait;

    /** @param pendingWait the wait that did not fit the time budget, or {@code null} when attempts ran out */
    public RetriesExhaustedException(
            String message, TransientFailureException lastFailure, int attempts, Duration pendingWait) {
        super(message, lastFailure);
        this.attempts = attempts;
        this.pendingWait = pendingWait;
    }

    /** Attempts made. */
    public int attempts() {
        return attempts;
    }

    /** True when attempts were left but the next wait did not fit the time budget. */
    public boolean outOfTime() {
        return pendingWait != null;
    }

    /** The wait before the next attempt that did not fit, when {@link #outOfTime()}. */
    public Optional<Duration> pendingWait() {
        return Optional.ofNullable(pendingWait);
    }
}
