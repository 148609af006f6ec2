package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.source.MetricsScrapeSourceConnector;
import dev.telemetry.connect.testkit.HttpsReceiver;
import dev.telemetry.connect.testkit.TestPki;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrape targets over https with the bundle's shared TLS keys (connector-wide or per target) and per-target basic
 * auth, against local HTTPS receivers whose certificates a test CA signed.
 */
class ScrapeTargetSecurityTest {

    private static final String BODY = "# TYPE up_total counter\nup_total 1\n";

    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir);
    }

    private static Map<String, String> config(String url) {
        Map<String, String> props = new HashMap<>();
        props.put("targets", "secured");
        props.put("targets.secured.url", url);
        props.put("scrape.timeout.ms", "30000");
        props.put("scrape.interval.ms", "60000");
        props.put("tls.truststore.path", pki.truststore().toString());
        props.put("tls.truststore.password", TestPki.PASSWORD);
        props.put("targets.secured.tls.keystore.path", pki.keystore("client").toString());
        props.put("targets.secured.tls.keystore.password", TestPki.PASSWORD);
        props.put("targets.secured.basic.auth.user", "prometheus");
        props.put("targets.secured.basic.auth.password", "scr4pe-S3cret");
        return props;
    }

    private static ScrapeClient client(Map<String, String> props) {
        ScrapeTarget target = new MetricsScrapeSourceConfig(props).targets().get(0);
        return new ScrapeClient(target, 1024);
    }

    @Test
    void aTargetBehindMutualTlsAndBasicAuthIsScrapedAndRefusesAScrapeWithoutCredentials() throws Exception {
        String expected = HttpAuthorization.basic("prometheus", new Password("scr4pe-S3cret"))
                .orElseThrow();
        try (HttpsReceiver target = new HttpsReceiver(pki.serverContext("server"), true, expected, BODY)) {
            Map<String, String> props =
                    config(target.uri("localhost", "/metrics").toString());
            assertThat(ValidationErrors.of(new MetricsScrapeSourceConnector().validate(props)))
                    .isEmpty();

            assertThat(client(props).fetch().bytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(BODY);

            props.remove("targets.secured.basic.auth.user");
            props.remove("targets.secured.basic.auth.password");
            assertThatThrownBy(() -> client(props).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("HTTP 401");

            props.remove("targets.secured.tls.keystore.path");
            assertThatThrownBy(() -> client(props).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("https://localhost:");
            assertThat(target.accepted()).hasSize(1);
        }
    }

    @Test
    void aTargetWithACertificateForAnotherHostNameIsRefused() throws Exception {
        try (HttpsReceiver target = new HttpsReceiver(pki.serverContext("other"), false, null, BODY)) {
            Map<String, String> props =
                    config(target.uri("localhost", "/metrics").toString());

            assertThatThrownBy(() -> client(props).fetch())
                    .isInstanceOf(ScrapeClient.ScrapeFailedException.class)
                    .hasMessageContaining("https://localhost:")
                    .hasMessageContaining("localhost")
                    .hasMessageNotContaining("scr4pe-S3cret");
            assertThat(target.accepted()).isEmpty();
        }
    }

    @Test
    void perTargetCredentialMistakesAreErrorsOfTheirKeysAndSecretsAreNotShown() {
        Map<String, String> props = config("https://localhost:1/metrics");
        props.remove("targets.secured.basic.auth.user");
        props.put("targets.secured.tls.keystore.password", "Wr0ng-pass");
        Map<String, List<String>> errors = ValidationErrors.of(new MetricsScrapeSourceConnector().validate(props));

        assertThat(errors).containsOnlyKeys("targets.secured.basic.auth.password", "targets.secured.tls.keystore.path");
        assertThat(errors.toString()).contains("key store").doesNotContain("Wr0ng-pass", "scr4pe-S3cret");
    }
}
