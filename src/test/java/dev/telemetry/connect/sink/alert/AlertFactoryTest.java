package dev.telemetry.connect.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.testkit.TestRecords;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final long EVENT = Instant.parse("2026-11-25T07:59:59Z").toEpochMilli();

    private AlertFactory factory(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "file", "file.path", "/tmp/alerts.jsonl"));
        props.putAll(overrides);
        return new AlertFactory(new AlertSinkConfig(props), () -> NOW);
    }

    @Test
    void buildsAnAlertFromAClassifiedStruct() {
        Alert alert = factory(Map.of("labels.fields", "endpoint,level"))
                .create(SinkRecords.log(
                        "alerts", 2, 41, "critical", "payment-service", "Payment provider timeout\nat X", EVENT));

        assertThat(alert.id()).isEqualTo("alerts-2-41");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.category()).isEqualTo("alert");
        assertThat(alert.source()).isEqualTo("payment-service");
        assertThat(alert.summary()).isEqualTo("Payment provider timeout");
        assertThat(alert.description()).isEqualTo("Payment provider timeout\nat X");
        assertThat(alert.labels())
                .containsExactly(Map.entry("endpoint", "/api/v1/checkout"), Map.entry("level", "ERROR"));
        assertThat(alert.eventTime()).isEqualTo(Instant.ofEpochMilli(EVENT));
        assertThat(alert.processedTime()).isEqualTo(Instant.ofEpochMilli(EVENT + 15));
        assertThat(alert.records()).singleElement().satisfies(record -> {
            assertThat(record.kafkaOffset()).isEqualTo(41);
            assertThat(((Struct) record.value()).getString("service")).isEqualTo("payment-service");
        });
        assertThat(alert.occurrences()).isEqualTo(1);
        assertThat(alert.link()).isNull();
    }

    @Test
    void readsSeverityAndCategoryFromHeadersOfSchemalessRecords() {
        SinkRecord record = SinkRecords.schemaless(
                "alerts", 0, 7, Map.of("service", "api-gateway", "response_time", 4200.5, "timestamp", EVENT));
        record.headers().addString("severity", "warning").addString("category", "performance");

        Alert alert = factory(Map.of()).create(record);

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.category()).isEqualTo("performance");
        assertThat(alert.source()).isEqualTo("api-gateway");
        assertThat(alert.summary()).isEqualTo("warning performance alert from api-gateway");
        assertThat(alert.description().lines())
                .as("the fields, readable, not the record as JSON again")
                .containsExactlyInAnyOrder("service: api-gateway", "response_time: 4200.5", "timestamp: " + EVENT);
        assertThat(alert.eventTime()).isEqualTo(Instant.ofEpochMilli(EVENT));
        assertThat(alert.processedTime()).isNull();
    }

    @Test
    void recordsFromOtherProducersGetTheDefaults() {
        SinkRecord record = TestRecords.value(Schema.STRING_SCHEMA, "disk almost full")
                .topic("ops")
                .offset(3)
                .sink();

        Alert alert = factory(Map.of("default.severity", "critical", "default.category", "ops"))
                .create(record);

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.category()).isEqualTo("ops");
        assertThat(alert.source()).isEqualTo("ops");
        assertThat(alert.summary()).isEqualTo("disk almost full");
        assertThat(alert.eventTime()).isEqualTo(NOW);
    }

    @Test
    void fillsTemplatesFromFieldPathsAndAlertProperties() {
        SinkRecord record = SinkRecords.schemaless(
                "alerts",
                1,
                9,
                Map.of(
                        "severity",
                        "warning",
                        "data",
                        Map.of("response_time", 3100, "endpoint", "/cart"),
                        "service",
                        "cart-service"));

        Alert alert = factory(Map.of(
                        "summary.template", "${severity}: slow ${data.endpoint} on ${source}",
                        "description.template",
                                "took ${data.response_time} ms (${missing:-n/a}) at ${topic}/${partition}/${offset}",
                        "alert.link.template", "http://grafana.local/d/api?var-service=${service}",
                        "labels.fields", "data.endpoint"))
                .create(record);

        assertThat(alert.summary()).isEqualTo("warning: slow /cart on cart-service");
        assertThat(alert.description()).isEqualTo("took 3100 ms (n/a) at alerts/1/9");
        assertThat(alert.link()).isEqualTo("http://grafana.local/d/api?var-service=cart-service");
        assertThat(alert.labels()).containsExactly(Map.entry("data_endpoint", "/cart"));
    }

    @Test
    void refusesRecordsThatCannotBecomeAlertsSayingWhatArrived() {
        AlertFactory factory = factory(Map.of());
        assertThatThrownBy(() -> factory.create(
                        TestRecords.value(null).topic("alerts").offset(5).sink()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("alerts-0@5")
                .hasMessageContaining("tombstone");
        assertThatThrownBy(() -> factory.create(TestRecords.value(Schema.INT32_SCHEMA, 12)
                        .topic("alerts")
                        .offset(6)
                        .sink()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> factory.create(SinkRecords.schemaless("alerts", 0, 8, Map.of("severity", "loud"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'loud'")
                .hasMessageContaining("severity");
    }

    @Test
    void labelNamesAreValidPrometheusNames() {
        assertThat(AlertFactory.labelName("data.response-time")).isEqualTo("data_response_time");
        assertThat(AlertFactory.labelName("9lives")).isEqualTo("_9lives");
        assertThat(List.of("a.b", "c"))
                .allSatisfy(p -> assertThat(AlertFactory.labelName(p)).matches("[A-Za-z_][A-Za-z0-9_]*"));
    }
}
