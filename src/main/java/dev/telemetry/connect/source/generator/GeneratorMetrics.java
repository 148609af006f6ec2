package dev.telemetry.connect.source.generator;

import dev.telemetry.connect.common.metrics.MetricDefinition;
import java.util.List;

/** What a {@link TelemetrySourceTask} measures. */
public final class GeneratorMetrics {

    public static final MetricDefinition RECORDS_EMITTED = MetricDefinition.meter(
            "records-emitted", "records", "Records of this stream returned to the worker", "stream");
    public static final MetricDefinition PACING_TARGET_RATE = MetricDefinition.gauge(
            "pacing-target-rate",
            "records/s",
            "The rate this task is paced to: its share of rate.per.second (0 when unlimited)");
    public static final MetricDefinition PACING_DEFICIT_RATE = MetricDefinition.gauge(
            "pacing-deficit-rate",
            "records/s",
            "How far the task's achieved rate (all its streams, over the sample window) falls short of its target; 0 "
                    + "when it keeps up, when unlimited, and once max.records is reached");

    public static final List<MetricDefinition> ALL = List.of(RECORDS_EMITTED, PACING_TARGET_RATE, PACING_DEFICIT_RATE);

    private GeneratorMetrics() {}
}
