package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a {@link MetricsScrapeSourceTask} measures, per target (tagged with the target's name). */
public final class ScrapeMetrics {

    public static final MetricDefinition RECORDS_EMITTED =
            MetricDefinition.meter("records-emitted", "records", "Records made from this target's scrapes", "target");
    public static final MetricDefinition SCRAPE_UP = MetricDefinition.gauge(
            "scrape-up", "0/1", "1 if the last scrape of this target succeeded, else 0", "target");
    public static final MetricDefinition SCRAPE_DURATION = MetricDefinition.average(
            "scrape-duration", "ms", "Time of one scrape of this target: request, parse and limits", "target");
    public static final MetricDefinition SCRAPE_SAMPLES = MetricDefinition.gauge(
            "scrape-samples",
            "samples",
            "Samples kept (after include, exclude and the relabel rules) by the last successful scrape",
            "target");
    public static final MetricDefinition SCRAPE_FAILURES = MetricDefinition.counter(
            "scrape-failures",
            "scrapes",
            "Scrapes of this target that failed (up=0), by reason: connect_failed (refused, unreachable or not "
                    + "resolved), timeout (scrape.timeout.ms), connection (another failure of the exchange: reset, "
                    + "TLS), not_allowed (the operator's network allow-list), redirect (not followed), http_status "
                    + "(not 200), body_too_large (scrape.max.bytes), not_exposition (a web page, or no line is a "
                    + "sample), limit (see samples-refused-total); each reason appears at its first failure",
            "target",
            "reason");
    public static final MetricDefinition SAMPLES_REFUSED = MetricDefinition.counter(
            "samples-refused",
            "samples",
            "Samples kept (after include, exclude and the relabel rules) by scrapes that failed over a limit, all "
                    + "refused with the scrape, by the limit: sample_limit, label_limit, record_max_bytes (a series "
                    + "longer than half of it); each limit appears at its first refusal",
            "target",
            "limit");

    public static final List<MetricDefinition> ALL =
            List.of(RECORDS_EMITTED, SCRAPE_UP, SCRAPE_DURATION, SCRAPE_SAMPLES, SCRAPE_FAILURES, SAMPLES_REFUSED);

    private final PluginMetricSet metrics;

    ScrapeMetrics(PluginMetricSet metrics) {
        this.metrics = metrics;
    }

    /** The metrics of a target, registered when the task starts scraping it. */
    PerTarget track(String target) {
        return new PerTarget(
                target,
                metrics.meter(RECORDS_EMITTED, target),
                metrics.level(SCRAPE_UP, target),
                metrics.average(SCRAPE_DURATION, target),
                metrics.level(SCRAPE_SAMPLES, target));
    }

    /** Unregisters the metrics of a target no longer scraped. */
    void untrack(PerTarget target) {
        metrics.remove(RECORDS_EMITTED, target.target);
        metrics.remove(SCRAPE_UP, target.target);
        metrics.remove(SCRAPE_DURATION, target.target);
        metrics.remove(SCRAPE_SAMPLES, target.target);
        for (ScrapeFailure.Reason reason : target.failures.keySet()) {
            metrics.remove(SCRAPE_FAILURES, target.target, reason.tag());
        }
        for (ScrapeFailure.Limit limit : target.refused.keySet()) {
            metrics.remove(SAMPLES_REFUSED, target.target, limit.tag());
        }
    }

    /**
     * One target's metrics. The counts by failure reason and by limit are registered at their first failure: a
     * target that never fails has none, where registering every reason up front would give each target nine more
     * MBeans.
     */
    final class PerTarget {
        private final String target;
        private final Distribution emitted;
        private final Level up;
        private final Distribution duration;
        private final Level samples;
        private final Map<ScrapeFailure.Reason, Counter> failures = new EnumMap<>(ScrapeFailure.Reason.class);
        private final Map<ScrapeFailure.Limit, Counter> refused = new EnumMap<>(ScrapeFailure.Limit.class);

        private PerTarget(String target, Distribution emitted, Level up, Distribution duration, Level samples) {
            this.target = target;
            this.emitted = emitted;
            this.up = up;
            this.duration = duration;
            this.samples = samples;
        }

        void scraped(ScrapeOutcome outcome, int records) {
            duration.record(outcome.durationSeconds() * 1000);
            ScrapeFailure failure = outcome.failure();
            if (failure == null) {
                up.set(1);
                samples.set(outcome.samples().size());
            } else {
                up.set(0);
                failures.computeIfAbsent(
                                failure.reason(), reason -> metrics.counter(SCRAPE_FAILURES, target, reason.tag()))
                        .increment();
                if (failure.limit() != null) {
                    refused.computeIfAbsent(
                                    failure.limit(), limit -> metrics.counter(SAMPLES_REFUSED, target, limit.tag()))
                            .add(failure.refusedSamples());
                }
            }
            if (records > 0) {
                emitted.record(records);
            }
        }
    }
}
