package dev.telemetry.connect.source.logfile;

import static dev.telemetry.connect.schema.TelemetrySchemas.ENDPOINT;
import static dev.telemetry.connect.schema.TelemetrySchemas.LEVEL;
import static dev.telemetry.connect.schema.TelemetrySchemas.MESSAGE;
import static dev.telemetry.connect.schema.TelemetrySchemas.SEQ;
import static dev.telemetry.connect.schema.TelemetrySchemas.SERVICE;
import static dev.telemetry.connect.schema.TelemetrySchemas.STREAM;
import static dev.telemetry.connect.schema.TelemetrySchemas.TIMESTAMP;
import static dev.telemetry.connect.schema.TelemetrySchemas.USER_ID;

import dev.telemetry.connect.schema.TelemetrySchemas;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a {@link LogEvent} into the record written to the logs topic: the generator's logs fields (stream "logs",
 * seq = the event's first line number, timestamp, level, message, service, endpoint, user_id), so the shipped rules
 * match real and generated logs alike, plus where the event came from and what else was parsed.
 */
final class LogRecordFactory {

    public static final String STREAM_NAME = "logs";
    public static final String FILE = "file";
    public static final String OFFSET = "offset";
    public static final String LINE = "line";
    public static final String TRUNCATED = "truncated";
    public static final String PARSE_ERROR = "parse_error";
    public static final String FIELDS = "fields";
    /** The parse_error of an event whose timestamp names no time; the text is kept in fields.timestamp_raw. */
    static final String UNPARSED_TIMESTAMP =
            "timestamp does not parse as timestamp.format, or names no time (such as April 31): read time used";

    /** The fields map's key for the stream a container wrote an event to (stdout or stderr). */
    public static final String CONTAINER_STREAM = "stream";

