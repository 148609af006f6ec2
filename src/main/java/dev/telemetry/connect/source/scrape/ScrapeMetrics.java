package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.List;

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
            "Scrapes of this target that failed (up=0): the request, a body that is no exposition, or over the scrape "
                    + "limits",
            "target");

    public static final List<MetricDefinition> ALL =
            List.of(RECORDS_EMITTED, SCRAPE_UP, SCRAPE_DURATION, SCRAPE_SAMPLES, SCRAPE_FAILURES);

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
                metrics.level(SCRAPE_SAMPLES, target),
                metrics.counter(SCRAPE_FAILURES, target));
    }

    /** Unregisters the metrics of a target no longer scraped. */
    void untrack(PerTarget target) {
        for (MetricDefinition definition : ALL) {
            metrics.remove(definition, target.target());
        }
    }

    /** One target's metrics. */
    record PerTarget(
            String target, Distribution emitted, Level up, Distribution duration, Level samples, Counter failures) {

        void scraped(ScrapeOutcome outcome, int records) {
            duration.record(outcome.durationSeconds() * 1000);
            if (outcome.up()) {
                up.set(1);
                samples.set(outcome.samples().size());
            } else {
                up.set(0);
                failures.increment();
            }
            if (records > 0) {
                emitted.record(records);
            }
        }
    }
}
