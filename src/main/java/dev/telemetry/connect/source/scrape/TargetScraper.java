package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.http.HttpOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target: fetches, parses, keeps the samples the include/exclude patterns and the keep/drop rules allow, and derives rates,
 * quantiles and mapped fields against the target's previous scrape. A failed fetch, a body that is no exposition (a web
 * page, or nothing but lines that do not parse) and a scrape over its {@link ScrapeLimits} are outcomes (up=0 with the
 * reason), never exceptions; bad lines of an exposition are counted, logged with their reasons and skipped.
 */
final class TargetScraper {

    private static final Logger log = LoggerFactory.getLogger(TargetScraper.class);

    private final ScrapeTarget target;
    private final ScrapeClient client;
    private final Pattern include;
    private final Pattern exclude;
    private final List<MetricRelabelRule> relabelRules;
    private final boolean mapping;
    private final ScrapeLimits limits;
    private final LongSupplier nanoClock;
    private final SeriesHistory history = new SeriesHistory();
    private boolean down;

    public TargetScraper(
            ScrapeTarget target,
            ScrapeClient client,
            Pattern include,
            Pattern exclude,
            List<MetricRelabelRule> relabelRules,
            boolean mapping,
            ScrapeLimits limits,
            LongSupplier nanoClock) {
        this.target = target;
        this.client = client;
        this.include = include;
        this.exclude = exclude;
        this.relabelRules = relabelRules;
        this.mapping = mapping;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    public ScrapeTarget target() {
        return target;
    }

    /** One scrape at {@code scrapeTimeMs}, the time its records carry. */
    public ScrapeOutcome scrape(long scrapeTimeMs) throws InterruptedException {
        long start = nanoClock.getAsLong();
        ScrapeClient.Body body;
        try {
            body = client.fetch();
        } catch (ScrapeClient.ScrapeFailedException e) {
            return down(scrapeTimeMs, start, e.failure());
        }
        if (isWebPage(body.contentType())) {
            return down(
                    scrapeTimeMs,
                    start,
                    ScrapeFailure.of(
                            ScrapeFailure.Reason.NOT_EXPOSITION,
                            "the body is a web page (" + body.contentType()
                                    + "), not a Prometheus or OpenMetrics exposition"));
        }
        Exposition exposition = new ExpositionParser(ExpositionFormat.fromContentType(body.contentType()))
                .parse(new String(body.bytes(), StandardCharsets.UTF_8));
        if (exposition.samples().isEmpty() && exposition.badLineCount() > 0) {
            return down(
                    scrapeTimeMs,
                    start,
                    ScrapeFailure.of(
                            ScrapeFailure.Reason.NOT_EXPOSITION,
                            "the body is not a Prometheus or OpenMetrics exposition: none of its lines is a sample, "
                                    + exposition.badLineCount() + " do not parse"));
        }
        if (exposition.badLineCount() > 0) {
            log.warn(
                    "Target '{}': skipped {} malformed line(s); first: {}",
                    target.name(),
                    exposition.badLineCount(),
                    exposition.badLines());
        }
        List<Sample> kept = new ArrayList<>(exposition.samples().size());
        for (Sample sample : exposition.samples()) {
            if (include.matcher(sample.name()).matches()
                    && (exclude == null || !exclude.matcher(sample.name()).matches())
                    && MetricRelabelRule.keepsAll(relabelRules, sample, target.labels())) {
                kept.add(sample);
            }
        }
        ScrapeFailure violation = limits.violation(kept);
        if (violation != null) {
            return down(scrapeTimeMs, start, violation);
        }
        if (down) {
            log.info("Target '{}' ({}) is up again", target.name(), HttpOrigin.of(target.url()));
            down = false;
        }
        SeriesHistory.Changes changes = history.advance(kept, scrapeTimeMs);
        return new ScrapeOutcome(
                target,
                scrapeTimeMs,
                (nanoClock.getAsLong() - start) / 1e9,
                null,
                kept,
                exposition.badLineCount(),
                changes,
                HistogramQuantiles.estimate(kept, changes.increases()),
                mapping ? GeneratorFieldMapping.map(kept, changes.increases()) : Map.of());
    }

    /** A failed scrape (up=0): every series the target had is stale, and the reason is logged once per outage. */
    private ScrapeOutcome down(long scrapeTimeMs, long start, ScrapeFailure failure) {
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
        if (!down) {
            log.warn("Target '{}' ({}) is down: {}", target.name(), HttpOrigin.of(target.url()), failure.message());
        } else {
            log.debug("Target '{}' still down: {}", target.name(), failure.message());
        }
        down = true;
        return new ScrapeOutcome(
                target, scrapeTimeMs, seconds, failure, List.of(), 0, history.lost(), Map.of(), Map.of());
    }

    /** An HTML page, such as a sign-in page in front of the endpoint, is never an exposition. */
    private static boolean isWebPage(String contentType) {
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }
}
