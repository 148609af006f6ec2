package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.schema.TelemetrySchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns common series into the field names of the generator's metric streams, so one rule set ({@code response_time >
 * 2000}, {@code slow_queries / queries > 0.01}) serves generated and scraped data. Every field is over the last scrape
 * interval, from counter increases; a field whose series the target does not expose, or that has no previous scrape to
 * compare with, is left out.
 * <ul>
 *   <li>{@code api_calls}: requests served, the increase of the counts of HTTP request-duration histograms and
 *       summaries ({@code *http_request_duration_seconds}, Spring's {@code http_server_requests_seconds}); a target
 *       with none of those, the increase of {@code *http_requests_total} counters</li>
 *   <li>{@code response_time}: mean request duration in milliseconds, from those histograms' sums and counts</li>
 *   <li>{@code queries}: the increase of counters named {@code *queries} or {@code *queries_total}, slow ones
 *       excepted</li>
 *   <li>{@code slow_queries}: the increase of counters named {@code *slow_queries} or {@code *slow_queries_total}</li>
 * </ul>
 */
public final class GeneratorFieldMapping {

    static final Pattern REQUEST_DURATION = Pattern.compile("(.+_)?http_(server_)?requests?(_duration)?_seconds");
    static final Pattern REQUEST_COUNTER = Pattern.compile("(.+_)?http_requests_total");
    static final Pattern SLOW_QUERIES = Pattern.compile("(.+_)?slow_queries(_total)?");
    static final Pattern QUERIES = Pattern.compile("(.+_)?queries(_total)?");

    private GeneratorFieldMapping() {}

    /** The mapped fields this scrape can fill, by name; values are Long counts or a Double response time. */
    public static Map<String, Object> map(List<Sample> samples, Map<String, Double> increases) {
        double durationCount = 0;
        double durationSum = 0;
        boolean durationSeen = false;
        double requestCounter = 0;
        boolean requestCounterSeen = false;
        double queries = 0;
        boolean queriesSeen = false;
        double slowQueries = 0;
        boolean slowQueriesSeen = false;
        for (Sample sample : samples) {
            Double increase = increases.get(sample.seriesId());
            if (increase == null) {
                continue;
            }
            String name = sample.name();
            String family = sample.family();
            boolean duration = (sample.type() == MetricType.HISTOGRAM || sample.type() == MetricType.SUMMARY)
                    && REQUEST_DURATION.matcher(family).matches();
            if (duration && name.equals(family + "_count")) {
                durationCount += increase;
                durationSeen = true;
            } else if (duration && name.equals(family + "_sum")) {
                durationSum += increase;
            } else if (sample.type() == MetricType.COUNTER && !name.endsWith("_created")) {
                if (REQUEST_COUNTER.matcher(name).matches()) {
                    requestCounter += increase;
                    requestCounterSeen = true;
                } else if (SLOW_QUERIES.matcher(name).matches()) {
                    slowQueries += increase;
                    slowQueriesSeen = true;
                } else if (QUERIES.matcher(name).matches()) {
                    queries += increase;
                    queriesSeen = true;
                }
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (durationSeen) {
            fields.put(TelemetrySchemas.API_CALLS, Math.round(durationCount));
            if (durationCount > 0) {
                fields.put(TelemetrySchemas.RESPONSE_TIME, durationSum / durationCount * 1000.0);
            }
        } else if (requestCounterSeen) {
            fields.put(TelemetrySchemas.API_CALLS, Math.round(requestCounter));
        }
        if (queriesSeen) {
            fields.put(TelemetrySchemas.QUERIES, Math.round(queries));
        }
        if (slowQueriesSeen) {
            fields.put(TelemetrySchemas.SLOW_QUERIES, Math.round(slowQueries));
        }
        return fields;
    }
}
