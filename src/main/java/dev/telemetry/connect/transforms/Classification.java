package dev.telemetry.connect.transforms;

import dev.telemetry.connect.schema.Severity;

/** What ClassifyEvent writes for a record: a severity and a category. */
record Classification(Severity severity, String category) {}
