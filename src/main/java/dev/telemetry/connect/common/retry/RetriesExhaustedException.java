package dev.telemetry.connect.common.retry;

/** Every attempt a {@link RetryPolicy} allows has failed; the cause is the last failure. */
public class RetriesExhaustedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetriesExhaustedException(String message, TransientFailureException lastFailure) {
        super(message, lastFailure);
    }
}
