package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.schema.TelemetrySchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Value schemas of the scrape records. Both carry the target's {@code stream} (its source), {@code target},
 * {@code timestamp} (the scrape time), {@code up} and {@code scrape_duration_seconds}, so one rule such as
 * {@code up == 0} reads either format. A snapshot too large for one record comes in {@code parts} records numbered by
 * {@code part} from 1, each with a share of the series and the scrape's other fields, except the mapped generator
 * fields, which only part 1 carries (a rule on other fields that must fire once per scrape adds {@code part == 1}); a
 * snapshot in one record has part 1 of 1. Non-finite values (NaN, ±Inf) cannot travel in JSON: a snapshot leaves them out
 * of its maps, a sample record carries them as a null value with the text in {@code value_text}.
 */
final class ScrapeSchemas {

    public static final String TARGET = "target";
    public static final String UP = "up";
    public static final String SCRAPE_DURATION_SECONDS = "scrape_duration_seconds";
    public static final String SCRAPE_ERROR = "scrape_error";
    public static final String SAMPLES_SCRAPED = "samples_scraped";
    public static final String BAD_LINES = "bad_lines";
    public static final String LABELS = "labels";
    public static final String METRICS = "metrics";
    public static final String RATES = "rates";
    public static final String QUANTILES = "quantiles";
    public static final String STALE = "stale";
    public static final String PART = "part";
    public static final String PARTS = "parts";
    public static final String NAME = "name";
    public static final String TYPE = "type";
    public static final String SAMPLE_LABELS = "sample_labels";
    public static final String VALUE = "value";
    public static final String VALUE_TEXT = "value_text";
    public static final String RATE = "rate";

    private static final Schema STRING_MAP =
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build();
    private static final Schema OPTIONAL_DOUBLE_MAP = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA)
            .optional()
            .build();

    public static final Schema SNAPSHOT = common(
                    "MetricsSnapshot",
                    "One scrape of one target: its samples by series, rates and quantiles over the interval, mapped fields.")
            .field(SCRAPE_ERROR, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SAMPLES_SCRAPED, Schema.INT32_SCHEMA)
            .field(BAD_LINES, Schema.INT32_SCHEMA)
            .field(METRICS, OPTIONAL_DOUBLE_MAP)
            .field(RATES, OPTIONAL_DOUBLE_MAP)
            .field(QUANTILES, OPTIONAL_DOUBLE_MAP)
            .field(STALE, SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field(TelemetrySchemas.API_CALLS, Schema.OPTIONAL_INT64_SCHEMA)
            .field(TelemetrySchemas.RESPONSE_TIME, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(TelemetrySchemas.QUERIES, Schema.OPTIONAL_INT64_SCHEMA)
            .field(TelemetrySchemas.SLOW_QUERIES, Schema.OPTIONAL_INT64_SCHEMA)
            .field(PART, Schema.OPTIONAL_INT32_SCHEMA)
            .field(PARTS, Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    public static final Schema SAMPLE = common(
                    "MetricSample",
                    "One sample of one scrape; stale=true marks a series that disappeared since the previous scrape.")
            .field(NAME, Schema.STRING_SCHEMA)
            .field(TYPE, Schema.STRING_SCHEMA)
            .field(SAMPLE_LABELS, STRING_MAP)
            .field(VALUE, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(VALUE_TEXT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(RATE, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(STALE, Schema.BOOLEAN_SCHEMA)
            .field(SCRAPE_ERROR, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private ScrapeSchemas() {}

    private static SchemaBuilder common(String name, String doc) {
        return SchemaBuilder.struct()
                .name(TelemetrySchemas.NAMESPACE + "." + name)
                .version(TelemetrySchemas.SCHEMA_VERSION)
                .doc(doc)
                .field(TelemetrySchemas.STREAM, Schema.STRING_SCHEMA)
                .field(TARGET, Schema.STRING_SCHEMA)
                .field(TelemetrySchemas.TIMESTAMP, Timestamp.SCHEMA)
                .field(UP, Schema.INT32_SCHEMA)
                .field(SCRAPE_DURATION_SECONDS, Schema.FLOAT64_SCHEMA)
                .field(LABELS, STRING_MAP);
    }
}
