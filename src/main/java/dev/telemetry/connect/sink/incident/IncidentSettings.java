package dev.telemetry.connect.sink.incident;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.IncidentKeys;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;
import java.time.Duration;
import java.util.List;

/** The incident keys as plain values: what {@link IncidentEngine} needs, and what a test writes down directly. */
public record IncidentSettings(
        Condition condition,
        List<String> keyFields,
        Severity minSeverity,
        int countThreshold,
        Duration window,
        Duration forDuration,
        Duration forMaxGap,
        int absenceMinCount,
        Duration resolveAfter,
        Duration allowedLateness,
        Duration repeatInterval,
        int maxOpen,
        int maxExamples) {

    public IncidentSettings {
        keyFields = List.copyOf(keyFields);
    }

    public static IncidentSettings from(AlertSinkConfig config) {
        return new IncidentSettings(
                Condition.parse(config.getString(IncidentKeys.CONDITION_CONFIG)),
                config.getList(IncidentKeys.KEY_FIELDS_CONFIG),
                config.minSeverity(),
                config.getInt(IncidentKeys.COUNT_THRESHOLD_CONFIG),
                config.duration(IncidentKeys.WINDOW_MS_CONFIG),
                config.duration(IncidentKeys.FOR_MS_CONFIG),
                config.duration(IncidentKeys.FOR_MAX_GAP_MS_CONFIG),
                config.getInt(IncidentKeys.ABSENCE_MIN_COUNT_CONFIG),
                config.duration(IncidentKeys.RESOLVE_AFTER_MS_CONFIG),
                config.duration(IncidentKeys.ALLOWED_LATENESS_MS_CONFIG),
                config.duration(IncidentKeys.REPEAT_INTERVAL_MS_CONFIG),
                config.getInt(IncidentKeys.MAX_OPEN_CONFIG),
                config.getInt(IncidentKeys.MAX_EXAMPLES_CONFIG));
    }
}
