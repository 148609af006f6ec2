package dev.telemetry.connect.transforms.predicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.testkit.TestRecords;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityAtLeastTest {

    private static final Schema NESTED = SchemaBuilder.struct()
            .field("severity", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();
    private static final Schema VALUE = SchemaBuilder.struct()
            .field("severity", Schema.OPTIONAL_STRING_SCHEMA)
            .field("meta", NESTED)
            .build();

    private static SeverityAtLeast<SourceRecord> predicate(Map<String, String> props) {
        SeverityAtLeast<SourceRecord> p = new SeverityAtLeast<>();
        p.configure(props);
        return p;
    }

    private static SourceRecord withField(String severity) {
        return TestRecords.value(VALUE, new Struct(VALUE).put("severity", severity))
                .topic("application_logs")
                .source();
    }

    private static SourceRecord withHeader(String severity) {
        SourceRecord r = TestRecords.value(Schema.STRING_SCHEMA, "v")
                .topic("application_logs")
                .source();
        if (severity != null) {
            r.headers().addString("severity", severity);
        }
        return r;
    }

    @ParameterizedTest(name = "{0} at least {1}: {2}")
    @CsvSource({
        "info,     info,     true",
        "info,     warning,  false",
        "info,     critical, false",
        "warning,  info,     true",
        "warning,  warning,  true",
        "warning,  critical, false",
        "critical, warning,  true",
        "CRITICAL, critical, true",
        ",         info,     false",
    })
    void comparesFieldAndHeader(String severity, String min, boolean expected) {
        assertThat(predicate(Map.of("min.severity", min)).test(withField(severity)))
                .as("field")
                .isEqualTo(expected);
        assertThat(predicate(Map.of("min.severity", min, "severity.header", "severity"))
                        .test(withHeader(severity)))
                .as("header")
                .isEqualTo(expected);
    }

    @Test
    void nestedFieldsAndSchemalessMaps() {
        SeverityAtLeast<SourceRecord> nested =
                predicate(Map.of("min.severity", "warning", "severity.field", "meta.severity"));
        Struct value = new Struct(VALUE).put("meta", new Struct(NESTED).put("severity", "critical"));
        assertThat(nested.test(TestRecords.value(VALUE, value).source())).isTrue();

        Map<String, Object> meta = new HashMap<>();
        meta.put("severity", "warning");
        assertThat(nested.test(TestRecords.value(Map.of("meta", meta)).source()))
                .isTrue();
        assertThat(nested.test(TestRecords.value(Map.of("meta", "flat")).source()))
                .isFalse();

        SeverityAtLeast<SourceRecord> indexed =
                predicate(Map.of("min.severity", "warning", "severity.field", "findings.1.severity"));
        Map<String, Object> findings =
                Map.of("findings", java.util.List.of(Map.of("severity", "info"), Map.of("severity", "critical")));
        assertThat(indexed.test(TestRecords.value(findings).source()))
                .as("a list index, as the sink reads it")
                .isTrue();
        assertThat(predicate(Map.of("min.severity", "info"))
                        .test(TestRecords.value(Map.of("other", 1)).source()))
                .isFalse();
    }

    /** A Filter with negate=true would otherwise drop such a record silently; the error reporter gets it instead. */
    @Test
    void aSeverityNamingNoSeverityIsADataException() {
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "warning"))
                        .test(TestRecords.value(Map.of("severity", "loud")).source()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'loud'")
                .hasMessageContaining("field 'severity'");
        SourceRecord withHeader = TestRecords.value(Map.of()).source();
        withHeader.headers().addString("sev", "urgent");
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "warning", "severity.header", "sev"))
                        .test(withHeader))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("header 'sev'");
    }

    @Test
    void tombstonesAreFalse() {
        assertThat(predicate(Map.of("min.severity", "info"))
                        .test(TestRecords.value(VALUE, null).source()))
                .isFalse();
        assertThat(predicate(Map.of("min.severity", "info", "severity.header", "severity"))
                        .test(TestRecords.value(VALUE, null).source()))
                .isFalse();
    }

    @Test
    void wrongShapesAreDataExceptions() {
        SeverityAtLeast<SourceRecord> p = predicate(Map.of("min.severity", "info"));
        assertThatThrownBy(() ->
                        p.test(TestRecords.value(Schema.STRING_SCHEMA, "text").source()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("Struct or Map");
        assertThatThrownBy(() -> p.test(TestRecords.value(Map.of("severity", 2)).source()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'severity'")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void configErrorsNameTheKey() {
        assertThatThrownBy(() -> predicate(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("min.severity");
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "high")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("min.severity")
                .hasMessageContaining("high");
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "info", "severity.source", "key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("severity.source");
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "info", "severity.field", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("severity.field");
        assertThatThrownBy(() -> predicate(Map.of("min.severity", "info", "severity.field", "a.")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("severity.field");
    }

    @Test
    void theOldSourceAndNameKeysAreDeprecatedAliases() {
        SeverityAtLeast<SourceRecord> fromHeader =
                predicate(Map.of("min.severity", "warning", "severity.source", "header", "severity.name", "sev"));
        SourceRecord record = withHeader(null);
        record.headers().addString("sev", "critical");
        assertThat(fromHeader.test(record))
                .as("severity.source=header is severity.header")
                .isTrue();

        SeverityAtLeast<SourceRecord> fromField = predicate(
                Map.of("min.severity", "warning", "severity.source", "field", "severity.name", "meta.severity"));
        Struct value = new Struct(VALUE).put("meta", new Struct(NESTED).put("severity", "critical"));
        assertThat(fromField.test(TestRecords.value(VALUE, value).source()))
                .as("severity.name is severity.field")
                .isTrue();

        assertThat(SeverityAtLeast.translateDeprecated(Map.of("severity.source", "HEADER")))
                .containsEntry("severity.header", "severity")
                .doesNotContainKeys("severity.source", "severity.name");
        assertThat(SeverityAtLeast.deprecationWarning("severity.header", false))
                .isEqualTo("'severity.source/severity.name' is deprecated and will be removed in the next release; "
                        + "use 'severity.header' instead");
    }

    @Test
    void versionAndConfig() {
        Predicate<SourceRecord> p = new SeverityAtLeast<>();
        assertThat(p.version()).isEqualTo(Version.get());
        assertThat(p.config().names())
                .containsExactlyInAnyOrder(
                        "min.severity", "severity.field", "severity.header", "severity.source", "severity.name");
    }

    /** With Kafka's Filter and negate=true, as Connect wires it: records below warning are dropped. */
    @Test
    void dropsNoiseWithKafkasFilter() {
        SeverityAtLeast<SourceRecord> atLeastWarning = predicate(Map.of("min.severity", "warning"));
        Filter<SourceRecord> filter = new Filter<>();
        filter.configure(Map.of());
        java.util.function.UnaryOperator<SourceRecord> dropNoise = r -> atLeastWarning.test(r) ? r : filter.apply(r);

        assertThat(dropNoise.apply(withField("info"))).isNull();
        assertThat(dropNoise.apply(withField("warning"))).isNotNull();
        assertThat(dropNoise.apply(withField("critical"))).isNotNull();
        assertThat(dropNoise.apply(withField(null)))
                .as("negated: a record without severity counts as noise")
                .isNull();
    }

    /** With Kafka's RegexRouter: records at warning or above go to the alerts topic, the rest stay. */
    @Test
    void routesAlertsWithKafkasRegexRouter() {
        SeverityAtLeast<SourceRecord> isAlert = predicate(Map.of("min.severity", "warning"));
        RegexRouter<SourceRecord> router = new RegexRouter<>();
        router.configure(Map.of("regex", ".*", "replacement", "alerts"));
        java.util.function.UnaryOperator<SourceRecord> route = r -> isAlert.test(r) ? router.apply(r) : r;

        assertThat(route.apply(withField("critical")).topic()).isEqualTo("alerts");
        assertThat(route.apply(withField("warning")).topic()).isEqualTo("alerts");
        assertThat(route.apply(withField("info")).topic()).isEqualTo("application_logs");
        assertThat(route.apply(withField(null)).topic()).isEqualTo("application_logs");
    }
}
