package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.http.HttpOutcome;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.retry.Sleeper;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.SlackPayload;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Posts one Slack message per alert to an incoming webhook, at most one every {@code slack.min.interval.ms} (Slack
 * allows about one message per second per webhook and answers 429 with a Retry-After beyond that). Slack has no
 * idempotency key, so the sender remembers what became of its recent alerts and does not post them again when a
 * half-delivered batch is retried.
 */
public final class SlackAlertSender implements AlertSender {

    private final URI webhook;
    private final Duration minInterval;
    private final HttpTransport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SettledAlerts settled = new SettledAlerts();
    private Instant lastPost = Instant.MIN;

    public SlackAlertSender(URI webhook, Duration minInterval, HttpTransport transport, Clock clock, Sleeper sleeper) {
        this.webhook = webhook;
        this.minInterval = minInterval;
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) throws TransientFailureException, InterruptedException {
        return send(alerts, Instant.MAX);
    }

    /** Stops before a pacing wait that would end after {@code deadline}; the alerts left are returned as not sent. */
    @Override
    public DeliveryResult send(List<Alert> alerts, Instant deadline)
            throws TransientFailureException, InterruptedException {
        List<Alert> pending = settled.unsettled(alerts);
        for (int i = 0; i < pending.size(); i++) {
            if (nextPostAt().isAfter(deadline)) {
                return new DeliveryResult(settled.resultFor(alerts).rejections(), pending.subList(i, pending.size()));
            }
            Alert alert = pending.get(i);
            pace();
            HttpOutcome outcome = transport.postJson(webhook, SlackPayload.body(alert), Map.of());
            if (outcome.isAccepted()) {
                settled.delivered(alert);
            } else {
                settled.refused(alert, outcome.refusal());
            }
        }
        return settled.resultFor(alerts);
    }

    private Instant nextPostAt() {
        return lastPost.equals(Instant.MIN) ? Instant.MIN : lastPost.plus(minInterval);
    }

    private void pace() throws InterruptedException {
        Instant now = clock.instant();
        if (lastPost.isAfter(Instant.MIN)) {
            Duration since = Duration.between(lastPost, now);
            if (since.compareTo(minInterval) < 0) {
                sleeper.sleep(minInterval.minus(since));
            }
        }
        lastPost = clock.instant();
    }

    @Override
    public int lastStatus() {
        return transport.lastStatus();
    }

    @Override
    public void close() {}
}
