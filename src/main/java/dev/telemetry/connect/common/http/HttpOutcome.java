package dev.telemetry.connect.common.http;

/**
 * A request the destination answered without a transient failure: either accepted (2xx) or refused for good because
 * of what was sent (400, 413, 422), with a reason fit for a dead-letter header.
 */
public record HttpOutcome(int status, String refusal) {

    public static HttpOutcome accepted(int status) {
        return new HttpOutcome(status, null);
    }

    public static HttpOutcome refused(int status, String reason) {
        return new HttpOutcome(status, reason);
    }

    public boolean isAccepted() {
        return refusal == null;
    }
}
