package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.http.HttpOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target: fetches, parses, keeps the samples the include/exclude patterns allow, and derives rates,
 * quantiles and mapped fields against the target's previous scrape. A failed fetch is an outcome (up=0), not an
 * exception; bad lines are counted, logged with their reasons and skipped.
 */
final class TargetScraper {

    private static final Logger log = LoggerFactory.getLogger(TargetScraper.class);

    private final ScrapeTarget target;
    private final ScrapeClient client;
    private final Pattern include;
    private final Pattern exclude;
    private final boolean mapping;
    private final LongSupplier nanoClock;
    private final SeriesHistory history = new SeriesHistory();
    private boolean down;

    public TargetScraper(
            ScrapeTarget target,
            ScrapeClient client,
            Pattern include,
            Pattern exclude,
            boolean mapping,
            LongSupplier nanoClock) {
        this.target = target;
        this.client = client;
        this.include = include;
        this.exclude = exclude;
        this.mapping = mapping;
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
            double seconds = (nanoClock.getAsLong() - start) / 1e9;
            // Once per outage at WARN; every record of it says why anyway.
            if (!down) {
                log.warn("Target '{}' ({}) is down: {}", target.name(), HttpOrigin.of(target.url()), e.getMessage());
            } else {
                log.debug("Target '{}' still down: {}", target.name(), e.getMessage());
            }
            down = true;
            return new ScrapeOutcome(
                    target, scrapeTimeMs, seconds, e.getMessage(), List.of(), 0, history.lost(), Map.of(), Map.of());
        }
        if (down) {
            log.info("Target '{}' ({}) is up again", target.name(), HttpOrigin.of(target.url()));
            down = false;
        }
        Exposition exposition = new ExpositionParser(ExpositionFormat.fromContentType(body.contentType()))
                .parse(new String(body.bytes(), StandardCharsets.UTF_8));
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
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
                    && (exclude == null || !exclude.matcher(sample.name()).matches())) {
                kept.add(sample);
            }
        }
        SeriesHistory.Changes changes = history.advance(kept, scrapeTimeMs);
        return new ScrapeOutcome(
                target,
                scrapeTimeMs,
                seconds,
                null,
                kept,
                exposition.badLineCount(),
                changes,
                HistogramQuantiles.estimate(kept, changes.increases()),
                mapping ? GeneratorFieldMapping.map(kept, changes.increases()) : Map.of());
    }
}
