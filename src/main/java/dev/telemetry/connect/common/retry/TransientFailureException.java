package dev.telemetry.connect.common.retry;

import java.time.Duration;
import java.util.Optional;

/** An attempt (a delivery, a request) failed in a way that may succeed if tried again later. */
public class TransientFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TransientFailureException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param retryAfter how long the destination asked us to wait (HTTP {@code Retry-After}), or {@code null} */
    public TransientFailureException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
