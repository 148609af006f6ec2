package dev.telemetry.connect.sink.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.http.DestinationRefusedException;
import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.testkit.HttpsReceiver;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.TestPki;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's configuration of TLS, client certificates and basic auth, from its keys through
 * {@link AlertSenderFactory} to a local HTTPS receiver, and the validation of those keys.
 */
class HttpsDestinationsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final String USER = "alerts";
    private static final String SECRET = "b4sic-S3cret";

    @TempDir
    static Path dir;

    private static TestPki pki;
    private final AlertFactory factory = new AlertFactory(
            new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> NOW);

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir);
    }

    private Alert alert(long offset) {
        return factory.create(SinkRecords.log("alerts", 0, offset, "critical", "svc", "disk full", NOW.toEpochMilli()));
    }

    private static Map<String, String> secured(String destination, String urlKey, String url) {
        Map<String, String> props = new HashMap<>();
        props.put("destination", destination);
        props.put(urlKey, url);
        props.put("tls.truststore.path", pki.truststore().toString());
        props.put("tls.truststore.password", TestPki.PASSWORD);
        props.put("tls.keystore.path", pki.keystore("client").toString());
        props.put("tls.keystore.password", TestPki.PASSWORD);
        props.put("basic.auth.user", USER);
        props.put("basic.auth.password", SECRET);
        props.put("http.request.timeout.ms", "30000");
        return props;
    }

    private static String basic() {
        return HttpAuthorization.basic(USER, new Password(SECRET)).orElseThrow();
    }

    @Test
    void theWebhookIsReachedOverMutualTlsWithBasicAuth() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), true, basic(), "")) {
            Map<String, String> props = secured(
                    "webhook", "webhook.url", receiver.uri("localhost", "/hook").toString());
            assertThat(ValidationErrors.of(new AlertSinkConnector().validate(props)))
                    .isEmpty();
            try (AlertSender sender = AlertSenderFactory.create(new AlertSinkConfig(props))) {
                assertThat(sender.send(List.of(alert(1))).rejections()).isEmpty();
            }
            assertThat(receiver.accepted())
                    .singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("alerts-0-1"));

            props.remove("basic.auth.user");
            props.remove("basic.auth.password");
            try (AlertSender sender = AlertSenderFactory.create(new AlertSinkConfig(props))) {
                assertThatThrownBy(() -> sender.send(List.of(alert(2))))
                        .isInstanceOfSatisfying(
                                DestinationRefusedException.class,
                                e -> assertThat(e.status()).isEqualTo(401));
            }
        }
    }

    @Test
    void alertmanagerGetsBasicCredentialsAndAMisnamedCertificateIsRefused() throws Exception {
        try (HttpsReceiver receiver = new HttpsReceiver(pki.serverContext("server"), false, basic(), "");
                HttpsReceiver misnamed = new HttpsReceiver(pki.serverContext("other"), false, null, "")) {
            Map<String, String> props = secured(
                    "alertmanager",
                    "alertmanager.urls",
                    receiver.uri("localhost", "/").toString());
            try (AlertSender sender = AlertSenderFactory.create(new AlertSinkConfig(props))) {
                assertThat(sender.send(List.of(alert(1))).rejections()).isEmpty();
            }
            assertThat(receiver.accepted())
                    .singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v2/alerts"));

            props.put("alertmanager.urls", misnamed.uri("localhost", "/").toString());
            try (AlertSender sender = AlertSenderFactory.create(new AlertSinkConfig(props))) {
                assertThatThrownBy(() -> sender.send(List.of(alert(2))))
                        .isInstanceOf(DestinationRefusedException.class)
                        .hasMessageContaining("TLS handshake")
                        .hasMessageContaining("host name")
                        .hasMessageNotContaining(SECRET);
            }
            assertThat(misnamed.accepted()).isEmpty();
        }
    }

    @Test
    void credentialsThatDoNotFitTheDestinationAreRefusedOnTheirKeys() {
        Map<String, String> slack = secured("slack", "slack.webhook.url", "https://127.0.0.1:1/services/x");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(slack)))
                .containsOnlyKeys("basic.auth.user", "destination")
                .extractingByKey("basic.auth.user")
                .asList()
                .anySatisfy(m -> assertThat(m).asString().contains("webhook or alertmanager"));

        Map<String, String> both = secured("webhook", "webhook.url", "https://127.0.0.1:1/hook");
        both.put("webhook.auth.token", "t0ken");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(both)))
                .containsOnlyKeys("basic.auth.user", "webhook.auth.token");

        Map<String, String> noUser = secured("webhook", "webhook.url", "https://127.0.0.1:1/hook");
        noUser.remove("basic.auth.user");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(noUser)))
                .containsOnlyKeys("basic.auth.user", "basic.auth.password");

        Map<String, String> colon = secured("webhook", "webhook.url", "https://127.0.0.1:1/hook");
        colon.put("basic.auth.user", "a:b");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(colon)))
                .containsOnlyKeys("basic.auth.user");
    }

    @Test
    void storesAreCheckedAtValidationAndStartWithoutShowingTheirPasswords() throws Exception {
        Map<String, String> wrongPassword = secured("webhook", "webhook.url", "https://127.0.0.1:1/hook");
        wrongPassword.put("tls.keystore.password", "Wr0ng-pass");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(wrongPassword)))
                .containsOnlyKeys("tls.keystore.path", "tls.keystore.password")
                .allSatisfy((key, messages) ->
                        assertThat(messages.toString()).contains("key store").doesNotContain("Wr0ng-pass"));

        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Map<String, String> outside = secured("webhook", "webhook.url", "https://127.0.0.1:1/hook");
        try (OperatorSettings policy = OperatorSettings.set("telemetry.allowed.read.paths", allowed.toString())) {
            assertThat(ValidationErrors.of(new AlertSinkConnector().validate(outside)))
                    .containsOnlyKeys("tls.truststore.path", "tls.truststore.password");
            assertThatThrownBy(() -> AlertSenderFactory.create(new AlertSinkConfig(outside)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("tls.truststore.path: ")
                    .hasMessageContaining("telemetry.allowed.read.paths");
        }
    }
}
