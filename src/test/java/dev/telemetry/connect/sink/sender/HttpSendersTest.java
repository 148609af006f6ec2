package dev.telemetry.connect.sink.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.ScriptedHttpServer.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSendersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private final AlertFactory factory = new AlertFactory(
            new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> NOW);
    private final HttpTransport transport =
            new HttpTransport(Duration.ofSeconds(10), Duration.ofSeconds(10), Clock.systemUTC());
    private final List<ScriptedHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ScriptedHttpServer::close);
    }

    private ScriptedHttpServer server(
            java.util.function.Function<ScriptedHttpServer.Request, ScriptedHttpServer.Reply> script) throws Exception {
        ScriptedHttpServer server = new ScriptedHttpServer(script);
        servers.add(server);
        return server;
    }

    private Alert alert(long offset, String message) {
        return factory.create(SinkRecords.log("alerts", 0, offset, "critical", "svc", message, NOW.toEpochMilli()));
    }

    @Test
    void webhookSendsTheBatchWithTokenHeadersAndIdempotencyKey() throws Exception {
        ScriptedHttpServer server = server(r -> new Status(200));
        HttpTransport withToken = new HttpTransport(
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                Optional.empty(),
                HttpAuthorization.bearer(new Password("s3cr3t")));
        WebhookAlertSender sender = new WebhookAlertSender(server.uri("/hook"), Map.of("X-Team", "ops"), withToken);

        DeliveryResult result = sender.send(List.of(alert(1, "a"), alert(2, "b")));

        assertThat(result.rejections()).isEmpty();
        ScriptedHttpServer.Request request = server.requests().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cr3t");
        assertThat(request.header("X-Team")).isEqualTo("ops");
        assertThat(request.header("Idempotency-Key")).startsWith("batch-");
        assertThat(request.body()).contains("alerts-0-1").contains("alerts-0-2");
        assertThat(sender.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void webhookIsolatesTheAlertsARefusedBatchReallyContains() throws Exception {
        ScriptedHttpServer server =
                server(r -> r.body().contains("poison") ? new Status(400, "bad_alert", Map.of()) : new Status(200));
        WebhookAlertSender sender = new WebhookAlertSender(server.uri("/hook"), Map.of(), transport);

        DeliveryResult result = sender.send(List.of(alert(1, "fine"), alert(2, "poison"), alert(3, "fine too")));

        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.alert().id()).isEqualTo("alerts-0-2");
            assertThat(r.reason()).contains("HTTP 400").endsWith(": bad_alert");
        });
        assertThat(server.requests())
                .extracting(req -> req.header("Idempotency-Key"))
                .containsSubsequence("alerts-0-1", "alerts-0-2", "alerts-0-3");
        assertThat(server.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void aRetryAfterATransientFailureDuringIsolationCarriesOnWhereItStopped() throws Exception {
        java.util.concurrent.atomic.AtomicInteger singles = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedHttpServer server = server(r -> {
            if (r.body().contains("poison")) {
                return new Status(400, "bad_alert", Map.of());
            }
            // The second good alert sent on its own (b) fails once with a 503.
            return singles.incrementAndGet() == 2 ? new Status(503) : new Status(200);
        });
        WebhookAlertSender sender = new WebhookAlertSender(server.uri("/hook"), Map.of(), transport);
        List<Alert> batch = List.of(alert(1, "poison"), alert(2, "a"), alert(3, "b"), alert(4, "c"));

        assertThatThrownBy(() -> sender.send(batch)).isInstanceOf(TransientFailureException.class);
        DeliveryResult retried = sender.send(batch);

        assertThat(retried.rejections()).extracting(r -> r.alert().id()).containsExactly("alerts-0-1");
        // batch, poison, a, b (503), then on retry only b again and c: nothing delivered twice, no batch resent.
        assertThat(server.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .hasSize(6)
                .endsWith("alerts-0-3", "alerts-0-4");
    }

    @Test
    void webhookServerErrorsPropagateAsTransient() throws Exception {
        ScriptedHttpServer server = server(r -> new Status(500));
        WebhookAlertSender sender = new WebhookAlertSender(server.uri("/hook"), Map.of(), transport);
        assertThatThrownBy(() -> sender.send(List.of(alert(1, "a")))).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void alertmanagerIsDeliveredWhenAnyMemberOfThePairAccepts() throws Exception {
        ScriptedHttpServer down = server(r -> new Status(503));
        ScriptedHttpServer up = server(r -> new Status(200));
        AlertmanagerAlertSender sender = new AlertmanagerAlertSender(
                List.of(down.uri(""), up.uri("/")),
                "TelemetryAlert",
                Duration.ofMinutes(5),
                transport,
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(sender.send(List.of(alert(1, "a"))).rejections()).isEmpty();
        assertThat(down.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v2/alerts"));
        assertThat(up.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v2/alerts"));

        up.script(r -> new Status(502));
        assertThatThrownBy(() -> sender.send(List.of(alert(2, "b"))))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("No Alertmanager");
    }

    @Test
    void slackPostsOneMessagePerAlertPacedAndNeverTwice() throws Exception {
        ScriptedHttpServer server = server(r -> new Status(200));
        List<Duration> sleeps = new ArrayList<>();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SlackAlertSender sender = new SlackAlertSender(
                server.uri("/services/T/B/X"), Duration.ofSeconds(1), transport, clock, sleeps::add);

        Alert first = alert(1, "a");
        Alert second = alert(2, "b");
        sender.send(List.of(first, second));
        // The task retries with the very alerts it queued; another record with a known id is a new alert.
        sender.send(List.of(first, second, alert(3, "c")));
        sender.send(List.of(alert(1, "a record of a topic created again")));

        assertThat(server.requests()).hasSize(4);
        assertThat(server.requests().get(0).body()).contains("\"blocks\"");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void slackRateLimitIsTransientWithRetryAfter() throws Exception {
        ScriptedHttpServer server = server(r -> new Status(429, "rate_limited", Map.of("Retry-After", "30")));
        SlackAlertSender sender =
                new SlackAlertSender(server.uri("/s"), Duration.ZERO, transport, Clock.systemUTC(), d -> {});
        assertThatThrownBy(() -> sender.send(List.of(alert(1, "a"))))
                .isInstanceOfSatisfying(
                        TransientFailureException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void theFactoryBuildsTheConfiguredDestination() {
        assertThat(AlertSenderFactory.create(new AlertSinkConfig(
                        Map.of("destination", "webhook", "webhook.url", "http://127.0.0.1:1/hook"))))
                .isInstanceOf(WebhookAlertSender.class);
        assertThat(AlertSenderFactory.create(new AlertSinkConfig(
                        Map.of("destination", "alertmanager", "alertmanager.urls", "http://127.0.0.1:9093"))))
                .isInstanceOf(AlertmanagerAlertSender.class);
        assertThat(AlertSenderFactory.create(new AlertSinkConfig(
                        Map.of("destination", "slack", "slack.webhook.url", "https://hooks.slack.local/x"))))
                .isInstanceOf(SlackAlertSender.class);
    }
}
