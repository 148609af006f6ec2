package dev.telemetry.connect.common.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a user of a real worker's REST API could make it read, write or call, refused by the worker with a message on
 * the key: creating such a connector creates nothing, and the secrets of the configs never come back in an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPolicyIT {

    private static final String LOG_SOURCE = "dev.telemetry.connect.source.LogFileSourceConnector";
    private static final String SCRAPE_SOURCE = "dev.telemetry.connect.source.MetricsScrapeSourceConnector";
    private static final String ALERT_SINK = "dev.telemetry.connect.sink.AlertSinkConnector";

    private EmbeddedConnectCluster connect;
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        connect = ConnectClusters.start("operator-policy-it", 1, Map.of());
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void secretsAndTheWorkersOwnFilesCannotBeCopiedIntoATopic() {
        for (String glob : List.of("/etc/kafka/secrets.properties", "/proc/1/environ", "/root/.ssh/*")) {
            assertRefused(
                    "copy-secrets",
                    config(LOG_SOURCE, "files", glob, "topic.logs", "stolen"),
                    "files",
                    "telemetry.allowed.read.paths");
        }
    }

    @Test
    void theWorkersFilesCannotBeOverwrittenOrRotatedAway() {
        assertRefused(
                "overwrite",
                config(
                        ALERT_SINK,
                        "topics",
                        "alerts",
                        "destination",
                        "file",
                        "file.path",
                        "/etc/connect-distributed.properties",
                        "file.rotate.bytes",
                        "1"),
                "file.path",
                "telemetry.allowed.write.paths");
    }

    @Test
    void metadataAndLinkLocalAddressesAreNeverCalled() {
        assertRefused(
                "metadata-webhook",
                config(
                        ALERT_SINK,
                        "topics",
                        "alerts",
                        "destination",
                        "webhook",
                        "webhook.url",
                        "http://169.254.169.254/latest/meta-data/iam/security-credentials"),
                "webhook.url",
                "169.254.169.254");
        assertRefused(
                "metadata-scrape",
                config(SCRAPE_SOURCE, "targets", "m", "targets.m.url", "http://169.254.169.254/computeMetadata/v1/"),
                "targets.m.url",
                "169.254.169.254");
        assertRefused(
                "link-local-alertmanager",
                config(
                        ALERT_SINK,
                        "topics",
                        "alerts",
                        "destination",
                        "alertmanager",
                        "alertmanager.urls",
                        "http://[fe80::1]:9093"),
                "alertmanager.urls",
                "fe80");
    }

    @Test
    void theWebhookUrlAndHeadersNeverComeBackInAnAnswer() {
        Map<String, String> config = config(
                ALERT_SINK,
                "topics",
                "alerts",
                "destination",
                "webhook",
                "webhook.url",
                "http://127.0.0.1:9/hooks/T000/B000/xoxb-url-secret",
                "webhook.headers",
                "X-Api-Key: header-secret-value");
        RestClient.Response validated = rest.put("connector-plugins/AlertSinkConnector/config/validate", config);
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body()).doesNotContain("xoxb-url-secret", "header-secret-value");

        config.put("webhook.headers", "X-Api-Key header-secret-value");
        RestClient.Response refused = rest.put("connectors/bad-headers/config", config);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("webhook.headers").doesNotContain("header-secret-value", "xoxb-url-secret");
    }

    private void assertRefused(String name, Map<String, String> config, String key, String reason) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).as("refusal of %s", key).contains(key, reason);
        assertThat(rest.get("connectors").body()).doesNotContain(name);
    }

    private static Map<String, String> config(String connectorClass, String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }
}
