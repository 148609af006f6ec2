package dev.telemetry.connect.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.ScriptedHttpServer.Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private final HttpTransport transport =
            new HttpTransport(Duration.ofSeconds(2), Duration.ofMillis(1_500), Clock.fixed(NOW, ZoneOffset.UTC));
    private ScriptedHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI serve(ScriptedHttpServer.Reply reply) throws Exception {
        server = new ScriptedHttpServer(request -> reply);
        return server.uri("/hook");
    }

    @Test
    void postsJsonWithTheHeadersAndAccepts2xx() throws Exception {
        URI uri = serve(new Status(202));
        HttpOutcome outcome = transport.postJson(uri, BODY, Map.of("X-Team", "ops"));
        assertThat(outcome.isAccepted()).isTrue();
        ScriptedHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Team")).isEqualTo("ops");
        assertThat(request.body()).isEqualTo("{\"a\":1}");
    }

    /** Refused before any request: nothing is sent to an address the worker's operator does not allow. */
    @Test
    void anAddressTheOperatorDoesNotAllowIsRefusedWithoutARequest() throws Exception {
        URI uri = serve(new Status(200, "", Map.of()));
        assertThatThrownBy(
                        () -> transport.postJson(URI.create("http://169.254.169.254/latest/meta-data"), BODY, Map.of()))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("169.254.169.254")
                .hasMessageNotContaining("meta-data")
                .satisfies(e ->
                        assertThat(((DestinationRefusedException) e).status()).isZero());

        try (OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.networks", "10.0.0.0/8")) {
            HttpTransport narrowed = new HttpTransport(
                    Duration.ofSeconds(2), Duration.ofMillis(1_500), Clock.fixed(NOW, ZoneOffset.UTC));
            assertThatThrownBy(() -> narrowed.postJson(uri, BODY, Map.of()))
                    .isInstanceOf(DestinationRefusedException.class)
                    .hasMessageContaining("outside");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void serverErrorsAreTransient() throws Exception {
        URI uri = serve(new Status(503, "maintenance", Map.of()));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining(": maintenance");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSecondsOrAsADate() throws Exception {
        URI uri = serve(new Status(429, "", Map.of("Retry-After", "3")));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOfSatisfying(
                        TransientFailureException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
        assertThat(transport.retryAfter("Wed, 25 Nov 2026 08:00:07 GMT")).isEqualTo(Duration.ofSeconds(7));
        assertThat(transport.retryAfter("soon")).isNull();
    }

    @Test
    void clientErrorsAreRefusedForGoodWithTheErrorCodeOfTheBody() throws Exception {
        URI uri = serve(new Status(400, "invalid_payload\n", Map.of()));
        HttpOutcome outcome = transport.postJson(uri, BODY, Map.of());
        assertThat(outcome.isAccepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.refusal()).isEqualTo("HTTP 400 from POST " + HttpOrigin.of(uri) + ": invalid_payload");
    }

    @Test
    void aRefusalNeverQuotesFreeTextWhichMayEchoWhatWasSent() throws Exception {
        String echo = "{\"error\":\"bad alert\",\"received\":{\"token\":\"s3cret-in-a-label\"}}";
        URI uri = serve(new Status(422, echo, Map.of("Content-Type", "application/json; charset=utf-8")));
        HttpOutcome outcome = transport.postJson(uri, BODY, Map.of());
        assertThat(outcome.refusal())
                .isEqualTo("HTTP 422 from POST " + HttpOrigin.of(uri) + " (" + echo.length()
                        + "-byte application/json body not shown)");

        server.script(request -> new Status(503, "Service s3cret-host is down", Map.of("Content-Type", "<script>")));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageEndingWith("(27-byte body not shown)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void redirectsAreNotFollowedAndRefuseTheDestination() throws Exception {
        URI uri = serve(new Status(302, "", Map.of("Location", "http://elsewhere.invalid/")));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOfSatisfying(
                        DestinationRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(302))
                .hasMessageContaining("redirects are not followed");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void refusalsAboutTheDestinationAreNotRefusalsOfTheRecord() throws Exception {
        for (int status : new int[] {401, 403, 404, 405, 410}) {
            URI uri = serve(new Status(status, "nope", Map.of()));
            assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                    .as("HTTP %d", status)
                    .isInstanceOfSatisfying(
                            DestinationRefusedException.class,
                            e -> assertThat(e.status()).isEqualTo(status))
                    .hasMessageContaining("HTTP " + status);
            server.close();
        }
        for (int status : new int[] {400, 413, 422}) {
            URI uri = serve(new Status(status, "this alert", Map.of()));
            assertThat(transport.postJson(uri, BODY, Map.of()).refusal())
                    .as("HTTP %d", status)
                    .contains("HTTP " + status);
            server.close();
        }
        server = null;
    }

    @Test
    void aHangPastTheTimeoutAndADroppedConnectionAreTransient() throws Exception {
        URI hanging = serve(new ScriptedHttpServer.Hang(4_000));
        assertThatThrownBy(() -> transport.postJson(hanging, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("timed out");
        server.script(request -> new ScriptedHttpServer.Drop());
        assertThatThrownBy(() -> transport.postJson(hanging, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class);
    }

    @Test
    void messagesNeverShowTheUrlPathWhichMayBeASecret() throws Exception {
        server = new ScriptedHttpServer(request -> new Status(503));
        URI secret = server.uri("/services/T000/B000/s3cr3tpath");
        assertThatThrownBy(() -> transport.postJson(secret, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("http://127.0.0.1:")
                .hasMessageNotContaining("s3cr3tpath");
        assertThat(HttpOrigin.of(URI.create("https://hooks.slack.com/services/T/B/X")))
                .isEqualTo("https://hooks.slack.com");
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsTransient() throws Exception {
        URI uri = serve(new ScriptedHttpServer.StallBody(5_000));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("timed out after 3000 ms");
    }

    @Test
    void requestTimeoutIsTransient() throws Exception {
        URI uri = serve(new Status(408));
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of())).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        URI uri = serve(new Status(200));
        server.close();
        server = null;
        assertThatThrownBy(() -> transport.postJson(uri, BODY, Map.of()))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("ConnectException");
    }

    @Test
    void anEndlessBodyIsReadOnlyAsFarAsTheLimitAndTheCallReturns() throws Exception {
        long oneGiB = 1L << 30;
        URI uri = serve(new ScriptedHttpServer.StreamBody(400, oneGiB));
        HttpTransport patient = new HttpTransport(Duration.ofSeconds(5), Duration.ofMinutes(10), Clock.systemUTC());

        HttpOutcome outcome = patient.postJson(uri, BODY, Map.of());

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.refusal())
                .startsWith("HTTP 400")
                .endsWith("(over " + HttpTransport.BODY_READ_LIMIT + "-byte body not shown)");
        // The client stopped reading after a few KiB; socket buffers let the server write a little more, not 1 GiB.
        assertThat(server.bytesStreamed()).isLessThan(64L << 20);
    }

    @Test
    void anAbsurdRetryAfterIsCappedInsteadOfOverflowing() {
        assertThat(transport.retryAfter("99999999999999999")).isEqualTo(HttpTransport.RETRY_AFTER_MAX);
        assertThat(transport.retryAfter("999999999999999999999999")).isEqualTo(HttpTransport.RETRY_AFTER_MAX);
        assertThat(transport.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")).isEqualTo(HttpTransport.RETRY_AFTER_MAX);
        assertThat(transport.retryAfter("86400")).isEqualTo(Duration.ofDays(1));
        assertThat(transport.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
    }
}
