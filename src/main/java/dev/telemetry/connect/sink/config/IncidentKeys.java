package dev.telemetry.connect.sink.config;

import dev.telemetry.connect.common.config.ValuesRecommender;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of the alert lifecycle (incidents), in a group of their own. Kept apart from {@link AlertSinkConfig}'s
 * other groups so the lifecycle reads as one piece.
 */
public final class IncidentKeys {

    public static final String ENABLED_CONFIG = "incident.enabled";
    public static final String KEY_FIELDS_CONFIG = "incident.key.fields";
    public static final String CONDITION_CONFIG = "incident.condition";
    public static final String COUNT_THRESHOLD_CONFIG = "incident.count.threshold";
    public static final String WINDOW_MS_CONFIG = "incident.window.ms";
    public static final String FOR_MS_CONFIG = "incident.for.ms";
    public static final String FOR_MAX_GAP_MS_CONFIG = "incident.for.max.gap.ms";
    public static final String ABSENCE_MIN_COUNT_CONFIG = "incident.absence.min.count";
    public static final String RESOLVE_AFTER_MS_CONFIG = "incident.resolve.after.ms";
    public static final String ALLOWED_LATENESS_MS_CONFIG = "incident.allowed.lateness.ms";
    public static final String REPEAT_INTERVAL_MS_CONFIG = "incident.repeat.interval.ms";
    public static final String MAX_OPEN_CONFIG = "incident.max.open";
    public static final String MAX_EXAMPLES_CONFIG = "incident.max.examples";

    /** The firing conditions, as {@code incident.condition} names them. */
    public enum Condition {
        IMMEDIATE,
        COUNT,
        FOR,
        ABSENCE;

        public static final List<String> NAMES =
                java.util.Arrays.stream(values()).map(Condition::configName).toList();

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Condition parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    private static final String GROUP = "Incidents (alert lifecycle)";

    private IncidentKeys() {}

