package dev.telemetry.connect.transforms.predicates;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.DeprecatedKeys;
import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.RecordHeaders;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.SharedKeys;
import dev.telemetry.connect.schema.TelemetrySchemas;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * True when a record's severity, as written by {@code ClassifyEvent}, is at least {@code min.severity}. With Kafka's
 * {@code Filter} (and {@code negate=true}) it drops records below a severity; with {@code RegexRouter} it sends
 * alerts to an alerts topic.
 *
 * <p>The severity is read from the value field {@code severity.field} (a {@link FieldPath}, in a Struct or a Map), or,
 * when {@code severity.header} is set, from the last header of that name instead. A record without a severity
 * (tombstone, missing or null field or header) is false: {@code RegexRouter} leaves it in its topic, and {@code Filter}
 * without {@code negate} keeps it. With {@code negate=true} ("drop everything below warning") such a record counts as
 * below and is dropped, so run ClassifyEvent first, which gives every non-tombstone record a severity. A severity that
 * is not a string naming one (a number, {@code 'loud'}), or a non-null value that is neither Struct nor Map when
 * reading a field, is a DataException, which {@code errors.tolerance} and the dead-letter queue handle: an alert sink
 * filtering its stream topics never drops a malformed severity silently.
 */
public class SeverityAtLeast<R extends ConnectRecord<R>> implements Predicate<R>, Monitorable {

    private static final Logger log = LoggerFactory.getLogger(SeverityAtLeast.class);

    public static final String OVERVIEW_DOC = "A predicate that is true for records whose severity (a value field or "
            + "header written by ClassifyEvent) is at least min.severity.";

    private static final String MIN_SEVERITY = SharedKeys.MIN_SEVERITY.name();
    private static final String SEVERITY_FIELD = SharedKeys.SEVERITY_FIELD.name();
    private static final String SEVERITY_HEADER = SharedKeys.SEVERITY_HEADER.name();

    /** Before 0.2: {@code severity.source} (field or header) and {@code severity.name}; accepted for one release. */
    static final String DEPRECATED_SOURCE_CONFIG = "severity.source";

    static final String DEPRECATED_NAME_CONFIG = "severity.name";

    public static final ConfigDef CONFIG_DEF = configDef();

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        // Required: a predicate is only useful against a threshold the user chose ("info" would make it always true).
        SharedKeys.MIN_SEVERITY.withDefault(ConfigDef.NO_DEFAULT_VALUE).define(def);
        SharedKeys.SEVERITY_FIELD.define(def);
        // Off by default, so the predicate reads the value field unless told to read a header; empty turns it off.
        SharedKeys.SEVERITY_HEADER.withDefault("", null).define(def);
        return def.define(
                        DEPRECATED_SOURCE_CONFIG,
                        ConfigDef.Type.STRING,
                        null,
                        ConfigDef.LambdaValidator.with(
                                (name, value) -> {
                                    if (value != null) {
                                        ConfigDef.CaseInsensitiveValidString.in("field", "header")
                                                .ensureValid(name, value);
                                    }
                                },
                                () -> "[field, header] or unset"),
                        ConfigDef.Importance.LOW,
                        "Deprecated, accepted until the next release with a warning: 'header' with severity.name=X is "
                                + "severity.header=X, 'field' is severity.field=X.")
                .define(
                        DEPRECATED_NAME_CONFIG,
                        ConfigDef.Type.STRING,
                        null,
                        ConfigDef.Importance.LOW,
                        "Deprecated, accepted until the next release with a warning: use severity.field or "
                                + "severity.header.");
    }

    private Severity minSeverity;
    private String header;
    private FieldPath path;
    private Counter passed = new Counter();
    private Counter below = new Counter();

    @Override
    public void configure(Map<String, ?> props) {
        new AbstractConfig(CONFIG_DEF, props, false); // refuses a bad old severity.source before it is translated
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, translateDeprecated(props), false);
        minSeverity = Severity.parse(config.getString(MIN_SEVERITY));
        String headerName = config.getString(SEVERITY_HEADER).trim();
        header = headerName.isEmpty() ? null : headerName;
        path = FieldPath.parse(SEVERITY_FIELD, config.getString(SEVERITY_FIELD));
    }

    /**
     * Turns the old {@code severity.source} + {@code severity.name} into {@code severity.header} or
     * {@code severity.field} (a new key set as well wins), warning with the key to use.
     */
    static Map<String, Object> translateDeprecated(Map<String, ?> props) {
        Map<String, Object> translated = new HashMap<>(props);
        Object source = translated.remove(DEPRECATED_SOURCE_CONFIG);
        Object name = translated.remove(DEPRECATED_NAME_CONFIG);
        if (source == null && name == null) {
            return translated;
        }
        boolean fromHeader =
                source != null && "header".equalsIgnoreCase(source.toString().trim());
        String newKey = fromHeader ? SEVERITY_HEADER : SEVERITY_FIELD;
        log.warn("{}: {}", SeverityAtLeast.class.getName(), deprecationWarning(newKey, props.containsKey(newKey)));
        translated.putIfAbsent(newKey, name == null ? TelemetrySchemas.SEVERITY : name);
        return translated;
    }

    static String deprecationWarning(String newKey, boolean newKeyAlsoSet) {
        return DeprecatedKeys.warning(DEPRECATED_SOURCE_CONFIG + "/" + DEPRECATED_NAME_CONFIG, newKey, newKeyAlsoSet);
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        PluginMetricSet metrics = PluginMetricSet.of(pluginMetrics);
        passed = metrics.counter(SeverityAtLeastMetrics.RECORDS_PASSED);
        below = metrics.counter(SeverityAtLeastMetrics.RECORDS_BELOW);
    }

    @Override
    public boolean test(R record) {
        boolean atLeast = severityAtLeast(record);
        (atLeast ? passed : below).increment();
        return atLeast;
    }

    private boolean severityAtLeast(R record) {
        Object severity = header != null ? RecordHeaders.lastValue(record, header) : fromValue(record);
        if (severity == null) {
            return false;
        }
        if (!(severity instanceof String)) {
            throw new DataException(getClass().getName() + " expects the severity "
                    + (header != null ? "header '" + header : "field '" + path) + "' to be a string such as 'warning', "
                    + "but got a " + severity.getClass().getName());
        }
        Severity parsed = Severity.parseOrNull(severity);
        if (parsed == null) {
            throw new DataException(getClass().getName() + " found the severity '" + severity + "' in "
                    + (header != null ? "header '" + header : "field '" + path)
                    + "', which names no severity; expected "
                    + "one of " + Severity.NAMES);
        }
        return parsed.isAtLeast(minSeverity);
    }

    private Object fromValue(R record) {
        Object value = record.value();
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct) && !(value instanceof Map)) {
            throw new DataException(getClass().getName() + " reads the severity field '" + path
                    + "' from a Struct or Map value, but got a "
                    + value.getClass().getName());
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
    public void close() {}

    @Override
    public String toString() {
        return "SeverityAtLeast{min.severity=" + minSeverity + ", "
                + (header != null ? "header '" + header : "field '" + path) + "'}";
    }
}
