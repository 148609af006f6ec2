package dev.telemetry.connect.common.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code min(backoff * 2^(n-1), backoffMax)}, so that many tasks failing together do not retry in lockstep. A
 * destination's {@code Retry-After} wins when it asks for longer, up to {@code backoffMax}: a task never blocks longer
 * than that between attempts (the sink task hands a longer wait to Connect instead).
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final long backoffMs;
    private final long backoffMaxMs;
    private final DoubleSupplier random;

    /**
     * @param maxAttempts attempts in all, the first included
     * @param random uniform values in [0, 1) for the jitter
     */
    public RetryPolicy(int maxAttempts, Duration backoff, Duration backoffMax, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoff.toMillis();
        this.backoffMaxMs = Math.max(backoffMax.toMillis(), backoffMs);
        this.random = random;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** How long to wait after failed attempt number {@code attempt} (1-based) before the next one. */
    public Duration delayAfter(int attempt, TransientFailureException failure) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(backoffMaxMs, backoffMs << doublings);
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        // Compared as Durations: a huge Retry-After must not overflow a conversion to milliseconds.
        Duration ceilingForAsked = Duration.ofMillis(backoffMaxMs);
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        long askedMs = asked.compareTo(ceilingForAsked) > 0 ? backoffMaxMs : asked.toMillis();
        return Duration.ofMillis(Math.max(jittered, askedMs));
    }
}
