package dev.telemetry.connect.transforms;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.DeprecatedKeys;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.time.EventTime;
import dev.telemetry.connect.schema.SharedKeys;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Stamps each record with the wall-clock time at which the worker processed it (Kafka's {@code InsertField} covers
 * the record timestamp, which for a source record is usually the event time, not this). Optionally adds the latency:
 * processing time minus event time, in milliseconds. {@link Value} and {@link Key} add fields to the value or key,
 * {@link Header} adds headers. A null value (or, for {@link Key}, a null key) passes through untouched.
 *
 * <p>The event time comes from the field at {@code event.time.field} (a {@link FieldPath}; default {@code timestamp},
 * as the alert sink reads it), in one of the forms {@link EventTime} accepts; a value in any other form is a
 * DataException. A record without that field (or every record, when the key is empty) uses the record timestamp,
 * and a record without either gets a null latency field (Key, Value) or no latency header (Header): that is normal
 * for some sources, not an error.
 */
public abstract class InsertProcessedTimestamp<R extends ConnectRecord<R>> implements Transformation<R>, Monitorable {

    public static final String OVERVIEW_DOC = "Insert the wall-clock processing time, and optionally the latency since "
            + "the event time, into the record value (<code>" + Value.class.getName() + "</code>), key (<code>"
            + Key.class.getName() + "</code>) or headers (<code>" + Header.class.getName() + "</code>).";

    public static final String FORMAT_CONFIG = "format";
    public static final String LATENCY_FIELD_CONFIG = "latency.field";

    private static final String PROCESSED_TIME_FIELD = SharedKeys.PROCESSED_TIME_FIELD.name();
    private static final String EVENT_TIME_FIELD = SharedKeys.EVENT_TIME_FIELD.name();

    /** Renamed in 0.2 to the name the alert sink reads. */
    private static final DeprecatedKeys RENAMED = DeprecatedKeys.renamed("field", PROCESSED_TIME_FIELD);

    public static final ConfigDef CONFIG_DEF = RENAMED.define(configDef());

    private final Clock clock;
    String processedTimeField;
    ProcessingTimeFormat format;
    String latencyField;
    private FieldPath eventTimePath;
    private Distribution latencies = Distribution.none();

    InsertProcessedTimestamp(Clock clock) {
        this.clock = clock;
    }

    private static ConfigDef configDef() {
        ConfigDef def = SharedKeys.PROCESSED_TIME_FIELD
                .define(new ConfigDef())
                .define(
                        FORMAT_CONFIG,
                        ConfigDef.Type.STRING,
                        ProcessingTimeFormat.TIMESTAMP.wireName(),
                        ConfigDef.CaseInsensitiveValidString.in(ProcessingTimeFormat.NAMES.toArray(new String[0])),
                        ConfigDef.Importance.MEDIUM,
                        "How the processing time is written: epoch_millis (int64), "
                                + "timestamp (Connect Timestamp logical type) or iso8601 (UTC string).")
                .define(
                        LATENCY_FIELD_CONFIG,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.MEDIUM,
                        "If set, name of the field or header that receives the latency in milliseconds (int64): "
                                + "processing time minus event time.");
        return SharedKeys.EVENT_TIME_FIELD.define(def);
    }

