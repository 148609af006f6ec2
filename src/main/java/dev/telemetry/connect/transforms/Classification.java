package dev.telemetry.connect.transforms;

import dev.telemetry.connect.schema.Severity;

/** What ClassifyEvent writes for a record: a severity, a category, and the rule that decided (or "default"). */
public record Classification(String rule, Severity severity, String category) {
}
