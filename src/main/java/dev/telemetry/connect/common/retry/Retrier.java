package dev.telemetry.connect.common.retry;

import java.time.Duration;
import java.util.function.Predicate;
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
        return call(what, attempt, delay -> true);
    }

    /**
     * Like {@link #call(String, Attempt)}, but stops before a wait that {@code mayWait} refuses (a caller with a time
     * budget): the exception then says {@link RetriesExhaustedException#outOfTime() outOfTime} and carries that wait.
     */
    public <T> T call(String what, Attempt<T> attempt, Predicate<Duration> mayWait)
            throws RetriesExhaustedException, InterruptedException {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.run();
            } catch (TransientFailureException e) {
                if (attemptNumber >= policy.maxAttempts()) {
                    throw new RetriesExhaustedException(
                            "Could not " + what + " in " + attemptNumber + " attempts: " + e.getMessage(),
                            e,
                            attemptNumber,
                            null);
                }
                Duration delay = policy.delayAfter(attemptNumber, e);
                if (!mayWait.test(delay)) {
                    throw new RetriesExhaustedException(
                            "Could not " + what + " in " + attemptNumber + " attempt(s) within the time allowed: "
                                    + e.getMessage(),
                            e,
                            attemptNumber,
                            delay);
                }
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
