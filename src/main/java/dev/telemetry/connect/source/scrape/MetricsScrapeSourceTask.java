package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the targets its connector assigned to it and, with service discovery, its share of the discovered ones
 * ({@link ServiceDiscovery}, checked at each poll), each on its own interval. The offset of a target is the time of
 * its last scrape, advanced as the scrape's records are returned from {@link #poll()} (not when the worker commits),
 * so polling faster than the offset flush never repeats a scrape; after a restart the first scrape of a target waits
 * until one interval after the stored time (at most one interval, should the stored time be ahead of the clock), and
 * every scrape time is later than the stored one. Scrapes are scheduled on the monotonic clock, so a wall clock
 * stepped back or forward neither silences a target nor makes it burst.
 */
public class MetricsScrapeSourceTask extends SourceTask {

    /** Longest a poll waits before returning, so that the worker can stop or commit promptly. */
    private static final long MAX_POLL_WAIT_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(MetricsScrapeSourceTask.class);

    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Scraped targets by name: the static ones assigned by the connector, then this task's discovered ones. */
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();

    private MetricsScrapeSourceConfig config;
    private ScrapeMetrics metrics;
    private ScrapeRecords recordBuilder;
    private List<MetricRelabelRule> relabelRules;
    /** Null when no targets are discovered. */
    private ServiceDiscovery discovery;

    private Set<String> discoveredNames = Set.of();

    public MetricsScrapeSourceTask() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    MetricsScrapeSourceTask(LongSupplier wallClockMillis, LongSupplier nanoClock) {
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
    }

    /**
     * A target's scraper, when it is next due on the monotonic clock, and the time of the last scrape it emitted, on
     * both clocks.
     */
    private static final class Schedule {
        final TargetScraper scraper;
        final ScrapeMetrics.PerTarget metrics;
        final long intervalNanos;
        long nextDueNanos;
        long lastScrapeMs;
        /** The monotonic time of the last scrape of this task; meaningless until {@link #scrapedHere}. */
        long lastScrapeNanos;

        boolean scrapedHere;

        Schedule(TargetScraper scraper, ScrapeMetrics.PerTarget metrics, long nextDueNanos, long lastScrapeMs) {
            this.scraper = scraper;
            this.metrics = metrics;
            this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(scraper.target().intervalMs());
            this.nextDueNanos = nextDueNanos;
            this.lastScrapeMs = lastScrapeMs;
        }

        /**
         * The wall time a scrape now carries, and remembers it: strictly after the previous one, so an offset never
         * repeats. While the wall clock is behind the previous scrape (stepped back), scrapes are stamped the
         * monotonic time elapsed after the previous one, so their spacing, and the rates derived from it, stay true.
         */
        long nextScrapeTime(long wallMs, long monotonicNanos) {
            long time = wallMs;
            if (wallMs <= lastScrapeMs) {
                long elapsedMs = scrapedHere ? TimeUnit.NANOSECONDS.toMillis(monotonicNanos - lastScrapeNanos) : 0;
                time = lastScrapeMs + Math.max(1, elapsedMs);
            }
            lastScrapeMs = time;
            lastScrapeNanos = monotonicNanos;
            scrapedHere = true;
            return time;
        }
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MetricsScrapeSourceConfig(props);
        String assigned = props.get(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG);
        if (assigned == null || (assigned.isBlank() && !config.discoveryEnabled())) {
            throw new ConnectException("Task started without '" + MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG
                    + "'; tasks are configured by MetricsScrapeSourceConnector");
        }
        List<String> mine = assigned.isBlank() ? List.of() : List.of(assigned.split(","));
        recordBuilder = new ScrapeRecords(config.topic(), config.samplesFormat(), config.recordMaxBytes());
        relabelRules = config.relabelRules();
        metrics = new ScrapeMetrics(PluginMetricSet.of(context));
        for (ScrapeTarget target : config.targets()) {
            if (mine.contains(target.name())) {
                schedules.put(target.name(), schedule(target));
            }
        }
        if (config.discoveryEnabled()) {
            discovery = ServiceDiscovery.of(config, taskShare(props), nanoClock);
        }
    }

