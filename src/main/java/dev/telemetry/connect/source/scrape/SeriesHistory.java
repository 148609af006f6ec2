package dev.telemetry.connect.source.scrape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one target's previous scrape left behind: the cumulative values of its counters and the series it exposed.
 * Each scrape turns counters into increases and per-second rates since the previous scrape, handling resets as
 * Prometheus does (a value below the previous one means the counter restarted from zero, so the increase is the new
 * value), and names the series that disappeared (stale). Held in memory only: after a task restart the first scrape
 * of a target has no rates.
 */
public final class SeriesHistory {

    private static final Comparator<Sample> BY_SERIES_ID = Comparator.comparing(Sample::seriesId);

    private Map<String, Double> previousCounters = Map.of();
    private Map<String, Sample> previousSeries = Map.of();
    private long previousScrapeMs = -1;

    /** Increases and rates by series id, and the stale series (as last seen), of one scrape. */
    public record Changes(Map<String, Double> increases, Map<String, Double> rates, List<Sample> stale) {
        static final Changes NONE = new Changes(Map.of(), Map.of(), List.of());
    }

    /** Compares a scrape with the previous one, then remembers it. */
    public Changes advance(List<Sample> samples, long scrapeTimeMs) {
        Map<String, Double> counters = new HashMap<>();
        Map<String, Sample> series = new HashMap<>();
        Map<String, Double> increases = new HashMap<>();
        Map<String, Double> rates = new HashMap<>();
        double seconds = (scrapeTimeMs - previousScrapeMs) / 1000.0;
        boolean comparable = previousScrapeMs >= 0 && seconds > 0;
        for (Sample sample : samples) {
            String id = sample.seriesId();
            series.put(id, sample);
            if (!isCumulative(sample) || !Double.isFinite(sample.value())) {
                continue;
            }
            counters.put(id, sample.value());
            Double before = previousCounters.get(id);
            if (comparable && before != null) {
                double increase = sample.value() >= before ? sample.value() - before : sample.value();
                increases.put(id, increase);
                rates.put(id, increase / seconds);
            }
        }
        List<Sample> stale = new ArrayList<>();
        previousSeries.forEach((id, sample) -> {
            if (!series.containsKey(id)) {
                stale.add(sample);
            }
        });
        stale.sort(BY_SERIES_ID);
        previousCounters = counters;
        previousSeries = series;
        previousScrapeMs = scrapeTimeMs;
        return new Changes(increases, rates, stale);
    }

    /** A failed scrape: every series the target had is stale, and counting restarts with the next good scrape. */
    public Changes lost() {
        List<Sample> stale = new ArrayList<>(previousSeries.values());
        stale.sort(BY_SERIES_ID);
        previousCounters = Map.of();
        previousSeries = Map.of();
        previousScrapeMs = -1;
        return stale.isEmpty() ? Changes.NONE : new Changes(Map.of(), Map.of(), stale);
    }

    /**
     * Samples that only ever grow until a reset: counters (not their {@code _created} time) and the buckets, sums and
     * counts of histograms and summaries.
     */
    static boolean isCumulative(Sample sample) {
        String name = sample.name();
        return switch (sample.type()) {
            case COUNTER -> !name.endsWith("_created");
            case HISTOGRAM -> name.endsWith("_bucket") || name.endsWith("_count") || name.endsWith("_sum");
            case SUMMARY -> name.endsWith("_count") || name.endsWith("_sum");
            default -> false;
        };
    }
}
