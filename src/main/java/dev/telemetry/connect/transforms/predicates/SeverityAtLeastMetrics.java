package dev.telemetry.connect.transforms.predicates;

import dev.telemetry.connect.common.metrics.MetricDefinition;
import java.util.List;

/** What {@link SeverityAtLeast} counts. */
public final class SeverityAtLeastMetrics {

    public static final MetricDefinition RECORDS_PASSED = MetricDefinition.counter(
            "records-passed", "records", "Records whose severity is at least min.severity (the predicate was true)");
    public static final MetricDefinition RECORDS_BELOW = MetricDefinition.counter(
            "records-below",
            "records",
            "Records below min.severity or without a severity (the predicate was false); a malformed severity counts "
                    + "in neither: it fails the record");

    public static final List<MetricDefinition> ALL = List.of(RECORDS_PASSED, RECORDS_BELOW);

    private SeverityAtLeastMetrics() {}
}
