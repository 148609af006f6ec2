package dev.telemetry.connect.schema;

import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.common.config.TopicNameValidator;
import dev.telemetry.connect.common.config.ValuesRecommender;
import dev.telemetry.connect.common.http.HttpPeerKeys;
import dev.telemetry.connect.common.time.EventTime;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The configuration keys the bundle's plugins share, each defined once: the classification a record carries
 * (severity, category, their defaults), its times, and the telemetry topics. Every plugin that takes one of these
 * ideas defines it from here; {@code SharedKeysTest} checks that no plugin redefines one, and the vocabulary table in
 * docs/configuration.md is generated from {@link #ALL}.
 */
public final class SharedKeys {

    private static final ConfigDef.Validator SEVERITY_NAME =
            ConfigDef.CaseInsensitiveValidString.in(Severity.NAMES.toArray(new String[0]));
    private static final ValuesRecommender SEVERITIES = new ValuesRecommender(Severity.NAMES);

    public static final SharedKey MIN_SEVERITY = new SharedKey(
            "min.severity",
            Type.STRING,
            Severity.INFO.wireName(),
            SEVERITY_NAME,
            Importance.HIGH,
            "The lowest severity let through: SeverityAtLeast is true for records at or above it, and the alert sink "
                    + "drops alerts below it (counted in the task log). One of " + String.join(", ", Severity.NAMES)
                    + ".",
            Width.SHORT,
            "Minimum severity",
            SEVERITIES);

    public static final SharedKey DEFAULT_SEVERITY = new SharedKey(
            "default.severity",
            Type.STRING,
            Severity.INFO.wireName(),
            SEVERITY_NAME,
            Importance.MEDIUM,
            "Severity of a record nothing classified: one that no ClassifyEvent rule matches, or one that reaches the "
                    + "alert sink with no severity in its field or header (records from other producers).",
            Width.SHORT,
            "Default severity",
            SEVERITIES);

    public static final SharedKey DEFAULT_CATEGORY = new SharedKey(
            "default.category",
            Type.STRING,
            TelemetrySchemas.DEFAULT_CATEGORY,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Category of a record nothing classified: one that no ClassifyEvent rule matches (and of a rule without "
                    + "its own category), or one that reaches the alert sink with no category in its field or header.",
            Width.MEDIUM,
            "Default category",
            null);

    public static final SharedKey SEVERITY_FIELD = new SharedKey(
            "severity.field",
            Type.STRING,
            TelemetrySchemas.SEVERITY,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Value field holding the severity. ClassifyEvent$Key and $Value add a field of this name (for "
                    + "ClassifyEvent$Header it is a deprecated alias of severity.header); SeverityAtLeast reads it as "
                    + "a field path unless severity.header is set; the alert sink reads it as a field path, before "
                    + "severity.header.",
            Width.MEDIUM,
            "Severity field",
            null);

    public static final SharedKey SEVERITY_HEADER = new SharedKey(
            "severity.header",
            Type.STRING,
            TelemetrySchemas.SEVERITY,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Header holding the severity. ClassifyEvent$Header writes it; the alert sink reads its last value when "
                    + "severity.field is absent; SeverityAtLeast, when it is set there (it is not by default), reads "
                    + "it instead of severity.field.",
            Width.MEDIUM,
            "Severity header",
            null);

    public static final SharedKey CATEGORY_FIELD = new SharedKey(
            "category.field",
            Type.STRING,
            TelemetrySchemas.CATEGORY,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Value field holding the category. ClassifyEvent$Key and $Value add a field of this name (for "
                    + "ClassifyEvent$Header it is a deprecated alias of category.header); the alert sink reads it as a "
                    + "field path, before category.header.",
            Width.MEDIUM,
            "Category field",
            null);

    public static final SharedKey CATEGORY_HEADER = new SharedKey(
            "category.header",
            Type.STRING,
            TelemetrySchemas.CATEGORY,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Header holding the category. ClassifyEvent$Header writes it; the alert sink reads its last value when "
                    + "category.field is absent.",
            Width.MEDIUM,
            "Category header",
            null);

    public static final SharedKey EVENT_TIME_FIELD = new SharedKey(
            "event.time.field",
            Type.STRING,
            TelemetrySchemas.TIMESTAMP,
            null,
            Importance.MEDIUM,
            "Field path of the value field holding the event time (" + EventTime.ACCEPTED_FORMS + "). A record "
                    + "without it, and every record when this is empty, uses the Kafka record timestamp. "
                    + "InsertProcessedTimestamp reads it only for latency.field and refuses a value in another form "
                    + "(a DataException); the alert sink uses the record timestamp for such a value.",
            Width.MEDIUM,
            "Event time field",
            null);

    public static final SharedKey PROCESSED_TIME_FIELD = new SharedKey(
            "processed.time.field",
            Type.STRING,
            TelemetrySchemas.PROCESSED_AT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Field holding the processing time. InsertProcessedTimestamp writes it: a field of this name (Key, Value) "
                    + "or a header (Header); the alert sink reads it from the value as a field path ("
                    + EventTime.ACCEPTED_FORMS + ").",
            Width.MEDIUM,
            "Processing time field",
            null);

    public static final SharedKey TOPIC_METRICS = new SharedKey(
            "topic.metrics",
            Type.STRING,
            "raw_data",
            new TopicNameValidator(),
            Importance.HIGH,
            "Topic for the metric streams: web, mobile, api and database.",
            Width.MEDIUM,
            "Metrics topic",
            null);

    public static final SharedKey TOPIC_LOGS = new SharedKey(
            "topic.logs",
            Type.STRING,
            "application_logs",
            new TopicNameValidator(),
            Importance.HIGH,
            "Topic for the log records: the generator's logs stream, every event of the log file source.",
            Width.MEDIUM,
            "Logs topic",
            null);

    public static final SharedKey TOPIC_EVENTS = new SharedKey(
            "topic.events",
            Type.STRING,
            "user_events",
            new TopicNameValidator(),
            Importance.HIGH,
            "Topic for the user events stream.",
            Width.MEDIUM,
            "Events topic",
            null);

    /** Every shared key, in the order of the vocabulary table. */
    public static final List<SharedKey> ALL = List.of(
            SEVERITY_FIELD,
            SEVERITY_HEADER,
            CATEGORY_FIELD,
            CATEGORY_HEADER,
            DEFAULT_SEVERITY,
            DEFAULT_CATEGORY,
            MIN_SEVERITY,
            EVENT_TIME_FIELD,
            PROCESSED_TIME_FIELD,
            TOPIC_METRICS,
            TOPIC_LOGS,
            TOPIC_EVENTS,
            HttpPeerKeys.TRUSTSTORE_PATH,
            HttpPeerKeys.TRUSTSTORE_PASSWORD,
            HttpPeerKeys.TRUSTSTORE_TYPE,
            HttpPeerKeys.KEYSTORE_PATH,
            HttpPeerKeys.KEYSTORE_PASSWORD,
            HttpPeerKeys.KEYSTORE_TYPE,
            HttpPeerKeys.BASIC_AUTH_USER,
            HttpPeerKeys.BASIC_AUTH_PASSWORD);

    private SharedKeys() {}

    /** The key naming the topic of one kind of telemetry. */
    public static SharedKey topic(TopicKind kind) {
        return switch (kind) {
            case METRICS -> TOPIC_METRICS;
            case LOGS -> TOPIC_LOGS;
            case EVENTS -> TOPIC_EVENTS;
        };
    }
}
