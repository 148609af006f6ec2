package dev.telemetry.connect.sink;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.sink.incident.IncidentCounts;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/** What an {@link AlertSinkTask} measures; the counts it logs anyway are read from its {@code DeliveryCounts}. */
public final class AlertSinkMetrics {

    public static final MetricDefinition ALERTS_DELIVERED = MetricDefinition.meter(
            "alerts-delivered", "alerts", "Alerts (and incident notifications) the destination accepted");
    public static final MetricDefinition ALERTS_FOLDED = MetricDefinition.counter(
            "alerts-folded",
            "records",
            "Repeats folded into an earlier alert of the same dedup key and delivered with it");
    public static final MetricDefinition RECORDS_BELOW_MIN_SEVERITY = MetricDefinition.counter(
            "records-below-min-severity", "records", "Records below min.severity: not delivered, committed");
    public static final MetricDefinition RECORDS_DLQ = MetricDefinition.counter(
            "records-dlq",
            "records",
            "Records sent to the error reporter (dead-letter queue): malformed, or their alert rejected by the "
                    + "destination");
    public static final MetricDefinition ALERTS_REJECTED = MetricDefinition.counter(
            "alerts-rejected", "alerts", "Alerts the destination rejected as invalid; their records go to the DLQ");
    public static final MetricDefinition DELIVERY_RETRIES = MetricDefinition.counter(
            "delivery-retries", "attempts", "Delivery attempts after the first one of a batch");
    public static final MetricDefinition DELIVERY_FAILURES = MetricDefinition.counter(
            "delivery-failures",
            "batches",
            "Batches not delivered after their retries, by reason: refused (the destination refused the request: "
                    + "authorization, 4xx), out_of_time (put.max.time.ms spent; retried in the next put), transient "
                    + "(5xx, timeouts, connection; retried after a pause)",
            "reason");
    public static final MetricDefinition INCIDENTS_OPEN = MetricDefinition.gauge(
            "incidents-open", "incidents", "Incidents this task fired and has not resolved (incident.enabled only)");
    public static final MetricDefinition INCIDENTS_FIRED = MetricDefinition.counter(
            "incidents-fired", "incidents", "Incidents opened and notified (incident.enabled only)");
    public static final MetricDefinition INCIDENTS_REPEATED = MetricDefinition.counter(
            "incidents-repeated", "notifications", "Repeat notifications of open incidents (incident.enabled only)");
    public static final MetricDefinition INCIDENTS_RESOLVED = MetricDefinition.counter(
            "incidents-resolved", "incidents", "Incidents resolved and notified (incident.enabled only)");
    public static final MetricDefinition DELIVERY_LATENCY = MetricDefinition.histogram(
            "delivery-latency",
            "ms",
            "Event time of each delivered alert to its delivery; percentiles resolve up to 60 s, -max shows any value");
    public static final MetricDefinition REQUEST_TIME = MetricDefinition.histogram(
            "request-time", "ms", "Time of one send to the destination, each attempt; percentiles resolve up to 60 s");
    public static final MetricDefinition BATCH_SIZE =
            MetricDefinition.average("batch-size", "alerts", "Alerts per batch sent to the destination");
    public static final MetricDefinition OLDEST_UNDELIVERED_AGE = MetricDefinition.gauge(
            "oldest-undelivered-age", "ms", "How long the oldest queued, undelivered alert has waited; 0 when none");

    public static final List<MetricDefinition> ALL = List.of(
            ALERTS_DELIVERED,
            ALERTS_FOLDED,
            RECORDS_BELOW_MIN_SEVERITY,
            RECORDS_DLQ,
            ALERTS_REJECTED,
            DELIVERY_RETRIES,
            DELIVERY_FAILURES,
            INCIDENTS_OPEN,
            INCIDENTS_FIRED,
            INCIDENTS_REPEATED,
            INCIDENTS_RESOLVED,
            DELIVERY_LATENCY,
            REQUEST_TIME,
            BATCH_SIZE,
            OLDEST_UNDELIVERED_AGE);

    /** The largest latency or request time the percentiles tell apart. */
    private static final double PERCENTILES_MAX_MS = 60_000;

    final Distribution delivered;
    final Counter retries;
    final Counter refused;
    final Counter outOfTime;
    final Counter transientFailures;
    final Distribution deliveryLatency;
    final Distribution requestTime;
    final Distribution batchSize;

    /** @param incidents null without incident.enabled */
    AlertSinkMetrics(
            PluginMetricSet metrics,
            AlertSinkTask.DeliveryCounts counts,
            IncidentCounts incidents,
            DoubleSupplier oldestUndeliveredAgeMs) {
        delivered = metrics.meter(ALERTS_DELIVERED);
        metrics.counter(ALERTS_FOLDED, () -> counts.foldedRepeats);
        metrics.counter(RECORDS_BELOW_MIN_SEVERITY, () -> counts.belowMinSeverity);
        metrics.counter(RECORDS_DLQ, () -> counts.reported);
        metrics.counter(ALERTS_REJECTED, () -> counts.rejected);
        retries = metrics.counter(DELIVERY_RETRIES);
        refused = metrics.counter(DELIVERY_FAILURES, "refused");
        outOfTime = metrics.counter(DELIVERY_FAILURES, "out_of_time");
        transientFailures = metrics.counter(DELIVERY_FAILURES, "transient");
        if (incidents != null) {
            metrics.gauge(INCIDENTS_OPEN, () -> incidents.fired() - incidents.resolved());
            metrics.counter(INCIDENTS_FIRED, incidents::fired);
            metrics.counter(INCIDENTS_REPEATED, incidents::repeated);
            metrics.counter(INCIDENTS_RESOLVED, incidents::resolved);
        }
        deliveryLatency = metrics.histogram(DELIVERY_LATENCY, PERCENTILES_MAX_MS);
        requestTime = metrics.histogram(REQUEST_TIME, PERCENTILES_MAX_MS);
        batchSize = metrics.average(BATCH_SIZE);
        metrics.gauge(OLDEST_UNDELIVERED_AGE, oldestUndeliveredAgeMs);
    }

    /** In double arithmetic: an event time anywhere an Instant can be (a producer's mistake) must not overflow. */
    static double millisBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000.0 + (to.getNano() - from.getNano()) / 1e6;
    }
}
