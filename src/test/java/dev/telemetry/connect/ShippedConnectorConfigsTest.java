package dev.telemetry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.IncidentKeys;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector file in config/ validates cleanly against its plugin, and its JSON twin says the same; every alert
 * sink alerts in incidents, with each lifecycle key set.
 */
class ShippedConnectorConfigsTest {

    static Stream<String> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            List<String> names = new ArrayList<>();
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .sorted()
                    .filter(n -> ConfigFiles.load(n).containsKey("connector.class"))
                    .forEach(names::add);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void validatesWithoutErrors(String fileName) throws Exception {
        Map<String, String> config = ConfigFiles.load(fileName);
        Connector connector = (Connector) Class.forName(config.get("connector.class"))
                .getDeclaredConstructor()
                .newInstance();
        assertThat(ValidationErrors.of(connector.validate(config))).as(fileName).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void jsonTwinHoldsTheSameSettings(String fileName) {
        assertThat(ConfigFiles.jsonTwin(fileName))
                .as("JSON twin of " + fileName)
                .isEqualTo(ConfigFiles.load(fileName));
    }

    static Stream<String> alertSinkFiles() throws IOException {
        return connectorFiles()
                .filter(n -> AlertSinkConnector.class
                        .getName()
                        .equals(ConfigFiles.load(n).get("connector.class")));
    }

    @ParameterizedTest
    @MethodSource("alertSinkFiles")
    void alertSinksRunTheIncidentLifecycleWithEveryKeySet(String fileName) {
        Map<String, String> config = ConfigFiles.load(fileName);
        assertThat(config)
                .as(fileName + ": the lifecycle keys a team reviews, none left to a default")
                .containsKeys(
                        IncidentKeys.ENABLED_CONFIG,
                        IncidentKeys.KEY_FIELDS_CONFIG,
                        IncidentKeys.CONDITION_CONFIG,
                        IncidentKeys.RESOLVE_AFTER_MS_CONFIG,
                        IncidentKeys.ALLOWED_LATENESS_MS_CONFIG,
                        IncidentKeys.REPEAT_INTERVAL_MS_CONFIG,
                        IncidentKeys.MAX_OPEN_CONFIG,
                        IncidentKeys.MAX_EXAMPLES_CONFIG);
        AlertSinkConfig parsed = new AlertSinkConfig(config);
        assertThat(parsed.getBoolean(IncidentKeys.ENABLED_CONFIG)).as(fileName).isTrue();
        assertThat(parsed.getLong(IncidentKeys.REPEAT_INTERVAL_MS_CONFIG))
                .as(fileName + ": a repeat comes after the silence that resolves")
                .isGreaterThan(parsed.getLong(IncidentKeys.RESOLVE_AFTER_MS_CONFIG));
        if (config.containsKey("transforms")) {
            // A stream sink behind the Filter: grouped by what went wrong and where.
            assertThat(parsed.getList(IncidentKeys.KEY_FIELDS_CONFIG))
                    .as(fileName)
                    .containsExactly(AlertSinkConfig.KEY_CATEGORY, AlertSinkConfig.KEY_SOURCE);
        } else {
            // The health sink sees every record, so the entity's OK (severity info, another category than its
            // alerts) resolves its incident: keyed by source alone, with min.severity above info.
            assertThat(config).as(fileName).containsEntry("topics", "kafka_health");
            assertThat(parsed.getList(IncidentKeys.KEY_FIELDS_CONFIG))
                    .as(fileName)
                    .containsExactly(AlertSinkConfig.KEY_SOURCE);
            assertThat(config).as(fileName).containsEntry("min.severity", "warning");
        }
    }
}
