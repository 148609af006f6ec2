package dev.telemetry.connect.transforms;

import dev.telemetry.connect.common.metrics.MetricDefinition;
import java.util.List;

/** What {@link InsertProcessedTimestamp} measures. */
public final class InsertProcessedTimestampMetrics {

    public static final MetricDefinition PROCESSING_LATENCY = MetricDefinition.histogram(
            "processing-latency",
            "ms",
            "The latency the transformation writes into latency.field (processing time minus event time), over a "
                    + "sample of the records that have one (the first, then one in 32); percentiles resolve up to "
                    + "60 s, -max shows any value sampled");

    /** One latency recorded in this many: recording each would cost 40% of the transformation's time per record. */
    static final int SAMPLE_PERIOD = 32;

    /** The largest latency the percentiles tell apart. */
    static final double PROCESSING_LATENCY_MAX_MS = 60_000;

    public static final List<MetricDefinition> ALL = List.of(PROCESSING_LATENCY);

    private InsertProcessedTimestampMetrics() {}
}
