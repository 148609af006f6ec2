package dev.telemetry.connect.source.health;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for an admin client's answer, turning its checked exceptions into one unchecked one with the real cause. */
final class AdminCalls {

    private AdminCalls() {}

    static <T> T await(KafkaFuture<T> future, long timeoutMs, String what) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AdminCallException(what + " failed: " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new AdminCallException(what + " got no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallException(what + " was interrupted", e);
        }
    }

    static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** An admin call that failed or timed out; the message says which call and why. */
    static final class AdminCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AdminCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
