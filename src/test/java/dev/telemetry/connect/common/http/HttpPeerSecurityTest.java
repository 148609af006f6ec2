package dev.telemetry.connect.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.testkit.HttpsReceiver;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.TestPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared TLS and authentication of {@link HttpTransport} against local JDK HTTPS receivers whose certificates a
 * test CA signed: trust through the configured trust store, host names verified, client certificates, basic auth.
 */
class HttpPeerSecurityTest {

    private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Password PASSWORD = new Password(TestPki.PASSWORD);

    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir);
    }

    private static TlsStores trusting() {
        return new TlsStores(pki.truststore().toString(), PASSWORD, "PKCS12", null, null, "PKCS12");
    }

    private static TlsStores trustingWithClientCertificate() {
        return new TlsStores(
                pki.truststore().toString(),
                PASSWORD,
                "PKCS12",
                pki.keystore("client").toString(),
                PASSWORD,
                "PKCS12");
    }

    private static HttpTransport transport(TlsStores stores, Optional<String> authorization) throws Exception {
        // Generous: a TLS handshake on a loaded 2-core machine can take seconds; no test here waits it out.
        return new HttpTransport(
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                SslContexts.create(stores),
                authorization);
    }

    @Test
    void aReceiverWithACertificateFromTheConfiguredCaIsReached() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), false, null, "")) {
            URI uri = receiver.uri("localhost", "/hook");
            HttpOutcome outcome = transport(trusting(), Optional.empty()).postJson(uri, JSON, Map.of());

            assertThat(outcome.isAccepted()).isTrue();
            assertThat(receiver.accepted())
                    .singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/hook"));
        }
    }

    @Test
    void theJvmTrustStoreDoesNotTrustTheTestCa() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), false, null, "")) {
            assertThatThrownBy(() -> transport(TlsStores.DEFAULT, Optional.empty())
                            .postJson(receiver.uri("localhost", "/hook"), JSON, Map.of()))
                    .isInstanceOf(DestinationRefusedException.class)
                    .hasMessageContaining("TLS handshake")
                    .hasMessageContaining("tls.truststore.path");
            assertThat(receiver.accepted()).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("other"), false, null, "")) {
            assertThatThrownBy(() -> transport(trusting(), Optional.empty())
                            .postJson(receiver.uri("localhost", "/hook"), JSON, Map.of()))
                    .isInstanceOf(DestinationRefusedException.class)
                    .hasMessageContaining("https://localhost:")
                    .hasMessageContaining("TLS handshake")
                    .hasMessageContaining("localhost")
                    .hasMessageContaining("host name");
            assertThat(receiver.accepted()).isEmpty();
        }
    }

    @Test
    void aReceiverThatRequiresAClientCertificateTakesOursAndRefusesNone() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), true, null, "")) {
            URI uri = receiver.uri("127.0.0.1", "/hook");

            assertThat(transport(trustingWithClientCertificate(), Optional.empty())
                            .postJson(uri, JSON, Map.of())
                            .isAccepted())
                    .isTrue();
            assertThatThrownBy(() -> transport(trusting(), Optional.empty()).postJson(uri, JSON, Map.of()))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("https://127.0.0.1:");
            assertThat(receiver.accepted()).hasSize(1);
        }
    }

    @Test
    void basicCredentialsAreSentAndTheirAbsenceIsRefusedWith401() throws Exception {
        String expected =
                HttpAuthorization.basic("alerts", new Password("pä:ss")).orElseThrow();
        assertThat(expected).isEqualTo("Basic YWxlcnRzOnDDpDpzcw==");
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), false, expected, "")) {
            URI uri = receiver.uri("localhost", "/api");

            assertThat(transport(trusting(), Optional.of(expected))
                            .postJson(uri, JSON, Map.of())
                            .isAccepted())
                    .isTrue();
            assertThatThrownBy(() -> transport(trusting(), Optional.empty()).postJson(uri, JSON, Map.of()))
                    .isInstanceOfSatisfying(
                            DestinationRefusedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(
                            () -> transport(trusting(), HttpAuthorization.basic("alerts", new Password("wrong-secret")))
                                    .postJson(uri, JSON, Map.of()))
                    .isInstanceOf(DestinationRefusedException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("wrong-secret");
            assertThat(receiver.accepted()).hasSize(1);
        }
    }

    @Test
    void aStoreOutsideTheOperatorsReadPathsIsRefusedBeforeItIsOpened() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("allowed"));
        try (OperatorSettings policy = OperatorSettings.set("telemetry.allowed.read.paths", elsewhere.toString())) {
            assertThatThrownBy(() -> SslContexts.create(trustingWithClientCertificate()))
                    .isInstanceOfSatisfying(
                            SslContexts.StoreException.class,
                            e -> assertThat(e.keystore()).isFalse())
                    .hasMessageContaining("trust store")
                    .hasMessageContaining("telemetry.allowed.read.paths");
        }
    }

    @Test
    void aWrongStorePasswordIsNamedWithoutShowingIt() {
        TlsStores wrong = new TlsStores(
                pki.truststore().toString(),
                PASSWORD,
                "PKCS12",
                pki.keystore("client").toString(),
                new Password("not-the-Password-123"),
                "PKCS12");
        assertThatThrownBy(() -> SslContexts.create(wrong))
                .isInstanceOfSatisfying(
                        SslContexts.StoreException.class,
                        e -> assertThat(e.keystore()).isTrue())
                .hasMessageContaining("key store")
                .hasMessageContaining(pki.keystore("client").toString())
                .hasMessageNotContaining("not-the-Password-123");
    }

    @Test
    void noStoresMeansTheJvmDefaults() throws Exception {
        assertThat(SslContexts.create(TlsStores.DEFAULT)).isEmpty();
        assertThat(HttpAuthorization.of(new Password("t0ken"), "user", PASSWORD))
                .contains("Bearer t0ken");
        assertThat(HttpAuthorization.of(null, null, null)).isEmpty();
    }
}
