package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.DeprecatedKeys;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.testkit.TestRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class InsertProcessedTimestampTest {

    private static final long NOW = 1_764_065_730_123L; // 2025-11-25T10:15:30.123Z
    private static final long EVENT = NOW - 250;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static final Schema INNER = SchemaBuilder.struct()
            .name("Meta")
            .field("created", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();
    private static final Schema LOG = SchemaBuilder.struct()
            .name("Log")
            .version(1)
            .field("stream", Schema.STRING_SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("millis", Schema.INT64_SCHEMA)
            .field("meta", INNER)
            .build();

    private static Struct log() {
        return new Struct(LOG)
                .put("stream", "logs")
                .put("timestamp", new Date(EVENT))
                .put("millis", EVENT - 1000)
                .put(
                        "meta",
                        new Struct(INNER)
                                .put(
                                        "created",
                                        Instant.ofEpochMilli(EVENT - 2000).toString()));
    }

    private static SourceRecord record(Schema schema, Object value, Long timestamp) {
        return TestRecords.value(schema, value)
                .topic("application_logs")
                .timestamp(timestamp)
                .source();
    }

    private static InsertProcessedTimestamp<SourceRecord> value(Map<String, String> props) {
        InsertProcessedTimestamp<SourceRecord> t = new InsertProcessedTimestamp.Value<>(CLOCK);
        t.configure(props);
        return t;
    }

    private static InsertProcessedTimestamp<SourceRecord> header(Map<String, String> props) {
        InsertProcessedTimestamp<SourceRecord> t = new InsertProcessedTimestamp.Header<>(CLOCK);
        t.configure(props);
        return t;
    }

    @Test
    void keyVariantStampsTheKeyAndReadsTheEventTimeFromIt() {
        InsertProcessedTimestamp<SourceRecord> t = new InsertProcessedTimestamp.Key<>(CLOCK);
        t.configure(Map.of("format", "epoch_millis", "latency.field", "latency_ms", "event.time.field", "timestamp"));
        SourceRecord in = TestRecords.value(Schema.STRING_SCHEMA, "value")
                .topic("application_logs")
                .key(LOG, log())
                .timestamp(EVENT)
                .source();

        SourceRecord out = t.apply(in);

        Struct key = (Struct) out.key();
        key.validate();
        assertThat(key.getInt64("processed_at")).isEqualTo(NOW);
        assertThat(key.getInt64("latency_ms")).isEqualTo(250L);
        assertThat(out.value()).isEqualTo("value");
        SourceRecord nullKey = record(LOG, log(), EVENT);
        assertThat(t.apply(nullKey)).isSameAs(nullKey);
    }

    @Test
    void defaultsAddAnOptionalTimestampNamedProcessedAt() {
        SourceRecord out = value(Map.of()).apply(record(LOG, log(), EVENT));
        Schema field = out.valueSchema().field(TelemetrySchemas.PROCESSED_AT).schema();
        assertThat(field.name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(field.isOptional()).isTrue();
        Struct struct = (Struct) out.value();
        struct.validate();
        assertThat(struct.get("processed_at")).isEqualTo(new Date(NOW));
        assertThat(struct.getString("stream")).isEqualTo("logs");
        assertThat(out.valueSchema().name()).isEqualTo("Log");
        assertThat(out.valueSchema().version()).isEqualTo(1);
        assertThat(out.timestamp()).isEqualTo(EVENT);
    }

    @Test
    void everyFormat() {
        Struct millis = (Struct) value(Map.of("format", "epoch_millis", "processed.time.field", "at"))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(millis.schema().field("at").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(millis.getInt64("at")).isEqualTo(NOW);

        Struct iso = (Struct) value(Map.of("format", "ISO8601"))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(iso.schema().field("processed_at").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(iso.getString("processed_at")).isEqualTo("2025-11-25T10:15:30.123Z");

        Struct ts = (Struct) value(Map.of("format", "timestamp"))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(ts.get("processed_at")).isEqualTo(new Date(NOW));
    }

    @Test
    void latencyFromTheRecordTimestamp() {
        Struct out = (Struct) value(Map.of("latency.field", "latency_ms"))
                .apply(record(LOG, log(), EVENT))
                .value();
        assertThat(out.schema().field("latency_ms").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(out.getInt64("latency_ms")).isEqualTo(250L);
    }

    @Test
    void latencyIsNullWithoutARecordTimestamp() {
        Struct out = (Struct) value(Map.of("latency.field", "latency_ms", "event.time.field", ""))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(out.getInt64("latency_ms")).isNull();
        out.validate();
    }

    @Test
    void latencyFromEveryEventTimeShape() {
        assertThat(((Struct) value(Map.of("latency.field", "lat", "event.time.field", "timestamp"))
                                .apply(record(LOG, log(), 0L))
                                .value())
                        .getInt64("lat"))
                .as("Timestamp")
                .isEqualTo(250L);
        assertThat(((Struct) value(Map.of("latency.field", "lat", "event.time.field", "millis"))
                                .apply(record(LOG, log(), 0L))
                                .value())
                        .getInt64("lat"))
                .as("epoch millis")
                .isEqualTo(1250L);
        assertThat(((Struct) value(Map.of("latency.field", "lat", "event.time.field", "meta.created"))
                                .apply(record(LOG, log(), 0L))
                                .value())
                        .getInt64("lat"))
                .as("nested ISO-8601")
                .isEqualTo(2250L);

        Map<String, Object> schemaless = new HashMap<>();
        schemaless.put("when", "2025-11-25T11:15:30.000+01:00");
        schemaless.put("epoch", (int) 1000);
        @SuppressWarnings("unchecked")
        Map<String, Object> out =
                (Map<String, Object>) value(Map.of("latency.field", "lat", "event.time.field", "when"))
                        .apply(record(null, schemaless, 0L))
                        .value();
        assertThat(out).containsEntry("lat", 123L).containsEntry("processed_at", new Date(NOW));
        assertThat(schemaless).doesNotContainKey("lat");
    }

    @Test
    void badEventTimesAreDataExceptionsNamingTheField() {
        InsertProcessedTimestamp<SourceRecord> onStream =
                value(Map.of("latency.field", "lat", "event.time.field", "stream"));
        assertThatThrownBy(() -> onStream.apply(record(LOG, log(), 0L)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'stream'")
                .hasMessageContaining("ISO-8601")
                .hasMessageContaining("'logs'");

        InsertProcessedTimestamp<SourceRecord> onMissing =
                value(Map.of("latency.field", "lat", "event.time.field", "meta.nope"));
        assertThat(((Struct) onMissing.apply(record(LOG, log(), 0L)).value()).getInt64("lat"))
                .as("a record without the field uses its timestamp, as the alert sink does")
                .isEqualTo(NOW);

        InsertProcessedTimestamp<SourceRecord> onDouble =
                value(Map.of("latency.field", "lat", "event.time.field", "t"));
        assertThatThrownBy(() -> onDouble.apply(record(null, Map.of("t", 1.5), 0L)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Double");
    }

    @Test
    void schemaIsCachedAndAnExistingFieldOfTheSameTypeIsReused() {
        InsertProcessedTimestamp<SourceRecord> t =
                value(Map.of("format", "epoch_millis", "processed.time.field", "millis"));
        SourceRecord first = t.apply(record(LOG, log(), 0L));
        SourceRecord second = t.apply(record(LOG, log(), 0L));
        assertThat(second.valueSchema()).isSameAs(first.valueSchema());
        assertThat(first.valueSchema().fields()).hasSize(LOG.fields().size());
        assertThat(((Struct) first.value()).getInt64("millis")).isEqualTo(NOW);
    }

    @Test
    void existingFieldOfAnotherTypeIsADataException() {
        InsertProcessedTimestamp<SourceRecord> t = value(Map.of("processed.time.field", "stream"));
        assertThatThrownBy(() -> t.apply(record(LOG, log(), 0L)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'stream'")
                .hasMessageContaining("STRING");
    }

    @Test
    void headerVariantAddsHeadersInEachFormat() {
        SourceRecord in = record(LOG, log(), EVENT);
        in.headers().addString("processed_at", "old");
        SourceRecord out = header(Map.of("latency.field", "latency_ms")).apply(in);
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(LOG);
        assertThat(out.headers().allWithName("processed_at")).toIterable().hasSize(1);
        Header processedAt = out.headers().lastWithName("processed_at");
        assertThat(processedAt.value()).isEqualTo(new Date(NOW));
        assertThat(processedAt.schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(out.headers().lastWithName("latency_ms").value()).isEqualTo(250L);

        Header millis =
                header(Map.of("format", "epoch_millis")).apply(in).headers().lastWithName("processed_at");
        assertThat(millis.value()).isEqualTo(NOW);
        assertThat(millis.schema()).isEqualTo(Schema.INT64_SCHEMA);
        Header iso = header(Map.of("format", "iso8601")).apply(in).headers().lastWithName("processed_at");
        assertThat(iso.value()).isEqualTo("2025-11-25T10:15:30.123Z");
    }

    @Test
    void headerVariantWorksOnAnyValueAndOmitsUnknownLatency() {
        SourceRecord out = header(Map.of("latency.field", "latency_ms")).apply(record(Schema.STRING_SCHEMA, "x", null));
        assertThat(out.headers().lastWithName("processed_at")).isNotNull();
        assertThat(out.headers().lastWithName("latency_ms")).isNull();
    }

    @Test
    void tombstonesPassThroughUntouched() {
        SourceRecord tombstone = record(LOG, null, EVENT);
        assertThat(value(Map.of()).apply(tombstone)).isSameAs(tombstone);
        assertThat(header(Map.of()).apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void unexpectedValuesAreDataExceptions() {
        assertThatThrownBy(() -> value(Map.of()).apply(record(Schema.INT32_SCHEMA, 5, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("InsertProcessedTimestamp$Value")
                .hasMessageContaining("INT32")
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> value(Map.of()).apply(record(null, "text", null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Map")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void configErrorsNameTheKey() {
        assertThatThrownBy(() -> value(Map.of("format", "epoch_seconds")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("format")
                .hasMessageContaining("epoch_seconds");
        assertThatThrownBy(() -> value(Map.of("processed.time.field", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processed.time.field");
        assertThatThrownBy(() -> value(Map.of("latency.field", "processed_at")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("latency.field");
        assertThatThrownBy(() -> value(Map.of("event.time.field", "timestamp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("event.time.field")
                .hasMessageContaining("latency.field");
        assertThatThrownBy(() -> value(Map.of("latency.field", "lat", "event.time.field", "a..b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("event.time.field");
    }

    @Test
    void publicConstructorsUseTheSystemClockAndReportTheVersion() {
        InsertProcessedTimestamp<SourceRecord> t = new InsertProcessedTimestamp.Value<>();
        t.configure(Map.of("format", "epoch_millis"));
        long before = System.currentTimeMillis();
        long stamped = ((Struct) t.apply(record(LOG, log(), null)).value()).getInt64("processed_at");
        assertThat(stamped).isBetween(before, System.currentTimeMillis());
        assertThat(t.version()).isEqualTo(Version.get());
        assertThat(new InsertProcessedTimestamp.Header<SourceRecord>().config().names())
                .containsExactlyInAnyOrder(
                        "processed.time.field", "format", "latency.field", "event.time.field", "field");
    }

    @Test
    void theOldProcessedTimeKeyIsADeprecatedAliasOfProcessedTimeField() {
        Struct out = (Struct) value(Map.of("field", "handled_at"))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(out.get("handled_at")).isEqualTo(new Date(NOW));
        Struct both = (Struct) value(Map.of("field", "old", "processed.time.field", "new"))
                .apply(record(LOG, log(), null))
                .value();
        assertThat(both.schema().field("old")).as("the new key wins").isNull();
        assertThat(both.get("new")).isEqualTo(new Date(NOW));
        assertThat(DeprecatedKeys.renamed("field", "processed.time.field").warnings(Map.of("field", "x")))
                .containsExactly("'field' is deprecated and will be removed in the next release; use "
                        + "'processed.time.field' instead");
    }

    @Test
    void anEventTimeTooFarAwayForALatencyIsADataExceptionNotAnOverflow() {
        InsertProcessedTimestamp<SourceRecord> latency = value(Map.of("latency.field", "lat", "event.time.field", "t"));
        assertThatThrownBy(() -> latency.apply(record(null, Map.of("t", "+999999999-12-31T23:59:59Z"), 0L)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'t'")
                .hasMessageContaining("too far");
    }
}
