package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.TelemetrySourceConfig;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void alterOffsetsAcceptsValidOffsetsAndResets() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("stream", "logs"), Map.of("seq", 5L));
        offsets.put(Map.of("stream", "web"), Map.of("seq", 99L, "seed", 7L));
        offsets.put(Map.of("stream", "api"), null);
        offsets.put(Map.of("not", "ours"), null);
        assertThat(connector.alterOffsets(Map.of("generator.seed", "7", "max.records", "100"), offsets))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '`',
            value = {
                "seq-string          => 'seq' must be a whole number, the sequence number of the last record emitted",
                "seq-string          => but is the string \"x\"",
                "seq-negative        => 'seq' must be between 0 and 99 (max.records - 1, the stream's last record), but is -5",
                "seq-max             => 'seq' must be between 0 and 99 (max.records - 1, the stream's last record)",
                "seq-max             => but is 9223372036854775807",
                "seq-past-end        => 'seq' must be between 0 and 99 (max.records - 1, the stream's last record), but is 100",
                "seq-fraction        => 'seq' must be a whole number, the sequence number of the last record emitted",
                "seq-fraction        => but is 5.5 (Double)",
                "seq-missing         => but is missing",
                "unknown-offset-key  => unknown key 'position'",
                "other-seed          => 'seed' is 8 but the connector's generator.seed is 7",
                "seed-string         => 'seed' must be a whole number",
                "unknown-stream      => names no stream: 'stream' must be one of [web, mobile, api, database, logs, events]",
                "other-partition     => is not one of this connector's: a partition is {\"stream\": <stream>}",
            })
    void alterOffsetsRefusesWhatATaskCouldNotResumeNamingTheProblem(String name, String message) {
        Map<String, Object> partition = new HashMap<>(Map.of("stream", "logs"));
        Map<String, Object> offset = new HashMap<>();
        switch (name) {
            case "seq-string" -> offset.put("seq", "x");
            case "seq-negative" -> offset.put("seq", -5L);
            case "seq-max" -> offset.put("seq", Long.MAX_VALUE);
            case "seq-past-end" -> offset.put("seq", 100L);
            case "seq-fraction" -> offset.put("seq", 5.5);
            case "seq-missing" -> offset.put("seed", 7L);
            case "unknown-offset-key" -> offset.putAll(Map.of("seq", 1L, "position", 1L));
            case "other-seed" -> offset.putAll(Map.of("seq", 1L, "seed", 8L));
            case "seed-string" -> offset.putAll(Map.of("seq", 1L, "seed", "7"));
            case "unknown-stream" -> {
                partition.put("stream", "clicks");
                offset.put("seq", 1L);
            }
            case "other-partition" -> {
                partition.put("file", "x");
                offset.put("seq", 1L);
            }
            default -> throw new IllegalArgumentException(name);
        }
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("stream", "web"), Map.of("seq", 1L));
        offsets.put(partition, offset);
        assertThatThrownBy(() -> connector.alterOffsets(Map.of("generator.seed", "7", "max.records", "100"), offsets))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void alterOffsetsWithoutMaxRecordsAllowsAnySeqThatCannotOverflow() {
        Map<Map<String, ?>, Map<String, ?>> offsets =
                Map.of(Map.of("stream", "logs"), Map.of("seq", Long.MAX_VALUE - 1));
        assertThat(connector.alterOffsets(Map.of(), offsets)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(
                        Map.of(), Map.of(Map.of("stream", "logs"), Map.of("seq", Long.MAX_VALUE))))
                .hasMessageContaining("'seq' must be between 0 and 9223372036854775806, but is 9223372036854775807");
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
