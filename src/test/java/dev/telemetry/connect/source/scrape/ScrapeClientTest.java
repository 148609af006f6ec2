package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape's HTTP exchange against real local servers: headers, token, trust store, size cap. */
class ScrapeClientTest {

    private static final String BODY = "# TYPE up_total counter\nup_total 1\n";

    @TempDir
    Path dir;

    /** Nothing is sent to an address the worker's operator does not allow, the target's own nor a redirect's. */
    @Test
    void anAddressTheOperatorDoesNotAllowIsNeverScraped() throws Exception {
        assertThatThrownBy(() -> new ScrapeClient(
                                target(URI.create("http://169.254.169.254/metrics"), "s3cret", null), 1024)
                        .fetch())
                .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("telemetry.allowed.networks")
                .extracting(ScrapeClientTest::reason)
                .isEqualTo(ScrapeFailure.Reason.NOT_ALLOWED);
        try (ScriptedHttpServer server =
                        new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, BODY, Map.of()));
                OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.networks", "10.0.0.0/8")) {
            assertThatThrownBy(() -> new ScrapeClient(target(server.uri("/metrics"), "s3cret", null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("outside")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.NOT_ALLOWED);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void asksForOpenMetricsFirstAndSendsTheBearerToken() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(
                200, BODY, Map.of("Content-Type", "application/openmetrics-text; version=1.0.0")))) {
            ScrapeClient.Body body = new ScrapeClient(target(server.uri("/metrics"), "s3cret", null), 1024).fetch();

            assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo(BODY);
            assertThat(ExpositionFormat.fromContentType(body.contentType())).isEqualTo(ExpositionFormat.OPENMETRICS);
            ScriptedHttpServer.Request request = server.requests().get(0);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
            assertThat(request.header("Accept")).startsWith("application/openmetrics-text");
            assertThat(request.header("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("10.0");
        }
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheToken() throws Exception {
        try (ScriptedHttpServer server =
                new ScriptedHttpServer(request -> request.path().equals("/metrics")
                        ? new ScriptedHttpServer.Status(301, "", Map.of("Location", "/metrics/"))
                        : new ScriptedHttpServer.Status(200, BODY, Map.of("Content-Type", "text/plain")))) {
            ScrapeClient.Body body = new ScrapeClient(target(server.uri("/metrics"), "s3cret", null), 1024).fetch();

            assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo(BODY);
            assertThat(server.requests())
                    .extracting(ScriptedHttpServer.Request::path)
                    .containsExactly("/metrics", "/metrics/");
            assertThat(server.requests().get(1).header("Authorization")).isEqualTo("Bearer s3cret");
        }
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedSoTheTokenStaysHome() throws Exception {
        try (ScriptedHttpServer elsewhere = new ScriptedHttpServer(
                        request -> new ScriptedHttpServer.Status(200, BODY, Map.of("Content-Type", "text/plain")));
                ScriptedHttpServer server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(
                        302, "", Map.of("Location", elsewhere.uri("/collect").toString())))) {
            assertThatThrownBy(() -> new ScrapeClient(target(server.uri("/metrics"), "s3cret", null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("HTTP 302")
                    .hasMessageContaining("another origin, " + HttpOrigin.of(elsewhere.uri("/")))
                    .hasMessageNotContaining("/collect")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.REDIRECT);
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void aRedirectLoopEndsAfterTheLimit() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                request -> new ScriptedHttpServer.Status(307, "", Map.of("Location", "/metrics")))) {
            assertThatThrownBy(() -> new ScrapeClient(target(server.uri("/metrics"), null, null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("more than " + ScrapeClient.MAX_REDIRECTS + " redirects")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.REDIRECT);
            assertThat(server.requests()).hasSize(ScrapeClient.MAX_REDIRECTS + 1);
        }
    }

    @Test
    void aBodyDeclaredOrReadPastTheLimitIsRefused() throws Exception {
        try (ScriptedHttpServer server =
                new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, "x 1\n".repeat(500), Map.of()))) {
            assertThatThrownBy(() -> new ScrapeClient(target(server.uri("/metrics"), null, null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("scrape.max.bytes (1024 bytes)")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.BODY_TOO_LARGE);
        }
        // Chunked: no Content-Length, so the limit is found while reading.
        com.sun.net.httpserver.HttpServer chunked =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        chunked.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 500; i++) {
                    out.write("x 1\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (java.io.IOException refusedByTheClient) {
                // The client stops reading once past the limit.
            }
        });
        chunked.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + chunked.getAddress().getPort() + "/metrics");
            assertThatThrownBy(() -> new ScrapeClient(target(url, null, null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("scrape.max.bytes (1024 bytes)")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.BODY_TOO_LARGE);
        } finally {
            chunked.stop(0);
        }
    }

    @Test
    void anHttpsTargetIsTrustedThroughItsTrustStoreOnly() throws Exception {
        char[] password = "changeit".toCharArray();
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit");
        Path cert = dir.resolve("server.crt");
        keytool(
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                cert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                "changeit");

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/metrics", exchange -> {
            byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
            assertThat(new ScrapeClient(target(url, null, trustStore.toString()), 1024)
                            .fetch()
                            .bytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(BODY);
            assertThatThrownBy(() -> new ScrapeClient(target(url, null, null), 1024).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("https://127.0.0.1:")
                    .extracting(ScrapeClientTest::reason)
                    .isEqualTo(ScrapeFailure.Reason.CONNECTION);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The HTTP request's own timeout and the scrape's wait for it have the same length, so either may expire first;
     * a loaded machine saw the request's win and a message without the timeout. Each of these scrapes of a target
     * that never answers in time must read the same.
     */
    @Test
    void aTargetThatDoesNotAnswerInTimeIsAScrapeTimeoutWhicheverTimerExpiresFirst() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Hang(2_000))) {
            ScrapeClient client = new ScrapeClient(target(server.uri("/metrics"), null, null, 100), 1024);
            for (int scrape = 0; scrape < 10; scrape++) {
                assertThatThrownBy(client::fetch)
                        .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                        .hasMessage("scrape timed out after 100 ms");
            }
        }
    }

    private static ScrapeTarget target(URI url, String token, String trustStore) {
        // Generous: a TLS handshake on a loaded 2-core machine can take seconds; no test here waits it out.
        return target(url, token, trustStore, 10_000);
    }

    private static ScrapeTarget target(URI url, String token, String trustStore, long timeoutMs) {
        return new ScrapeTarget(
                "t",
                url,
                "t",
                Map.of(),
                30_000,
                timeoutMs,
                token == null ? null : new Password(token),
                new TlsStores(
                        trustStore,
                        trustStore == null ? null : new Password("changeit"),
                        "PKCS12",
                        null,
                        null,
                        "PKCS12"),
                null,
                null);
    }

    private static ScrapeFailure.Reason reason(Throwable failed) {
        return ((ScrapeClient.ScrapeFailedException) failed).failure().reason();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
