package dev.telemetry.connect.source.scrape;

import java.util.List;
import java.util.Map;

/**
 * What one scrape of one target gave: up or not (with the reason), how long it took, and, when up, the kept samples
 * with what was derived from them.
 *
 * @param error why the target is down; null when up
 * @param mapped the generator's field names this scrape could fill
 */
public record ScrapeOutcome(
        ScrapeTarget target,
        long scrapeTimeMs,
        double durationSeconds,
        String error,
        List<Sample> samples,
        int badLines,
        SeriesHistory.Changes changes,
        Map<String, Double> quantiles,
        Map<String, Object> mapped) {

    public boolean up() {
        return error == null;
    }
}
