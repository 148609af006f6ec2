package dev.telemetry.connect.common.retry;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an attempt until it succeeds or its {@link RetryPolicy} gives up, waiting between attempts. */
public final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** One try of something that may fail transiently. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws TransientFailureException, InterruptedException;
    }

    /**
     * @param what names the work in log lines and in the exception, e.g. "deliver 12 alerts to webhook"
     */
    public <T> T call(String what, Attempt<T> attempt) throws RetriesExhaustedException, InterruptedException {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.run();
            } catch (TransientFailureException e) {
                if (attemptNumber >= policy.maxAttempts()) {
                    throw new RetriesExhaustedException(
                            "Could not " + what + " in " + attemptNumber + " attempts: " + e.getMessage(), e);
                }
                Duration delay = policy.delayAfter(attemptNumber, e);
                log.warn(
                        "Attempt {} of {} to {} failed ({}); retrying in {} ms",
                        attemptNumber,
                        policy.maxAttempts(),
                        what,
                        e.getMessage(),
                        delay.toMillis());
                sleeper.sleep(delay);
            }
        }
    }
}