    /** This task's place among the connector's tasks, which decides its share of the discovered targets. */
    private static TaskShare taskShare(Map<String, String> props) {
        String index = props.get(MetricsScrapeSourceConfig.TASK_INDEX_CONFIG);
        String count = props.get(MetricsScrapeSourceConfig.TASK_COUNT_CONFIG);
        if (index == null || count == null) {
            throw new ConnectException("Task started without '" + MetricsScrapeSourceConfig.TASK_INDEX_CONFIG
                    + "' and '" + MetricsScrapeSourceConfig.TASK_COUNT_CONFIG
                    + "'; tasks are configured by MetricsScrapeSourceConnector");
        }
        return new TaskShare(Integer.parseInt(index), Integer.parseInt(count));
    }

    /** A new target's schedule: due at once, or one interval after its stored scrape time. */
    private Schedule schedule(ScrapeTarget target) {
        long now = wallClockMillis.getAsLong();
        long nowNanos = nanoClock.getAsLong();
        long stored = storedScrapeTime(target.name());
        TargetScraper scraper = new TargetScraper(
                target,
                new ScrapeClient(target, config.maxBytes()),
                config.include(),
                config.exclude(),
                relabelRules,
                config.mappingEnabled(),
                config.limits(),
                nanoClock);
        long waitMs = stored < 0 ? 0 : Math.max(0, Math.min(target.intervalMs(), stored + target.intervalMs() - now));
        log.info(
                "Scraping target '{}' ({}) every {} ms as source '{}'{}",
                target.name(),
                HttpOrigin.of(target.url()),
                target.intervalMs(),
                target.source(),
                stored < 0 ? "" : ", resuming after the scrape at " + stored);
        return new Schedule(
                scraper, metrics.track(target.name()), nowNanos + TimeUnit.MILLISECONDS.toNanos(waitMs), stored);
    }

    /**
     * Follows a change of this task's discovered targets: stops scraping those gone, or changed (their labels or
     * settings), and starts those new; the others keep their schedules and rate history.
     */
    private void follow(Map<String, ScrapeTarget> discovered) {
        schedules.values().removeIf(schedule -> {
            ScrapeTarget target = schedule.scraper.target();
            boolean gone = discoveredNames.contains(target.name()) && !target.equals(discovered.get(target.name()));
            if (gone) {
                log.info("No longer scraping discovered target '{}'", target.name());
                metrics.untrack(schedule.metrics);
            }
            return gone;
        });
        discovered.forEach((name, target) -> schedules.computeIfAbsent(name, n -> schedule(target)));
        discoveredNames = discovered.keySet();
    }

    private long storedScrapeTime(String target) {
        Map<String, Object> offset = context.offsetStorageReader().offset(ScrapeRecords.partition(target));
        Object time = offset == null ? null : offset.get(ScrapeRecords.OFFSET_SCRAPE_TIME_KEY);
        return time instanceof Number number ? number.longValue() : -1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (discovery != null) {
            discovery.refresh().ifPresent(this::follow);
        }
        long now = nanoClock.getAsLong();
        List<SourceRecord> records = new ArrayList<>();
        long untilNextDue = discovery == null ? Long.MAX_VALUE : discovery.nanosUntilDue();
        for (Schedule schedule : schedules.values()) {
            if (stopped.getCount() == 0) {
                return null;
            }
            if (schedule.nextDueNanos - now <= 0) {
                long scrapeTime = schedule.nextScrapeTime(wallClockMillis.getAsLong(), nanoClock.getAsLong());
                ScrapeOutcome outcome = schedule.scraper.scrape(scrapeTime);
                List<SourceRecord> made = recordBuilder.records(outcome);
                schedule.metrics.scraped(outcome, made.size());
                records.addAll(made);
                schedule.nextDueNanos += schedule.intervalNanos;
                long after = nanoClock.getAsLong();
                long behind = after - schedule.nextDueNanos;
                if (behind >= 0) {
                    // Fell behind (a slow target, a paused worker): skip the missed slots rather than burst.
                    schedule.nextDueNanos = after + schedule.intervalNanos - behind % schedule.intervalNanos;
                }
            }
            untilNextDue = Math.min(untilNextDue, schedule.nextDueNanos - now);
        }
        if (!records.isEmpty()) {
            return records;
        }
        long waitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_POLL_WAIT_MS), untilNextDue - elapsedSince(now));
        if (waitNanos > 0) {
            stopped.await(waitNanos, TimeUnit.NANOSECONDS);
        }
        return null;
    }

    private long elapsedSince(long nanos) {
        return nanoClock.getAsLong() - nanos;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
