package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code audit.topic} is refused at validation, on its key, when no producer could write it: without the worker's audit
 * client file (unset in the test JVM) the connector's producer overrides must say where the cluster is.
 */
class AuditValidationTest {

    private static Map<String, List<String>> errors(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "file", "file.path", "/tmp/audited.jsonl"));
        props.putAll(overrides);
        return ValidationErrors.of(new AlertSinkConnector().validate(props));
    }

    @Test
    void anAuditTopicWithoutTheOperatorsFileOrABootstrapOverrideIsRefusedOnItsKey() {
        assertThat(errors(Map.of("audit.topic", "alert_audit")).get("audit.topic"))
                .singleElement()
                .asString()
                .contains("audit.topic needs the worker's telemetry.audit.client.config")
                .contains("producer.override.bootstrap.servers");
    }

    @Test
    void anAuditTopicWithABootstrapOverrideOrNoAuditTopicIsAccepted() {
        assertThat(errors(
                        Map.of("audit.topic", "alert_audit", "producer.override.bootstrap.servers", "127.0.0.1:9092")))
                .doesNotContainKey("audit.topic");
        assertThat(errors(Map.of())).doesNotContainKey("audit.topic");
    }
}
