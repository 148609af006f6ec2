package dev.telemetry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a real worker's REST API answers a user about the bundle's configs, on one worker for all of it:
 *
 * <ul>
 *   <li>NaN and the infinities pass Kafka's {@code Range} (every comparison with NaN is false) and made the
 *       generator's pacer spin at 100% CPU: every DOUBLE key of every plugin the bundle ships (connectors, transforms,
 *       predicates) must refuse them at {@code PUT /connector-plugins/{name}/config/validate}, naming the key.
 *   <li>What a REST user could make the worker read, write or call beyond the operator's policy is refused with a
 *       message on the key: creating such a connector creates nothing, and the configs' secrets never come back.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestValidationIT {

    private static final List<String> NOT_FINITE = List.of("NaN", "Infinity", "-Infinity");
    private static final String SOURCE = "dev.telemetry.connect.source.TelemetrySourceConnector";
    private static final String LOG_SOURCE = "dev.telemetry.connect.source.LogFileSourceConnector";
    private static final String SCRAPE_SOURCE = "dev.telemetry.connect.source.MetricsScrapeSourceConnector";
    private static final String ALERT_SINK = "dev.telemetry.connect.sink.AlertSinkConnector";

    private EmbeddedConnectCluster connect;
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void releaseCluster() {
        SharedConnectCluster.release();
    }

    @Test
    void theGeneratorRatesRefuseNaNAndInfinity() {
        for (String key : List.of("rate.per.second", "anomaly.rate")) {
            for (String value : NOT_FINITE) {
                Map<String, String> config = connectorConfig(SOURCE, false);
                config.put(key, value);
                assertThat(errors(SOURCE, config))
                        .as("%s=%s", key, value)
                        .hasEntrySatisfying(
                                key,
                                messages -> assertThat(messages)
                                        .anySatisfy(
                                                m -> assertThat(m).contains(key).contains("finite")));
            }
        }
    }

    @Test
    void everyDoubleKeyOfEveryShippedPluginRefusesNaNAndInfinity() {
        int checked = 0;
        for (Connector connector : shipped(Connector.class)) {
            String connectorClass = connector.getClass().getName();
            for (String key : doubleKeys(connector.config())) {
                for (String value : NOT_FINITE) {
                    Map<String, String> config = connectorConfig(connectorClass, connector instanceof SinkConnector);
                    config.put(key, value);
                    assertRefused(connectorClass, config, key, value);
                    checked++;
                }
            }
        }
        for (Transformation<?> transform : shipped(Transformation.class)) {
            for (String key : doubleKeys(transform.config())) {
                for (String value : NOT_FINITE) {
                    Map<String, String> config = connectorConfig(SOURCE, false);
                    config.put("transforms", "t");
                    config.put("transforms.t.type", transform.getClass().getName());
                    config.put("transforms.t." + key, value);
                    assertRefused(SOURCE, config, "transforms.t." + key, value);
                    checked++;
                }
            }
        }
        for (Predicate<?> predicate : shipped(Predicate.class)) {
            for (String key : doubleKeys(predicate.config())) {
                for (String value : NOT_FINITE) {
                    Map<String, String> config = connectorConfig(SOURCE, false);
                    config.put("predicates", "p");
                    config.put("predicates.p.type", predicate.getClass().getName());
                    config.put("predicates.p." + key, value);
                    assertRefused(SOURCE, config, "predicates.p." + key, value);
                    checked++;
                }
            }
        }
        assertThat(checked).as("the bundle has DOUBLE keys to check").isGreaterThanOrEqualTo(2 * NOT_FINITE.size());
    }

    @Test
    void secretsAndTheWorkersOwnFilesCannotBeCopiedIntoATopic() {
        for (String glob : List.of("/etc/kafka/secrets.properties", "/proc/1/environ", "/root/.ssh/*")) {
            assertCreationRefused(
                    "copy-secrets",
                    config(LOG_SOURCE, "files", glob, "topic.logs", "stolen"),
                    "files",
                    "telemetry.allowed.read.paths");
        }
    }

    @Test
    void theWorkersFilesCannotBeOverwrittenOrRotatedAway() {
        assertCreationRefused(
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
        assertCreationRefused(
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
        assertCreationRefused(
                "metadata-scrape",
                config(SCRAPE_SOURCE, "targets", "m", "targets.m.url", "http://169.254.169.254/computeMetadata/v1/"),
                "targets.m.url",
                "169.254.169.254");
        assertCreationRefused(
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

    private void assertCreationRefused(String name, Map<String, String> config, String key, String reason) {
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

    private void assertRefused(String connectorClass, Map<String, String> config, String key, String value) {
        assertThat(errors(connectorClass, config))
                .as("%s: %s=%s", connectorClass, key, value)
                .containsKey(key);
    }

    private Map<String, List<String>> errors(String connectorClass, Map<String, String> config) {
        String plugin = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        RestClient.Response response = rest.put("connector-plugins/" + plugin + "/config/validate", config);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ValidationErrors.of(response.json());
    }

    private static Map<String, String> connectorConfig(String connectorClass, boolean sink) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("name", "finite-numbers");
        if (sink) {
            config.put("topics", "alerts");
        }
        return config;
    }

    private static List<String> doubleKeys(ConfigDef def) {
        return def.configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.DOUBLE)
                .map(key -> key.name)
                .toList();
    }

    /** The bundle's own plugins of a type, as plugin.discovery=service_load finds them. */
    private static <T> List<T> shipped(Class<T> type) {
        List<T> plugins = new ArrayList<>();
        List<Class<?>> services =
                type == Connector.class ? List.of(SourceConnector.class, SinkConnector.class) : List.of(type);
        for (Class<?> service : services) {
            for (Object plugin : ServiceLoader.load(service)) {
                String name = plugin.getClass().getName();
                if (name.startsWith("dev.telemetry.connect.") && !name.startsWith("dev.telemetry.connect.testkit.")) {
                    plugins.add(type.cast(plugin));
                }
            }
        }
        return plugins;
    }
}
