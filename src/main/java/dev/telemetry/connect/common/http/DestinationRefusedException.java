package dev.telemetry.connect.common.http;

import dev.telemetry.connect.common.retry.TransientFailureException;

/**
 * The destination refused the request for a reason that is about the destination, not the record: a credential it
 * does not accept (401, 403), a URL it does not serve (404, 3xx), and any other refusal that is not one of
 * {@link HttpTransport#RECORD_REFUSALS}, a TLS handshake that fails (status 0), or an address the worker's operator
 * does not let the bundle reach (status 0:
 * no request was sent). Every other record would be refused the same way, so such a refusal must never
 * send records to a dead-letter queue. It is retried like a transient failure (a token being rotated, a deployment in
 * progress); when the retries run out, the caller stops and says which setting to fix.
 */
public class DestinationRefusedException extends TransientFailureException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public DestinationRefusedException(String message, int status) {
        super(message, null);
        this.status = status;
    }

    /** The HTTP status of the refusal; 0 when no request was sent. */
    public int status() {
        return status;
    }
}
