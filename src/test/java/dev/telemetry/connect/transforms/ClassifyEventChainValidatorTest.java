package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.source.TelemetrySourceConnector;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundle's connectors compile the rules of the ClassifyEvent entries of their own chains in validate(). */
class ClassifyEventChainValidatorTest {

    private static final String RULES = "transforms.classify.rules.";

    @Test
    void theShippedChainValidatesCleanly() {
        assertThat(ValidationErrors.of(
                        new TelemetrySourceConnector().validate(ConfigFiles.load("telemetry-source.properties"))))
                .isEmpty();
    }

    @Test
    void everyProblemOfEveryRuleIsReportedUnderItsOwnKey() {
        Map<String, String> config = ConfigFiles.load("telemetry-source.properties");
        config.put(RULES + "error_log.condition", "level ==");
        config.remove(RULES + "warning_log.severity");
        config.put(RULES + "slow_api.severity", "urgent");
        config.put(RULES + "purchase.category", " ");
        config.put(RULES + "purchse.condition", "event_type == 'purchase'");
        config.put(RULES + "slow_queries.threshold", "0.01");

        Map<String, List<String>> errors = ValidationErrors.of(new TelemetrySourceConnector().validate(config));

        assertThat(errors)
                .containsOnlyKeys(
                        RULES + "error_log.condition",
                        RULES + "warning_log.severity",
                        RULES + "slow_api.severity",
                        RULES + "purchase.category",
                        RULES + "purchse.condition",
                        RULES + "slow_queries.threshold");
        assertThat(errors.get(RULES + "error_log.condition"))
                .singleElement()
                .asString()
                .contains("rule 'error_log'")
                .containsPattern("line \\d+, column \\d+");
        assertThat(errors.get(RULES + "warning_log.severity"))
                .singleElement()
                .asString()
                .contains("needs a severity");
        assertThat(errors.get(RULES + "purchse.condition"))
                .singleElement()
                .asString()
                .contains("No rule named 'purchse'");
        assertThat(errors.get(RULES + "slow_queries.threshold"))
                .singleElement()
                .asString()
                .contains("Unknown rule property 'threshold'");
    }

    /** Every source connector of the bundle, on its shipped config: clean, then two broken rules reported by key. */
    @ParameterizedTest
    @CsvSource({
        "metrics-scrape-source.properties, dev.telemetry.connect.source.MetricsScrapeSourceConnector",
        "log-file-source.properties,       dev.telemetry.connect.source.LogFileSourceConnector",
        "kafka-health-source.properties,   dev.telemetry.connect.source.KafkaHealthSourceConnector",
        "telemetry-source.properties,      dev.telemetry.connect.source.TelemetrySourceConnector",
    })
    void everySourceConnectorChecksItsChain(String file, String connectorClass) throws Exception {
        Map<String, String> config = ConfigFiles.load(file);
        Connector connector = (Connector)
                Class.forName(connectorClass).getDeclaredConstructor().newInstance();
        Map<String, List<String>> before = ValidationErrors.of(connector.validate(config));
        String rule = config.get("transforms.classify.rules").split(",")[0].trim();
        config.put(RULES + rule + ".condition", "(");
        config.put(RULES + "typo.severity", "critical");
        Map<String, List<String>> after = ValidationErrors.of(connector.validate(config));
        after.keySet().removeAll(before.keySet());
        assertThat(after).as(file).containsOnlyKeys(RULES + rule + ".condition", RULES + "typo.severity");
    }

    @Test
    void unboundedConditionsAreRefusedAtValidation() {
        Map<String, String> config = ConfigFiles.load("telemetry-source.properties");
        config.put(RULES + "error_log.condition", "message.replace(' ', message) == ''");
        assertThat(ValidationErrors.of(new TelemetrySourceConnector().validate(config)))
                .containsOnlyKeys(RULES + "error_log.condition");
    }

    @Test
    void anySinkChainWithClassifyEventIsCheckedToo() {
        Map<String, String> config = ConfigFiles.load("alert-sink-file.properties");
        config.put("transforms", "tag," + config.get("transforms"));
        config.put("transforms.tag.type", ClassifyEvent.Header.class.getName());
        config.put("transforms.tag.rules", "loud");
        config.put("transforms.tag.rules.loud.condition", "level == 'ERROR'");
        assertThat(ValidationErrors.of(new AlertSinkConnector().validate(config)))
                .containsOnlyKeys("transforms.tag.rules.loud.severity");
    }

    @Test
    void keysClassifyEventDefinesAndOtherTransformsAreLeftToConnect() {
        Map<String, String> config = ConfigFiles.load("telemetry-source.properties");
        config.put("transforms.classify.rules", "");
        config.put("transforms.stamp.rules.x.condition", "nonsense ==");
        assertThat(ValidationErrors.of(new TelemetrySourceConnector().validate(config)))
                .isEmpty();
    }
}