    @Override
    public void configure(Map<String, ?> props) {
        Map<String, ?> translated = RENAMED.translate(props, getClass().getName());
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, translated, false);
        processedTimeField = config.getString(PROCESSED_TIME_FIELD).trim();
        format = ProcessingTimeFormat.parse(config.getString(FORMAT_CONFIG));
        String latency = config.getString(LATENCY_FIELD_CONFIG).trim();
        latencyField = latency.isEmpty() ? null : latency;
        if (processedTimeField.equals(latencyField)) {
            throw new ConfigException(LATENCY_FIELD_CONFIG, latency, "Must differ from " + PROCESSED_TIME_FIELD);
        }
        String eventTime = config.getString(EVENT_TIME_FIELD).trim();
        if (translated.containsKey(EVENT_TIME_FIELD) && !eventTime.isEmpty() && latencyField == null) {
            throw new ConfigException(
                    EVENT_TIME_FIELD,
                    eventTime,
                    "Only used to compute the latency: set " + LATENCY_FIELD_CONFIG + " too, or remove this key");
        }
        eventTimePath = eventTime.isEmpty() ? null : FieldPath.parse(EVENT_TIME_FIELD, eventTime);
    }

    @Override
    public R apply(R record) {
        if (operatingValue(record) == null) {
            return record;
        }
        long now = clock.millis();
        Long latency = latencyField == null ? null : latencyMillis(record, now);
        if (latency != null && latencies.sample()) {
            latencies.record(latency);
        }
        return stamped(record, now, latency);
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        latencies = PluginMetricSet.of(pluginMetrics)
                .histogram(
                        InsertProcessedTimestampMetrics.PROCESSING_LATENCY,
                        InsertProcessedTimestampMetrics.PROCESSING_LATENCY_MAX_MS)
                .sampledOneIn(InsertProcessedTimestampMetrics.SAMPLE_PERIOD);
    }

    private Long latencyMillis(R record, long now) {
        Object eventTime = eventTimePath == null ? null : eventTimePath.read(operatingValue(record));
        if (eventTime == null) {
            return record.timestamp() == null ? null : now - record.timestamp();
        }
        try {
            return Math.subtractExact(now, EventTime.parse(eventTime).toEpochMilli());
        } catch (IllegalArgumentException e) {
            throw new DataException(
                    getClass().getName() + " reads the event time from field '" + eventTimePath + "': "
                            + e.getMessage(),
                    e);
        } catch (ArithmeticException e) {
            throw new DataException(
                    getClass().getName() + ": the event time in field '" + eventTimePath + "' (" + eventTime
                            + ") is too far from now to compute a latency in milliseconds",
                    e);
        }
    }

    /** The record's key or value: what is stamped, and where {@code event.time.field} is read. */
    protected abstract Object operatingValue(R record);

    /** Writes the processing time (and the latency, null when unknown) into the record. */
    protected abstract R stamped(R record, long processedAtMillis, Long latencyMillis);

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {}

    /** The variants that add the processing time (and latency) as fields, evolving the schema. */
    abstract static class TimestampFields<R extends ConnectRecord<R>> extends InsertProcessedTimestamp<R> {

        private AddedFields addedFields;

        TimestampFields(Clock clock) {
            super(clock);
        }

        @Override
        public void configure(Map<String, ?> props) {
            super.configure(props);
            Map<String, Schema> fields = new LinkedHashMap<>();
            fields.put(processedTimeField, format.schema());
            if (latencyField != null) {
                fields.put(latencyField, Schema.OPTIONAL_INT64_SCHEMA);
            }
            addedFields = new AddedFields(fields, getClass().getName());
        }

        @Override
        protected R stamped(R record, long processedAtMillis, Long latencyMillis) {
            Object processedAt = format.format(processedAtMillis);
            Schema schema = operatingSchema(record);
            Object operating = operatingValue(record);
            return newRecord(
                    record,
                    latencyField == null
                            ? addedFields.write(schema, operating, processedAt)
                            : addedFields.write(schema, operating, processedAt, latencyMillis));
        }

        protected abstract Schema operatingSchema(R record);

        protected abstract R newRecord(R record, SchemaAndValue updated);
    }

    /** Adds the processing time (and latency) to the record key. */
    public static class Key<R extends ConnectRecord<R>> extends TimestampFields<R> {

        public Key() {
            this(Clock.systemUTC());
        }

        Key(Clock clock) {
            super(clock);
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, SchemaAndValue updated) {
            return RecordCopies.withKey(record, updated);
        }
    }

    /** Adds the processing time (and latency) to the record value. */
    public static class Value<R extends ConnectRecord<R>> extends TimestampFields<R> {

        public Value() {
            this(Clock.systemUTC());
        }

        Value(Clock clock) {
            super(clock);
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, SchemaAndValue updated) {
            return RecordCopies.withValue(record, updated);
        }
    }

    /** Adds the processing time (and latency) as headers, replacing headers of the same names; the value is kept. */
    public static class Header<R extends ConnectRecord<R>> extends InsertProcessedTimestamp<R> {

        public Header() {
            this(Clock.systemUTC());
        }

        Header(Clock clock) {
            super(clock);
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R stamped(R record, long processedAtMillis, Long latencyMillis) {
            Headers headers = record.headers().duplicate();
            headers.remove(processedTimeField);
            switch (format) {
                case EPOCH_MILLIS:
                    headers.addLong(processedTimeField, processedAtMillis);
                    break;
                case TIMESTAMP:
                    headers.addTimestamp(processedTimeField, new Date(processedAtMillis));
                    break;
                default:
                    headers.addString(processedTimeField, (String) format.format(processedAtMillis));
                    break;
            }
            if (latencyField != null) {
                headers.remove(latencyField);
                if (latencyMillis != null) {
                    headers.addLong(latencyField, latencyMillis);
                }
            }
            return RecordCopies.withHeaders(record, headers);
        }
    }
}
