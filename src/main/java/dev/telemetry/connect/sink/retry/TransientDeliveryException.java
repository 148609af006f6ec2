package dev.telemetry.connect.sink.retry;

import java.time.Duration;
import java.util.Optional;

/** A delivery attempt failed in a way that may succeed if tried again later. */
public class TransientDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TransientDeliveryException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param retryAfter how long the destination asked us to wait (HTTP {@code Retry-After}), or {@code null} */
    public TransientDeliveryException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
