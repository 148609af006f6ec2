package dev.telemetry.connect.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the records the source connector emits, and the field names the transforms and the sink
 * agree on. Every value carries {@code stream}, {@code seq} and {@code timestamp}; the rest depends on the stream.
 */
public final class TelemetrySchemas {

    public static final String NAMESPACE = "dev.telemetry";
    public static final int SCHEMA_VERSION = 1;

    // Fields every telemetry value has.
    public static final String STREAM = "stream";
    public static final String SEQ = "seq";
    public static final String TIMESTAMP = "timestamp";

    // Metric streams.
    public static final String PAGE_VIEWS = "page_views";
    public static final String UNIQUE_VISITORS = "unique_visitors";
    public static final String APP_OPENS = "app_opens";
    public static final String ACTIVE_USERS = "active_users";
    public static final String API_CALLS = "api_calls";
    public static final String RESPONSE_TIME = "response_time";
    public static final String QUERIES = "queries";
    public static final String SLOW_QUERIES = "slow_queries";

    // Application logs.
    public static final String LEVEL = "level";
    public static final String MESSAGE = "message";
    public static final String SERVICE = "service";
    public static final String ENDPOINT = "endpoint";
    public static final String USER_ID = "user_id";

    // User events.
    public static final String EVENT_TYPE = "event_type";
    public static final String PRODUCT_ID = "product_id";
    public static final String AMOUNT = "amount";
    public static final String PAGE = "page";

    // Written by ClassifyEvent (field or header), read by SeverityAtLeast and the alert sink.
    public static final String SEVERITY = "severity";
    public static final String CATEGORY = "category";
    /** The category of a record nobody classified: ClassifyEvent's and the alert sink's default.category. */
    public static final String DEFAULT_CATEGORY = "uncategorized";
    // Written by InsertProcessedTimestamp, read by the alert sink.
    public static final String PROCESSED_AT = "processed_at";

    /** Keys are plain strings: the metric kind, the log level or the user id. */
    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

    public static final Schema WEB_ANALYTICS = common("WebAnalytics", "Web analytics counters for one interval.")
            .field(PAGE_VIEWS, Schema.INT64_SCHEMA)
            .field(UNIQUE_VISITORS, Schema.INT64_SCHEMA)
            .build();

    public static final Schema MOBILE_APP = common("MobileApp", "Mobile app counters for one interval.")
            .field(APP_OPENS, Schema.INT64_SCHEMA)
            .field(ACTIVE_USERS, Schema.INT64_SCHEMA)
            .build();

    public static final Schema API_USAGE = common("ApiUsage", "API usage for one interval; response_time in ms.")
            .field(API_CALLS, Schema.INT64_SCHEMA)
            .field(RESPONSE_TIME, Schema.FLOAT64_SCHEMA)
            .build();

    public static final Schema DATABASE_METRICS = common("DatabaseMetrics", "Database load for one interval.")
            .field(QUERIES, Schema.INT64_SCHEMA)
            .field(SLOW_QUERIES, Schema.INT64_SCHEMA)
            .build();

    public static final Schema APPLICATION_LOG = common("ApplicationLog", "One application log line.")
            .field(LEVEL, Schema.STRING_SCHEMA)
            .field(MESSAGE, Schema.STRING_SCHEMA)
            .field(SERVICE, Schema.STRING_SCHEMA)
            .field(ENDPOINT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(USER_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    public static final Schema USER_EVENT = common("UserEvent", "One user action in a shopping session.")
            .field(EVENT_TYPE, Schema.STRING_SCHEMA)
            .field(USER_ID, Schema.STRING_SCHEMA)
            .field(PRODUCT_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(AMOUNT, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(PAGE, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private TelemetrySchemas() {}

    private static SchemaBuilder common(String name, String doc) {
        return SchemaBuilder.struct()
                .name(NAMESPACE + "." + name)
                .version(SCHEMA_VERSION)
                .doc(doc)
                .field(STREAM, Schema.STRING_SCHEMA)
                .field(SEQ, Schema.INT64_SCHEMA)
                .field(TIMESTAMP, Timestamp.SCHEMA);
    }
}
