package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import java.time.Instant;
import java.util.List;

/**
 * Delivers alerts to one destination. One attempt per call: retrying is the caller's job
 * ({@link dev.telemetry.connect.common.retry.Retrier}), so every destination retries the same way.
 */
public interface AlertSender extends AutoCloseable {

    /**
     * Delivers a batch, in order.
     *
     * @return the alerts the destination refused for good (for example an HTTP 400), each with the reason; every
     *     other alert of the batch was delivered
     * @throws TransientFailureException when the attempt failed in a way that may succeed later (network error,
     *     timeout, HTTP 429 or 5xx); the whole batch is then sent again
     */
    DeliveryResult send(List<Alert> alerts) throws TransientFailureException, InterruptedException;

    /**
     * Delivers a batch, in order, starting no wait of its own that would end after {@code deadline}: the alerts it did
     * not get to are {@link DeliveryResult#notSent()}, a tail of the batch. Senders whose one call is bounded by
     * timeouts need not override this; one that paces its requests (Slack) must.
     */
    default DeliveryResult send(List<Alert> alerts, Instant deadline)
            throws TransientFailureException, InterruptedException {
        return send(alerts);
    }

    /**
     * Makes everything sent so far durable; called when Connect commits offsets.
     *
     * @throws DeliveryNotDurableException when alerts sent since the last flush may be lost and must be sent again
     */
    default void flush() throws TransientFailureException, DeliveryNotDurableException {}

    /**
     * The HTTP status of the destination's last answer, for the delivery audit: with several requests per batch (a
     * refused batch resent alert by alert, several Alertmanagers) the last one's. 0 when there was none: the file
     * destination, or no answer yet.
     */
    default int lastStatus() {
        return 0;
    }

    @Override
    void close();
}