    /** Header of the record that removes the offset of a file no longer matched: the file's last path. */
    public static final String REMOVED_HEADER = "log.file.removed";

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(TelemetrySchemas.NAMESPACE + ".ApplicationLogFile")
            .version(TelemetrySchemas.SCHEMA_VERSION)
            .doc("One event of a log file: the fields of ApplicationLog, plus its file, byte offset and line, and "
                    + "the parsed fields that have no place of their own.")
            .field(STREAM, Schema.STRING_SCHEMA)
            .field(SEQ, Schema.INT64_SCHEMA)
            .field(TIMESTAMP, Timestamp.SCHEMA)
            .field(LEVEL, Schema.STRING_SCHEMA)
            .field(MESSAGE, Schema.STRING_SCHEMA)
            .field(SERVICE, Schema.STRING_SCHEMA)
            .field(ENDPOINT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(USER_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(FILE, Schema.STRING_SCHEMA)
            .field(OFFSET, Schema.INT64_SCHEMA)
            .field(LINE, Schema.INT64_SCHEMA)
            .field(TRUNCATED, Schema.BOOLEAN_SCHEMA)
            .field(PARSE_ERROR, Schema.OPTIONAL_STRING_SCHEMA)
            .field(
                    FIELDS,
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
                            .optional()
                            .build())
            .build();

    // The value's fields, looked up once: Struct.put(String, ...) finds the field by name for every record.
    private static final Field STREAM_FIELD = VALUE_SCHEMA.field(STREAM);
    private static final Field SEQ_FIELD = VALUE_SCHEMA.field(SEQ);
    private static final Field TIMESTAMP_FIELD = VALUE_SCHEMA.field(TIMESTAMP);
    private static final Field LEVEL_FIELD = VALUE_SCHEMA.field(LEVEL);
    private static final Field MESSAGE_FIELD = VALUE_SCHEMA.field(MESSAGE);
    private static final Field SERVICE_FIELD = VALUE_SCHEMA.field(SERVICE);
    private static final Field ENDPOINT_FIELD = VALUE_SCHEMA.field(ENDPOINT);
    private static final Field USER_ID_FIELD = VALUE_SCHEMA.field(USER_ID);
    private static final Field FILE_FIELD = VALUE_SCHEMA.field(FILE);
    private static final Field OFFSET_FIELD = VALUE_SCHEMA.field(OFFSET);
    private static final Field LINE_FIELD = VALUE_SCHEMA.field(LINE);
    private static final Field TRUNCATED_FIELD = VALUE_SCHEMA.field(TRUNCATED);
    private static final Field PARSE_ERROR_FIELD = VALUE_SCHEMA.field(PARSE_ERROR);
    private static final Field FIELDS_FIELD = VALUE_SCHEMA.field(FIELDS);

    private final String topic;
    private final EventParser parser;
    private final TimestampParser timestamps;
    private final String defaultLevel;
    private final String service;
    /** Whether files have a container wrapper, and so Kubernetes paths name the pod. */
    private final boolean containers;
    /** Told the reason of each event that gets a parse_error, as the event's value is made. */
    private final Consumer<ParseErrorReason> parseErrors;
    /** The times of container wrappers (RFC 3339), read when the message has none of its own. */
    private final TimestampParser containerTimes = TimestampParser.forFormat(TimestampParser.ISO8601, ZoneOffset.UTC);

    /** The file of the last record and its name, service and Kubernetes fields, which only change with the file. */
    private Path lastFile;

    private String lastFileName;
    private String lastFileService;
    private Map<String, String> lastFileKubernetes = Map.of();

    public LogRecordFactory(
            String topic, EventParser parser, TimestampParser timestamps, String defaultLevel, String service) {
        this(topic, parser, timestamps, defaultLevel, service, false);
    }

    LogRecordFactory(
            String topic,
            EventParser parser,
            TimestampParser timestamps,
            String defaultLevel,
            String service,
            boolean containers) {
        this(topic, parser, timestamps, defaultLevel, service, containers, reason -> {});
    }

    LogRecordFactory(
            String topic,
            EventParser parser,
            TimestampParser timestamps,
            String defaultLevel,
            String service,
            boolean containers,
            Consumer<ParseErrorReason> parseErrors) {
        this.topic = topic;
        this.parser = parser;
        this.timestamps = timestamps;
        this.defaultLevel = defaultLevel;
        this.service = service;
        this.containers = containers;
        this.parseErrors = parseErrors;
    }

    /** The factory of a task's config, telling {@code parseErrors} the reason of each event that gets a parse_error. */
    public static LogRecordFactory of(LogFileSourceConfig config, Consumer<ParseErrorReason> parseErrors) {
        RegexPreset preset = config.format() == LogFormat.REGEX ? config.regexPreset() : null;
        String timestampFormat = config.timestampFormat().isEmpty() && preset != null
                ? preset.timestampFormat()
                : config.timestampFormat();
        return new LogRecordFactory(
                config.topic(),
                EventParser.of(config.format(), preset, config.regexPattern()),
                TimestampParser.forFormat(timestampFormat, config.timestampZone()),
                config.defaultLevel(),
                config.service(),
                config.containerFormat() != ContainerFormat.NONE,
                parseErrors);
    }

    /**
     * The value of {@code event} read from {@code file} at {@code readTimeMs}. No text fails the task: an event whose
     * parser throws is kept unparsed, one whose timestamp names no representable time gets the read time, and either
     * says so in parse_error. Inside a container wrapper, the message is parsed; an event whose message has no time of
     * its own takes the wrapper's, and the stream and the pod the path names are added to its fields (over any
     * parsed key of the same name).
     */
    public Struct value(LogEvent event, Path file, long readTimeMs) {
        ParsedEvent parsed = parse(event.text());
        Long eventTime = parsed.timestamp() == null ? null : timestamps.parse(parsed.timestamp(), readTimeMs);
        ContainerOrigin container = event.container();
        if (container != null) {
            if (container.error() != null) {
                parsed.parseError(ParseErrorReason.CONTAINER_WRAPPER, container.error());
            }
            if (container.stream() != null) {
                parsed.putField(CONTAINER_STREAM, container.stream());
            }
            if (parsed.timestamp() == null && container.time() != null) {
                eventTime = containerTimes.parse(container.time(), readTimeMs);
            }
        }
        String level = LogLevels.normalise(parsed.level());
        if (level == null) {
            level = defaultLevel;
            if (parsed.level() != null) {
                parsed.putField("level_raw", parsed.level());
            }
        }
        if (eventTime == null && parsed.timestamp() != null) {
            parsed.putField("timestamp_raw", parsed.timestamp());
            if (parsed.parseError() == null) {
                parsed.parseError(ParseErrorReason.TIMESTAMP, UNPARSED_TIMESTAMP);
            }
        }
        if (parsed.parseErrorReason() != null) {
            parseErrors.accept(parsed.parseErrorReason());
        }
        if (file != lastFile) {
            lastFile = file;
            lastFileName = file.toString();
            lastFileKubernetes = containers ? KubernetesLogPath.fieldsOf(file) : Map.of();
            lastFileService = serviceOf(file, lastFileKubernetes.get(KubernetesLogPath.CONTAINER_NAME));
        }
        lastFileKubernetes.forEach(parsed::putField);
        Long firstLine = event.firstLine();
        Struct value = new Struct(VALUE_SCHEMA)
                .put(STREAM_FIELD, STREAM_NAME)
                .put(SEQ_FIELD, firstLine)
                .put(TIMESTAMP_FIELD, new Date(eventTime == null ? readTimeMs : eventTime))
                .put(LEVEL_FIELD, level)
                .put(MESSAGE_FIELD, parsed.message())
                .put(SERVICE_FIELD, parsed.service() != null ? parsed.service() : lastFileService)
                .put(FILE_FIELD, lastFileName)
                .put(OFFSET_FIELD, event.startOffset())
                .put(LINE_FIELD, firstLine)
                .put(TRUNCATED_FIELD, event.truncated());
        putIfPresent(value, ENDPOINT_FIELD, parsed.endpoint());
        putIfPresent(value, USER_ID_FIELD, parsed.userId());
        putIfPresent(value, PARSE_ERROR_FIELD, parsed.parseError());
        putIfPresent(value, FIELDS_FIELD, parsed.fields());
        return value;
    }

    /**
     * A new Struct's fields are null already, and Struct.put validates every value it is given (building the field's
     * description for an error first): an optional field left out costs nothing.
     */
    private static void putIfPresent(Struct value, Field field, Object fieldValue) {
        if (fieldValue != null) {
            value.put(field, fieldValue);
        }
    }

    /**
     * The record of {@code event}, keyed by its level, with the given source partition and offset. The Kafka
     * timestamp is the read time: an event time from the file may lie outside what the broker accepts (a skewed clock
     * or a wrong zone is an hour ahead, and message.timestamp.after.max.ms refuses it), which would fail the task. The
     * event time is the value's timestamp field.
     */
    public SourceRecord record(
            LogEvent event, Path file, long readTimeMs, Map<String, ?> partition, Map<String, ?> offset) {
        Struct value = value(event, file, readTimeMs);
        return new SourceRecord(
                partition,
                offset,
                topic,
                null,
                TelemetrySchemas.KEY_SCHEMA,
                value.get(LEVEL_FIELD),
                VALUE_SCHEMA,
                value,
                readTimeMs);
    }

    /**
     * The record that deletes the stored offset of {@code partition} (clean.removed): a null offset, and a null key
     * and value so that consumers of the logs topic see a tombstone, not an event.
     */
    public SourceRecord removal(Map<String, ?> partition, Path file, long nowMs) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(REMOVED_HEADER, file.toString());
        return new SourceRecord(partition, null, topic, null, null, null, null, null, nowMs, headers);
    }

    /**
     * The parsers turn bad text into an unparsed event themselves; this keeps the event for whatever slips past them
     * (a regex group {@code pri} that is not a number), and for a user's regex whose repeated group recurses once per
     * character until a long line overflows the stack.
     */
    private ParsedEvent parse(String text) {
        try {
            return parser.parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            return EventParser.unparsed(text, ParseErrorReason.PARSER_FAILED, "the parser failed: " + e);
        }
    }

    /** The service of events that name none: the configured one, else the container's name, else the file's. */
    private String serviceOf(Path file, String containerName) {
        if (!service.isEmpty()) {
            return service;
        }
        if (containerName != null) {
            return containerName;
        }
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
