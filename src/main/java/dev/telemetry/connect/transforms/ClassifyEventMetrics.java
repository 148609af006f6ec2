package dev.telemetry.connect.transforms;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.List;

/** What {@link ClassifyEvent} counts, registered once per rule when both its rules and the worker's metrics are known. */
public final class ClassifyEventMetrics {

    public static final MetricDefinition RECORDS_MATCHED = MetricDefinition.counter(
            "records-matched", "records", "Records classified by this rule (the first whose condition held)", "rule");
    public static final MetricDefinition RECORDS_UNMATCHED = MetricDefinition.counter(
            "records-unmatched",
            "records",
            "Records no rule matched, classified with default.severity and " + "default.category");
    public static final MetricDefinition EVALUATION_ERRORS = MetricDefinition.counter(
            "evaluation-errors",
            "records",
            "Records the rules could not classify (not a Struct or Map, or a "
                    + "condition over its limits): failed with a DataException, handled per errors.tolerance");
    public static final MetricDefinition CLASSIFY_TIME = MetricDefinition.average(
            "classify-time-ns",
            "ns",
            "Time to classify one record and write the result into it, over a sample of the records (the first, then "
                    + "one in 32)");

    /** One record timed in this many: timing each would cost 25% of the transformation's time per record. */
    static final int SAMPLE_PERIOD = 32;

    public static final List<MetricDefinition> ALL =
            List.of(RECORDS_MATCHED, RECORDS_UNMATCHED, EVALUATION_ERRORS, CLASSIFY_TIME);

    static final ClassifyEventMetrics NONE = new ClassifyEventMetrics(PluginMetricSet.none(), List.of());

    /** One per rule, in the rules' order. */
    final Counter[] matched;

    final Counter unmatched;
    final Counter evaluationErrors;
    final Distribution classifyTime;

    ClassifyEventMetrics(PluginMetricSet metrics, List<ClassificationRule> rules) {
        matched = new Counter[rules.size()];
        for (int i = 0; i < matched.length; i++) {
            matched[i] = metrics.counter(RECORDS_MATCHED, rules.get(i).name());
        }
        unmatched = metrics.counter(RECORDS_UNMATCHED);
        evaluationErrors = metrics.counter(EVALUATION_ERRORS);
        classifyTime = metrics.average(CLASSIFY_TIME).sampledOneIn(SAMPLE_PERIOD);
    }
}
