package dev.telemetry.connect.source.scrape;

import java.util.List;

/**
 * What one scrape may hold before it fails (up=0, the reason in scrape_error), checked after metrics.include and
 * metrics.exclude as Prometheus checks its own limits after metric relabeling.
 *
 * @param sampleLimit most samples kept; 0 for no limit
 * @param labelLimit most labels of a kept sample, its name counted as Prometheus counts {@code __name__}; 0 for none
 * @param recordMaxBytes largest estimated JSON size of a record: a snapshot over it is split into parts, and a series
 *     whose id alone takes more than half of it fails the scrape, since no record could carry it with its rate
 */
public record ScrapeLimits(int sampleLimit, int labelLimit, int recordMaxBytes) {

    /** The failure of a scrape whose kept samples break a limit, or null when they do not. */
    ScrapeFailure violation(List<Sample> kept) {
        if (sampleLimit > 0 && kept.size() > sampleLimit) {
            return ScrapeFailure.overLimit(
                    ScrapeFailure.Limit.SAMPLE_LIMIT,
                    kept.size(),
                    "sample.limit exceeded (" + kept.size() + " samples, limit " + sampleLimit + ")");
        }
        int longest = recordMaxBytes / 2;
        for (Sample sample : kept) {
            int labels = sample.labels().size() + 1;
            if (labelLimit > 0 && labels > labelLimit) {
                return ScrapeFailure.overLimit(
                        ScrapeFailure.Limit.LABEL_LIMIT,
                        kept.size(),
                        "label.limit exceeded (metric " + excerpt(sample.name()) + ", " + labels + " labels, limit "
                                + labelLimit + ")");
            }
            if (ScrapeRecords.seriesJsonLength(sample) > longest) {
                return ScrapeFailure.overLimit(
                        ScrapeFailure.Limit.RECORD_MAX_BYTES,
                        kept.size(),
                        "series of metric " + excerpt(sample.name()) + " longer than half of record.max.bytes ("
                                + recordMaxBytes + " bytes)");
            }
        }
        return null;
    }

    /** At most 50 characters of a metric name, as Prometheus quotes one in its limit errors. */
    private static String excerpt(String name) {
        return name.length() <= 50 ? name : name.substring(0, 50) + "…";
    }
}
