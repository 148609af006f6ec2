package dev.telemetry.connect.sink.sender;

/**
 * Alerts reported delivered since the last successful {@link AlertSender#flush()} may be lost (a sync to disk failed,
 * or a write failed after them before they were synced). Their offsets must not be committed: they are delivered
 * again from the last committed offsets.
 */
public final class DeliveryNotDurableException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
