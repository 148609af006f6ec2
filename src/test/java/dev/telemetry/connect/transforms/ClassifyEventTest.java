package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.DeprecatedKeys;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.testkit.TestRecords;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

class ClassifyEventTest {

    private static final Schema API = SchemaBuilder.struct()
            .name("Api")
            .version(3)
            .doc("api doc")
            .field("stream", Schema.STRING_SCHEMA)
            .field("response_time", Schema.FLOAT64_SCHEMA)
            .field(
                    "data",
                    SchemaBuilder.struct()
                            .name("Data")
                            .field("code", Schema.INT32_SCHEMA)
                            .optional()
                            .build())
            .build();

    static Map<String, String> rules() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("rules", "error,slow_api,server_error");
        props.put("rules.error.condition", "level == 'ERROR'");
        props.put("rules.error.severity", "critical");
        props.put("rules.error.category", "alert");
        props.put("rules.slow_api.condition", "response_time > 1000");
        props.put("rules.slow_api.severity", "WARNING");
        props.put("rules.slow_api.category", "performance");
        props.put("rules.server_error.condition", "data.code >= 500");
        props.put("rules.server_error.severity", "warning");
        props.put("default.severity", "info");
        props.put("default.category", "telemetry");
        return props;
    }

    private static <T extends Transformation<SourceRecord>> T configured(T transform, Map<String, String> props) {
        transform.configure(props);
        return transform;
    }

    private static SourceRecord record(Schema schema, Object value) {
        return TestRecords.value(schema, value)
                .topic("raw_data")
                .key(Schema.STRING_SCHEMA, "k")
                .timestamp(42L)
                .source();
    }

    private static Struct api(double responseTime, Integer code) {
        Struct value = new Struct(API).put("stream", "api").put("response_time", responseTime);
        if (code != null) {
            value.put("data", new Struct(API.field("data").schema()).put("code", code));
        }
        return value;
    }

    @Test
    void valueVariantAddsFieldsAndEvolvesTheSchema() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        SourceRecord out = classify.apply(record(API, api(1500.0, null)));

        Schema schema = out.valueSchema();
        assertThat(schema.name()).isEqualTo("Api");
        assertThat(schema.version()).isEqualTo(3);
        assertThat(schema.doc()).isEqualTo("api doc");
        assertThat(schema.field("severity").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("category").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        Struct value = (Struct) out.value();
        value.validate();
        assertThat(value.getString("severity")).isEqualTo("warning");
        assertThat(value.getString("category")).isEqualTo("performance");
        assertThat(value.getFloat64("response_time")).isEqualTo(1500.0);
        assertThat(value.getString("stream")).isEqualTo("api");
        assertThat(out.topic()).isEqualTo("raw_data");
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.timestamp()).isEqualTo(42L);
    }

    @Test
    void keyVariantClassifiesTheKeyAndAddsFieldsToIt() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Key<>(), rules());
        Struct key = api(2500.0, null);
        SourceRecord in = TestRecords.value(Schema.STRING_SCHEMA, "v")
                .topic("raw_data")
                .key(API, key)
                .timestamp(42L)
                .source();

        SourceRecord out = classify.apply(in);

        Struct updatedKey = (Struct) out.key();
        updatedKey.validate();
        assertThat(out.keySchema().field("severity").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(updatedKey.getString("severity")).isEqualTo("warning");
        assertThat(updatedKey.getString("category")).isEqualTo("performance");
        assertThat(out.value()).isEqualTo("v");
        assertThat(out.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);

        Map<String, Object> schemalessKey = Map.of("level", "ERROR");
        SourceRecord schemaless = classify.apply(
                TestRecords.value(null).key(null, schemalessKey).timestamp(1L).source());
        @SuppressWarnings("unchecked")
        Map<String, Object> updated = (Map<String, Object>) schemaless.key();
        assertThat(updated).containsEntry("severity", "critical").containsEntry("level", "ERROR");

        SourceRecord nullKey =
                TestRecords.value(API, api(1.0, null)).timestamp(1L).source();
        assertThat(classify.apply(nullKey)).isSameAs(nullKey);
        assertThatThrownBy(() -> classify.apply(TestRecords.value(null)
                        .key(Schema.STRING_SCHEMA, "plain")
                        .timestamp(1L)
                        .source()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ClassifyEvent$Key");
    }

    @Test
    void firstMatchingRuleDecidesAndDefaultsApplyOtherwise() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        Struct both = (Struct) classify.apply(record(API, api(1500.0, 503))).value();
        assertThat(both.getString("category")).isEqualTo("performance");

        Struct serverError =
                (Struct) classify.apply(record(API, api(10.0, 503))).value();
        assertThat(serverError.getString("severity")).isEqualTo("warning");
        assertThat(serverError.getString("category"))
                .as("rule without category")
                .isEqualTo("telemetry");

        Struct fast = (Struct) classify.apply(record(API, api(10.0, null))).value();
        assertThat(fast.getString("severity")).isEqualTo("info");
        assertThat(fast.getString("category")).isEqualTo("telemetry");
    }

    @Test
    void derivedSchemaIsCachedPerInputSchema() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        Schema first = classify.apply(record(API, api(1.0, null))).valueSchema();
        Schema second = classify.apply(record(API, api(2000.0, 200))).valueSchema();
        assertThat(second).isSameAs(first);
    }

    @Test
    void schemalessMapsGetEntries() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        Map<String, Object> value = new HashMap<>();
        value.put("level", "ERROR");
        value.put("message", "boom");
        SourceRecord out = classify.apply(record(null, value));
        assertThat(out.valueSchema()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> updated = (Map<String, Object>) out.value();
        assertThat(updated)
                .containsEntry("severity", "critical")
                .containsEntry("category", "alert")
                .containsEntry("message", "boom");
        assertThat(value).doesNotContainKey("severity");
    }

    @Test
    void existingStringFieldIsOverwrittenInPlace() {
        Schema withSeverity = SchemaBuilder.struct()
                .field("level", Schema.STRING_SCHEMA)
                .field("severity", Schema.STRING_SCHEMA)
                .build();
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        Struct in = new Struct(withSeverity).put("level", "ERROR").put("severity", "info");
        SourceRecord out = classify.apply(record(withSeverity, in));
        assertThat(out.valueSchema().fields())
                .extracting(f -> f.name())
                .containsExactly("level", "severity", "category");
        assertThat(((Struct) out.value()).getString("severity")).isEqualTo("critical");
    }

    @Test
    void existingFieldOfAnotherTypeIsADataException() {
        Schema clash = SchemaBuilder.struct()
                .name("Clash")
                .field("severity", Schema.INT32_SCHEMA)
                .build();
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), rules());
        assertThatThrownBy(() -> classify.apply(record(clash, new Struct(clash).put("severity", 3))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'severity'")
                .hasMessageContaining("INT32")
                .hasMessageContaining("STRING");
    }

    @Test
    void customOutputNames() {
        Map<String, String> props = rules();
        props.put("severity.field", "sev");
        props.put("category.field", "cat");
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Value<>(), props);
        Struct out = (Struct) classify.apply(record(API, api(1500.0, null))).value();
        assertThat(out.getString("sev")).isEqualTo("warning");
        assertThat(out.getString("cat")).isEqualTo("performance");
        assertThat(out.schema().field("severity")).isNull();
    }

    @Test
    void headerVariantWritesHeadersAndLeavesTheValueAlone() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Header<>(), rules());
        Struct value = api(1500.0, null);
        SourceRecord in = record(API, value);
        in.headers().addString("severity", "stale");
        SourceRecord out = classify.apply(in);

        assertThat(out.value()).isSameAs(value);
        assertThat(out.valueSchema()).isSameAs(API);
        assertThat(out.headers().allWithName("severity")).toIterable().hasSize(1);
        Header severity = out.headers().lastWithName(TelemetrySchemas.SEVERITY);
        assertThat(severity.value()).isEqualTo("warning");
        assertThat(severity.schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(out.headers().lastWithName("category").value()).isEqualTo("performance");
        assertThat(in.headers().lastWithName("severity").value())
                .as("input headers untouched")
                .isEqualTo("stale");
    }

    @Test
    void headerVariantClassifiesSchemalessMaps() {
        ClassifyEvent<SourceRecord> classify = configured(new ClassifyEvent.Header<>(), rules());
        SourceRecord out = classify.apply(record(null, Map.of("level", "ERROR")));
        assertThat(out.headers().lastWithName("severity").value()).isEqualTo("critical");
        assertThat(out.value()).isEqualTo(Map.of("level", "ERROR"));
    }

    @Test
    void tombstonesPassThroughUntouched() {
        for (ClassifyEvent<SourceRecord> classify : new ClassifyEvent[] {
            configured(new ClassifyEvent.Value<SourceRecord>(), rules()),
            configured(new ClassifyEvent.Header<SourceRecord>(), rules())
        }) {
            SourceRecord tombstone = record(API, null);
            assertThat(classify.apply(tombstone)).isSameAs(tombstone);
            SourceRecord schemaless = record(null, null);
            assertThat(classify.apply(schemaless)).isSameAs(schemaless);
        }
    }

    @Test
    void unexpectedValueShapesAreDataExceptionsNamingWhatArrived() {
        ClassifyEvent<SourceRecord> value = configured(new ClassifyEvent.Value<>(), rules());
        assertThatThrownBy(() -> value.apply(record(Schema.STRING_SCHEMA, "text")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ClassifyEvent$Value")
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> value.apply(record(
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
                                .build(),
                        Map.of("level", "ERROR"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("STRUCT schema")
                .hasMessageContaining("MAP");
        ClassifyEvent<SourceRecord> header = configured(new ClassifyEvent.Header<>(), rules());
        assertThatThrownBy(() -> header.apply(record(null, 17)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void versionAndConfigDef() {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        assertThat(classify.version()).isEqualTo(Version.get()).isNotBlank();
        assertThat(classify.config().names())
                .contains(
                        "rules",
                        "default.severity",
                        "default.category",
                        "severity.field",
                        "category.field",
                        "severity.header",
                        "category.header");
    }

    // ---- configuration errors: each names the exact key ----

    private static void assertRefused(Map<String, String> props, String key, String... fragments) {
        for (ClassifyEvent<SourceRecord> classify :
                new ClassifyEvent[] {new ClassifyEvent.Value<SourceRecord>(), new ClassifyEvent.Header<SourceRecord>()
                }) {
            assertThatThrownBy(() -> classify.configure(props))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(key)
                    .satisfies(e -> {
                        for (String fragment : fragments) {
                            assertThat(e.getMessage()).contains(fragment);
                        }
                    });
        }
    }

    @Test
    void invalidConditionNamesTheKeyTheRuleAndThePosition() {
        Map<String, String> props = rules();
        props.put("rules.slow_api.condition", "response_time >");
        assertRefused(props, "rules.slow_api.condition", "rule 'slow_api'", "line 1, column 16");
    }

    @Test
    void undeclaredFunctionIsRefused() {
        Map<String, String> props = rules();
        props.put("rules.error.condition", "exec('rm -rf /')");
        assertRefused(props, "rules.error.condition", "undeclared reference to 'exec'", "column 5");
    }

    @Test
    void missingConditionOrSeverityIsRefused() {
        Map<String, String> props = rules();
        props.remove("rules.error.condition");
        assertRefused(props, "rules.error.condition", "needs a condition");

        props = rules();
        props.remove("rules.slow_api.severity");
        assertRefused(props, "rules.slow_api.severity", "needs a severity");

        props = rules();
        props.put("rules.slow_api.severity", "urgent");
        assertRefused(props, "rules.slow_api.severity", "urgent", "[info, warning, critical]");
    }

    @Test
    void blankCategoryIsRefused() {
        Map<String, String> props = rules();
        props.put("rules.error.category", " ");
        assertRefused(props, "rules.error.category", "blank");
    }

    @Test
    void keysForUnlistedRulesOrUnknownPropertiesAreRefused() {
        Map<String, String> props = rules();
        props.put("rules.purchase.condition", "event_type == 'purchase'");
        assertRefused(props, "rules.purchase.condition", "No rule named 'purchase'");

        props = rules();
        props.put("rules.error.severty", "critical");
        assertRefused(props, "rules.error.severty", "Unknown rule property 'severty'");
    }

    @Test
    void ruleNamesAreValidated() {
        Map<String, String> props = rules();
        props.put("rules", "error,slow.api");
        assertRefused(props, "rules", "slow.api", "letters, digits");

        props = rules();
        props.put("rules", "error,error");
        assertRefused(props, "rules", "listed twice");

        props = rules();
        props.put("rules", "");
        assertRefused(props, "rules", "at least one rule");

        props = rules();
        props.remove("rules");
        assertRefused(props, "rules");
    }

    @Test
    void defaultsAndOutputNamesAreValidated() {
        Map<String, String> props = rules();
        props.put("default.severity", "fatal");
        assertRefused(props, "default.severity", "fatal");

        props = rules();
        props.put("default.category", "");
        assertRefused(props, "default.category");

        for (String location : new String[] {"field", "header"}) {
            ClassifyEvent<SourceRecord> classify =
                    location.equals("field") ? new ClassifyEvent.Value<>() : new ClassifyEvent.Header<>();
            Map<String, String> empty = rules();
            empty.put("severity." + location, "");
            assertThatThrownBy(() -> classify.configure(empty))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("severity." + location);

            Map<String, String> same = rules();
            same.put("category." + location, "severity");
            assertThatThrownBy(() -> classify.configure(same))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("category." + location)
                    .hasMessageContaining("Must differ from severity." + location);
        }
    }

    @Test
    void headerVariantNamesItsHeadersWithTheHeaderKeysAndStillAcceptsTheOldFieldKeys() {
        Map<String, String> props = rules();
        props.put("severity.header", "sev");
        props.put("category.header", "cat");
        SourceRecord out = configured(new ClassifyEvent.Header<>(), props).apply(record(API, api(1500.0, null)));
        assertThat(out.headers().lastWithName("sev").value()).isEqualTo("warning");
        assertThat(out.headers().lastWithName("cat").value()).isEqualTo("performance");

        Map<String, String> old = rules();
        old.put("severity.field", "sev");
        old.put("category.field", "cat");
        SourceRecord viaAlias = configured(new ClassifyEvent.Header<>(), old).apply(record(API, api(1500.0, null)));
        assertThat(viaAlias.headers().lastWithName("sev").value())
                .as("deprecated alias")
                .isEqualTo("warning");
        assertThat(viaAlias.headers().lastWithName("cat").value()).isEqualTo("performance");
        assertThat(DeprecatedKeys.renamed("severity.field", "severity.header").warnings(old))
                .containsExactly("'severity.field' is deprecated and will be removed in the next release; use "
                        + "'severity.header' instead");
    }

    @Test
    void aRecordNoRuleMatchesGetsTheSharedDefaults() {
        Map<String, String> props = rules();
        props.remove("default.severity");
        props.remove("default.category");
        Struct out = (Struct) configured(new ClassifyEvent.Value<>(), props)
                .apply(record(API, api(10.0, null)))
                .value();
        assertThat(out.getString("severity")).isEqualTo("info");
        assertThat(out.getString("category")).isEqualTo("uncategorized");
    }
}
