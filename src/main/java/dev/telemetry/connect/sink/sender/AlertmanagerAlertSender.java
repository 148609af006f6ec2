package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.http.DestinationRefusedException;
import dev.telemetry.connect.common.http.HttpOutcome;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.AlertmanagerPayload;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to every configured Alertmanager, as Prometheus does for a high-availability pair: the members share
 * alerts among themselves, so a request is delivered once any member accepts it, and fails transiently only when none
 * could be reached.
 */
final class AlertmanagerAlertSender implements AlertSender {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerAlertSender.class);

    private final List<URI> endpoints;
    private final String alertName;
    private final Duration resolveTimeout;
    private final HttpTransport transport;
    private final Clock clock;
    private final RefusedBatchSplitter splitter = new RefusedBatchSplitter();

    AlertmanagerAlertSender(
            List<URI> baseUris, String alertName, Duration resolveTimeout, HttpTransport transport, Clock clock) {
        this.endpoints =
                baseUris.stream().map(AlertmanagerAlertSender::alertsEndpoint).toList();
        this.alertName = alertName;
        this.resolveTimeout = resolveTimeout;
        this.transport = transport;
        this.clock = clock;
    }

    static URI alertsEndpoint(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + "api/v2/alerts");
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) throws TransientFailureException, InterruptedException {
        return splitter.send(alerts, this::postToEach);
    }

    private HttpOutcome postToEach(List<Alert> alerts) throws TransientFailureException, InterruptedException {
        byte[] body = AlertmanagerPayload.body(alerts, alertName, resolveTimeout, clock.instant());
        HttpOutcome refused = null;
        List<TransientFailureException> failures = new ArrayList<>();
        boolean accepted = false;
        for (URI endpoint : endpoints) {
            try {
                HttpOutcome outcome = transport.postJson(endpoint, body, Map.of());
                if (outcome.isAccepted()) {
                    accepted = true;
                } else {
                    refused = outcome;
                }
            } catch (TransientFailureException e) {
                failures.add(e);
                log.warn("Alertmanager {} did not take {} alert(s): {}", endpoint, alerts.size(), e.getMessage());
            }
        }
        if (accepted) {
            return HttpOutcome.accepted(200);
        }
        if (refused != null) {
            return refused;
        }
        for (TransientFailureException failure : failures) {
            // A member that answers but refuses us needs its setting fixed, even when another member is down.
            if (failure instanceof DestinationRefusedException refusal) {
                throw refusal;
            }
        }
        TransientFailureException first = failures.get(0);
        throw new TransientFailureException(
                "No Alertmanager took the alerts: " + first.getMessage(),
                first,
                first.retryAfter().orElse(null));
    }

    @Override
    public int lastStatus() {
        return transport.lastStatus();
    }

    @Override
    public void close() {}
}
