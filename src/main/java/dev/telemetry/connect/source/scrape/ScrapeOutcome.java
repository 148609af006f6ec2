package dev.telemetry.connect.source.scrape;

import java.util.List;
import java.util.Map;

/**
 * What one scrape of one target gave: up or not (with the reason), how long it took, and, when up, the kept samples
 * with what was derived from them.
 *
 * @param failure why the target is down; null when up
 * @param mapped the generator's field names this scrape could fill
 */
public record ScrapeOutcome(
        ScrapeTarget target,
        long scrapeTimeMs,
        double durationSeconds,
        ScrapeFailure failure,
        List<Sample> samples,
        int badLines,
        SeriesHistory.Changes changes,
        Map<String, Double> quantiles,
        Map<String, Object> mapped) {

    public boolean up() {
        return failure == null;
    }

    /** The scrape_error of the target's records: why it is down; null when up. */
    public String error() {
        return failure == null ? null : failure.message();
    }
}
