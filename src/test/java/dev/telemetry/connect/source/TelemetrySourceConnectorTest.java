package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetrySourceConnectorTest {

    private final TelemetrySourceConnector connector = new TelemetrySourceConnector();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 50})
    void spreadsStreamsOverTasksWithoutSharingAny(int maxTasks) {
        connector.start(Map.of());
        List<Map<String, String>> configs = connector.taskConfigs(maxTasks);

        assertThat(configs).hasSize(Math.min(maxTasks, TelemetryStream.values().length));
        List<String> assigned = new ArrayList<>();
        for (Map<String, String> config : configs) {
            String streams = config.get(TelemetrySourceConfig.TASK_STREAMS_CONFIG);
            assertThat(streams).isNotBlank();
            assigned.addAll(List.of(streams.split(",")));
        }
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(TelemetryStream.NAMES);
    }

    @Test
    void tasksKeepTheConnectorConfig() {
        connector.start(Map.of("streams", "logs,api", "rate.per.second", "7"));
        List<Map<String, String>> configs = connector.taskConfigs(4);
        assertThat(configs).hasSize(2);
        assertThat(configs).allSatisfy(c -> assertThat(c).containsEntry("rate.per.second", "7"));
    }

    @Test
    void declaresExactlyOnceSupportAndItsVersion() {
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.version()).isEqualTo(Version.get()).doesNotContain("${");
    }

    @Test
    void defaultsAreValid() {
        assertThat(errors(Map.of())).isEmpty();
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        Map<String, String> props = new HashMap<>();
        props.put("streams", "web,clicks");
        props.put("topic.logs", "bad topic!");
        props.put("rate.per.second", "-1");
        props.put("max.batch.size", "0");
        props.put("anomaly.rate", "1.5");
        props.put("max.records", "0");
        props.put("generator.seed", "not-a-number");

        Map<String, List<String>> errors = errors(props);

        assertThat(errors.keySet())
                .containsExactlyInAnyOrder(
                        "streams",
                        "topic.logs",
                        "rate.per.second",
                        "max.batch.size",
                        "anomaly.rate",
                        "max.records",
                        "generator.seed");
        assertThat(errors.get("streams").get(0)).contains("clicks").contains("web");
        assertThat(errors.get("topic.logs").get(0)).contains("bad topic!");
        assertThat(errors.get("anomaly.rate").get(0)).contains("anomaly.rate");
        assertThat(errors.get("max.records").get(0)).contains("at least 1");
    }

    @Test
    void refusesEmptyOrRepeatedStreams() {
        assertThat(errors(Map.of("streams", "")).get("streams").get(0)).contains("at least one");
        assertThat(errors(Map.of("streams", "web,WEB")).get("streams").get(0)).contains("twice");
    }

    @Test
    void recommendsTheStreamNames() {
        ConfigValue streams = connector.validate(Map.of()).configValues().stream()
                .filter(v -> v.name().equals("streams"))
                .findFirst()
                .orElseThrow();
        assertThat(streams.recommendedValues()).containsExactlyElementsOf(new ArrayList<>(TelemetryStream.NAMES));
    }

    private Map<String, List<String>> errors(Map<String, String> props) {
        return ValidationErrors.of(connector.validate(props));
    }
}
