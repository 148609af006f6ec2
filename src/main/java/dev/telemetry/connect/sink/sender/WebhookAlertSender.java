package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.WebhookPayload;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSTs alert batches as JSON to a generic webhook, with an {@code Idempotency-Key} per request (see
 * {@link WebhookPayload}) and the configured headers; the transport adds the credentials.
 */
final class WebhookAlertSender implements AlertSender {

    private final URI uri;
    private final Map<String, String> headers;
    private final HttpTransport transport;
    private final RefusedBatchSplitter splitter = new RefusedBatchSplitter();

    WebhookAlertSender(URI uri, Map<String, String> headers, HttpTransport transport) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.transport = transport;
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) throws TransientFailureException, InterruptedException {
        return splitter.send(alerts, batch -> {
            Map<String, String> requestHeaders = new LinkedHashMap<>(headers);
            requestHeaders.put("Idempotency-Key", WebhookPayload.idempotencyKey(batch));
            return transport.postJson(uri, WebhookPayload.body(batch), requestHeaders);
        });
    }

    @Override
    public int lastStatus() {
        return transport.lastStatus();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "WebhookAlertSender{" + uri + ", headers=" + headers.keySet() + "}";
    }
}