    static void define(ConfigDef def) {
        int order = 0;
        def.define(
                ENABLED_CONFIG,
                Type.BOOLEAN,
                false,
                Importance.HIGH,
                "Group alert-worthy records into incidents per key: one notification when an incident fires, repeats "
                        + "while it lasts, one when it gets worse, and one when it resolves, each under its own stable "
                        + "id. false keeps one alert per record (with " + AlertSinkConfig.DEDUP_WINDOW_MS_CONFIG
                        + " folding repeats).",
                GROUP,
                ++order,
                Width.SHORT,
                "Incidents");
        def.define(
                KEY_FIELDS_CONFIG,
                Type.LIST,
                List.of(AlertSinkConfig.KEY_CATEGORY, AlertSinkConfig.KEY_SOURCE),
                Importance.MEDIUM,
                "What makes records one incident: 'severity', 'category', 'source', or any value field path. The "
                        + "record's partition is always part of the key: records of one key in two partitions are two "
                        + "incidents, so key the input topic by these fields to get one. Empty: one incident per "
                        + "partition (for " + CONDITION_CONFIG + "=absence, a whole stream).",
                GROUP,
                ++order,
                Width.LONG,
                "Incident key fields");
        def.define(
                CONDITION_CONFIG,
                Type.STRING,
                Condition.IMMEDIATE.configName(),
                ConfigDef.CaseInsensitiveValidString.in(Condition.NAMES.toArray(new String[0])),
                Importance.HIGH,
                "When an incident fires: 'immediate' (the first alert-worthy record), 'count' (at least "
                        + COUNT_THRESHOLD_CONFIG + " alert-worthy records of the key within " + WINDOW_MS_CONFIG
                        + ", ElastAlert's frequency), 'for' (the key stayed alert-worthy for " + FOR_MS_CONFIG
                        + " with no gap over " + FOR_MAX_GAP_MS_CONFIG + " and no record below min.severity, "
                        + "Prometheus' for) or 'absence' (a key that had records then had fewer than "
                        + ABSENCE_MIN_COUNT_CONFIG + " in " + WINDOW_MS_CONFIG
                        + ", ElastAlert's flatline; it must see every record: no Filter in front). Needs "
                        + ENABLED_CONFIG + "=true unless 'immediate'.",
                GROUP,
                ++order,
                Width.SHORT,
                "Firing condition",
                new ValuesRecommender(Condition.NAMES));
        def.define(
                COUNT_THRESHOLD_CONFIG,
                Type.INT,
                10,
                ConfigDef.Range.between(1, 10_000),
                Importance.MEDIUM,
                "For " + CONDITION_CONFIG + "=count: how many alert-worthy records of one key within "
                        + WINDOW_MS_CONFIG + " fire the incident.",
                GROUP,
                ++order,
                Width.SHORT,
                "Count threshold");
        def.define(
                WINDOW_MS_CONFIG,
                Type.LONG,
                60_000L,
                ConfigDef.Range.atLeast(1),
                Importance.MEDIUM,
                "The sliding window, in event time, of " + CONDITION_CONFIG + "=count and absence.",
                GROUP,
                ++order,
                Width.SHORT,
                "Window (ms)");
        def.define(
                FOR_MS_CONFIG,
                Type.LONG,
                300_000L,
                ConfigDef.Range.atLeast(0),
                Importance.MEDIUM,
                "For " + CONDITION_CONFIG + "=for: how long, in event time, a key must stay alert-worthy before its "
                        + "incident fires.",
                GROUP,
                ++order,
                Width.SHORT,
                "For (ms)");
        def.define(
                FOR_MAX_GAP_MS_CONFIG,
                Type.LONG,
                60_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "For " + CONDITION_CONFIG + "=for: the longest gap between two alert-worthy records of a pending key; "
                        + "a longer one starts the wait again, as a Prometheus evaluation without a result does.",
                GROUP,
                ++order,
                Width.SHORT,
                "For max gap (ms)");
        def.define(
                ABSENCE_MIN_COUNT_CONFIG,
                Type.INT,
                1,
                ConfigDef.Range.between(1, 10_000),
                Importance.MEDIUM,
                "For " + CONDITION_CONFIG + "=absence: fewer records than this within " + WINDOW_MS_CONFIG
                        + " fire; the record that brings the key back to it resolves.",
                GROUP,
                ++order,
                Width.SHORT,
                "Absence min count");
        def.define(
                RESOLVE_AFTER_MS_CONFIG,
                Type.LONG,
                300_000L,
                ConfigDef.Range.atLeast(1),
                Importance.MEDIUM,
                "A firing incident resolves at the first record of its key below min.severity (an OK), or once this "
                        + "long passes without an alert-worthy record of its key (on the task's clock when no record "
                        + "comes; its resolved notification says last_seen plus this).",
                GROUP,
                ++order,
                Width.SHORT,
                "Resolve after (ms)");
        def.define(
                ALLOWED_LATENESS_MS_CONFIG,
                Type.LONG,
                30_000L,
                ConfigDef.Range.between(0, 3_600_000),
                Importance.MEDIUM,
                "How much later than its event time a record may reach the sink and still be folded as a replay "
                        + "after a crash or rebalance would fold it. What the task's clock decides while no record "
                        + "comes (a resolve after " + RESOLVE_AFTER_MS_CONFIG + ", an absence firing or repeat) is "
                        + "made only once the clock is past its due time by this much, so those notifications come "
                        + "this much later. A record arriving later still is counted (lateRecords) and never folded "
                        + "into a notification already sent. The default covers the source's transaction commit and "
                        + "fetch delays on a loaded worker (seconds) with margin.",
                GROUP,
                ++order,
                Width.SHORT,
                "Allowed lateness (ms)");
        def.define(
                REPEAT_INTERVAL_MS_CONFIG,
                Type.LONG,
                4L * 60 * 60 * 1000,
                ConfigDef.Range.atLeast(1000),
                Importance.LOW,
                "While an incident fires, a repeat notification every this long (Alertmanager's repeat_interval), sent with the"
                        + " first record past its due time; an incident without records resolves instead (absence repeats on"
                        + " the task's clock).",
                GROUP,
                ++order,
                Width.SHORT,
                "Repeat interval (ms)");
        def.define(
                MAX_OPEN_CONFIG,
                Type.INT,
                10_000,
                ConfigDef.Range.between(1, 1_000_000),
                Importance.LOW,
                "Most keys a task tracks at once (open or pending incidents, and keys watched for absence). At the "
                        + "cap a record of a new key goes to its partition's overflow incident (key '_overflow'), "
                        + "which fires, repeats and resolves like any other and is counted: no record is dropped.",
                GROUP,
                ++order,
                Width.SHORT,
                "Max tracked keys");
        def.define(
                MAX_EXAMPLES_CONFIG,
                Type.INT,
                3,
                ConfigDef.Range.between(0, 100),
                Importance.LOW,
                "How many of an incident's first records its notifications carry as examples; the rest are counted.",
                GROUP,
                ++order,
                Width.SHORT,
                "Max examples");
    }
}
