package dev.telemetry.connect.transforms.predicates;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.RecordHeaders;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.TelemetrySchemas;

/**
 * True when a record's severity, as written by {@code ClassifyEvent}, is at least {@code min.severity}. With Kafka's
 * {@code Filter} (and {@code negate=true}) it drops records below a severity; with {@code RegexRouter} it sends
 * alerts to an alerts topic.
 *
 * <p>The severity is read from the value field {@code severity.name} (a dotted path, in a Struct or a Map) when
 * {@code severity.source=field}, or from the last header named {@code severity.name} when
 * {@code severity.source=header}. A record without a severity (tombstone, missing or null field or header) or with
 * text that names no severity is false: {@code RegexRouter} leaves it in its topic, and {@code Filter} without
 * {@code negate} keeps it. With {@code negate=true} ("drop everything below warning") such a record counts as below
 * and is dropped, so run ClassifyEvent first, which gives every non-tombstone record a severity. A severity of a
 * non-string type, or a non-null value that is neither Struct nor Map with {@code severity.source=field}, is a
 * DataException, which {@code errors.tolerance} and the dead-letter queue handle.
 */
public class SeverityAtLeast<R extends ConnectRecord<R>> implements Predicate<R> {

    public static final String OVERVIEW_DOC = "A predicate that is true for records whose severity (a value field or "
            + "header written by ClassifyEvent) is at least min.severity.";

    /** Where the severity is read from. */
    public enum Source {
        FIELD, HEADER;

        static final List<String> NAMES = Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableList());
    }

    interface ConfigName {
        String MIN_SEVERITY = "min.severity";
        String SOURCE = "severity.source";
        String NAME = "severity.name";
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.MIN_SEVERITY, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.CaseInsensitiveValidString.in(Severity.NAMES.toArray(new String[0])),
                    ConfigDef.Importance.HIGH, "The lowest severity for which the predicate is true: "
                            + String.join(", ", Severity.NAMES) + ".")
            .define(ConfigName.SOURCE, ConfigDef.Type.STRING, "field",
                    ConfigDef.CaseInsensitiveValidString.in(Source.NAMES.toArray(new String[0])),
                    ConfigDef.Importance.MEDIUM, "Read the severity from a value field or from a header.")
            .define(ConfigName.NAME, ConfigDef.Type.STRING, TelemetrySchemas.SEVERITY, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.MEDIUM, "The field (a dotted path for nested fields) or header name that "
                            + "holds the severity.");

    private Severity minSeverity;
    private Source source;
    private String name;
    private FieldPath path;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        minSeverity = Severity.parse(config.getString(ConfigName.MIN_SEVERITY));
        source = Source.valueOf(config.getString(ConfigName.SOURCE).trim().toUpperCase(Locale.ROOT));
        name = config.getString(ConfigName.NAME).trim();
        path = source == Source.FIELD ? FieldPath.parse(ConfigName.NAME, name) : null;
    }

    @Override
    public boolean test(R record) {
        Object severity = source == Source.HEADER ? RecordHeaders.lastValue(record, name) : fromValue(record);
        if (severity == null) {
            return false;
        }
        if (!(severity instanceof String)) {
            throw new DataException(getClass().getName() + " expects the severity " + source.name()
                    .toLowerCase(Locale.ROOT) + " '" + name + "' to be a string such as 'warning', but got a "
                    + severity.getClass().getName());
        }
        Severity parsed = Severity.parseOrNull(severity);
        return parsed != null && parsed.isAtLeast(minSeverity);
    }

    private Object fromValue(R record) {
        Object value = record.value();
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct) && !(value instanceof Map)) {
            throw new DataException(getClass().getName() + " reads the severity field '" + name
                    + "' from a Struct or Map value, but got a " + value.getClass().getName());
        }
        return path.read(value);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "SeverityAtLeast{min.severity=" + minSeverity + ", " + source + " '" + name + "'}";
    }
}
