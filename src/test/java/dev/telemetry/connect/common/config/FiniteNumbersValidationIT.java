package dev.telemetry.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
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
 * NaN and the infinities pass Kafka's {@code Range} (every comparison with NaN is false) and made the generator's
 * pacer spin at 100% CPU. Through a real worker's {@code PUT /connector-plugins/{name}/config/validate}, every DOUBLE
 * key of every plugin the bundle ships (connectors, transforms, predicates) must refuse them, naming the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiniteNumbersValidationIT {

    private static final List<String> NOT_FINITE = List.of("NaN", "Infinity", "-Infinity");
    private static final String SOURCE = "dev.telemetry.connect.source.TelemetrySourceConnector";

    private EmbeddedConnectCluster connect;
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        connect = ConnectClusters.start("finite-numbers-it", 1, Map.of());
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            connect.stop();
        }
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
