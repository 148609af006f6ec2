package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incident keys are refused at validation with a message on each key involved. */
class IncidentValidationTest {

    private static Map<String, List<String>> errors(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "file", "file.path", "/tmp/incidents.jsonl"));
        props.putAll(overrides);
        return ValidationErrors.of(new AlertSinkConnector().validate(props));
    }

    @Test
    void aConditionOtherThanImmediateNeedsIncidentsOn() {
        Map<String, List<String>> errors = errors(Map.of("incident.condition", "count"));
        assertThat(errors.get("incident.condition")).singleElement().asString().contains("incident.enabled=true");
        assertThat(errors.get("incident.enabled")).isNotEmpty();
        assertThat(errors(Map.of("incident.condition", "count", "incident.enabled", "true")))
                .doesNotContainKeys("incident.condition", "incident.enabled");
    }

    @Test
    void aDedupWindowIsRefusedWithIncidents() {
        Map<String, List<String>> errors = errors(Map.of("incident.enabled", "true", "dedup.window.ms", "1000"));
        assertThat(errors.get("dedup.window.ms")).singleElement().asString().contains("incident.enabled=true");
    }

    @Test
    void anAllowedLatenessBelowZeroOrOverAnHourIsRefusedOnItsKey() {
        assertThat(errors(Map.of("incident.enabled", "true", "incident.allowed.lateness.ms", "-1"))
                        .get("incident.allowed.lateness.ms"))
                .singleElement()
                .asString()
                .contains("incident.allowed.lateness.ms");
        assertThat(errors(Map.of("incident.enabled", "true", "incident.allowed.lateness.ms", "3600001")))
                .containsKey("incident.allowed.lateness.ms");
        assertThat(errors(Map.of("incident.enabled", "true", "incident.allowed.lateness.ms", "0")))
                .doesNotContainKey("incident.allowed.lateness.ms");
    }

    @Test
    void anUnknownConditionIsRefusedOnItsKey() {
        assertThat(errors(Map.of("incident.condition", "sometimes")).get("incident.condition"))
                .singleElement()
                .asString()
                .contains("incident.condition");
    }
}
