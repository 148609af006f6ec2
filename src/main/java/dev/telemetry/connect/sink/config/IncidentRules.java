package dev.telemetry.connect.sink.config;

import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;

/** {@link AlertSinkValidator}'s rules across the incident keys, one method per rule. */
final class IncidentRules {

    private IncidentRules() {}

    static void check(ConfigValidation validation) {
        conditionNeedsIncidents(validation);
        incidentsReplaceDedup(validation);
    }

    /** A condition other than 'immediate' means incidents; without them it would be silently ignored. */
    static void conditionNeedsIncidents(ConfigValidation validation) {
        if (validation.value(IncidentKeys.CONDITION_CONFIG) instanceof String condition
                && Condition.NAMES.contains(condition.trim().toLowerCase(java.util.Locale.ROOT))
                && Condition.parse(condition) != Condition.IMMEDIATE
                && Boolean.FALSE.equals(validation.value(IncidentKeys.ENABLED_CONFIG))) {
            validation.addError(
                    IncidentKeys.CONDITION_CONFIG + "=" + condition + " needs " + IncidentKeys.ENABLED_CONFIG + "=true",
                    IncidentKeys.CONDITION_CONFIG,
                    IncidentKeys.ENABLED_CONFIG);
        }
    }

    /** An incident folds repeats itself; a dedup window in front of it would fold them twice. */
    static void incidentsReplaceDedup(ConfigValidation validation) {
        if (Boolean.TRUE.equals(validation.value(IncidentKeys.ENABLED_CONFIG))
                && validation.value(AlertSinkConfig.DEDUP_WINDOW_MS_CONFIG) instanceof Long window
                && window > 0) {
            validation.addError(
                    AlertSinkConfig.DEDUP_WINDOW_MS_CONFIG + " must be 0 with " + IncidentKeys.ENABLED_CONFIG
                            + "=true: an incident folds the repeats of its key itself",
                    AlertSinkConfig.DEDUP_WINDOW_MS_CONFIG,
                    IncidentKeys.ENABLED_CONFIG);
        }
    }
}
