package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.http.HttpOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the targets its connector assigned to it, each on its own interval. The offset of a target is the time of
 * its last scrape, advanced as the scrape's records are returned from {@link #poll()} (not when the worker commits),
 * so polling faster than the offset flush never repeats a scrape; after a restart the first scrape of a target waits
 * until one interval after the stored time, and every scrape time is later than the stored one.
 */
public class MetricsScrapeSourceTask extends SourceTask {

    /** Longest a poll waits before returning, so that the worker can stop or commit promptly. */
    private static final long MAX_POLL_WAIT_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(MetricsScrapeSourceTask.class);

    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private List<Schedule> schedules;
    private ScrapeRecords recordBuilder;

    public MetricsScrapeSourceTask() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    MetricsScrapeSourceTask(LongSupplier wallClockMillis, LongSupplier nanoClock) {
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
    }

    /** A target's scraper, when it is next due, and the time of the last scrape it emitted. */
    private static final class Schedule {
        final TargetScraper scraper;
        long nextDueMs;
        long lastScrapeMs;

        Schedule(TargetScraper scraper, long nextDueMs, long lastScrapeMs) {
            this.scraper = scraper;
            this.nextDueMs = nextDueMs;
            this.lastScrapeMs = lastScrapeMs;
        }
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MetricsScrapeSourceConfig config = new MetricsScrapeSourceConfig(props);
        String assigned = props.get(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG);
        if (assigned == null || assigned.isBlank()) {
            throw new ConnectException("Task started without '" + MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG
                    + "'; tasks are configured by MetricsScrapeSourceConnector");
        }
        List<String> mine = List.of(assigned.split(","));
        recordBuilder = new ScrapeRecords(config.topic(), config.samplesFormat());
        schedules = new ArrayList<>();
        long now = wallClockMillis.getAsLong();
        for (ScrapeTarget target : config.targets()) {
            if (!mine.contains(target.name())) {
                continue;
            }
            long stored = storedScrapeTime(target.name());
            TargetScraper scraper = new TargetScraper(
                    target,
                    new ScrapeClient(target, config.maxBytes()),
                    config.include(),
                    config.exclude(),
                    config.mappingEnabled(),
                    nanoClock);
            long firstDue = stored < 0 ? now : Math.max(now, stored + target.intervalMs());
            schedules.add(new Schedule(scraper, firstDue, stored));
            log.info(
                    "Scraping target '{}' ({}) every {} ms as source '{}'{}",
                    target.name(),
                    HttpOrigin.of(target.url()),
                    target.intervalMs(),
                    target.source(),
                    stored < 0 ? "" : ", resuming after the scrape at " + stored);
        }
    }

    private long storedScrapeTime(String target) {
        Map<String, Object> offset = context.offsetStorageReader().offset(ScrapeRecords.partition(target));
        Object time = offset == null ? null : offset.get(ScrapeRecords.OFFSET_SCRAPE_TIME_KEY);
        return time instanceof Number number ? number.longValue() : -1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long now = wallClockMillis.getAsLong();
        List<SourceRecord> records = new ArrayList<>();
        long nextDue = Long.MAX_VALUE;
        for (Schedule schedule : schedules) {
            if (stopped.getCount() == 0) {
                return null;
            }
            if (schedule.nextDueMs <= now) {
                // Strictly after the previous scrape, so an offset never repeats, even across a clock step back.
                long scrapeTime = Math.max(wallClockMillis.getAsLong(), schedule.lastScrapeMs + 1);
                records.addAll(recordBuilder.records(schedule.scraper.scrape(scrapeTime)));
                schedule.lastScrapeMs = scrapeTime;
                long interval = schedule.scraper.target().intervalMs();
                schedule.nextDueMs += interval;
                long after = wallClockMillis.getAsLong();
                if (schedule.nextDueMs <= after) {
                    // Fell behind (a slow target, a paused worker): skip the missed slots rather than burst.
                    schedule.nextDueMs = after + interval - Math.floorMod(after - schedule.nextDueMs, interval);
                }
            }
            nextDue = Math.min(nextDue, schedule.nextDueMs);
        }
        if (!records.isEmpty()) {
            return records;
        }
        long wait = Math.min(MAX_POLL_WAIT_MS, nextDue - wallClockMillis.getAsLong());
        if (wait > 0) {
            stopped.await(wait, TimeUnit.MILLISECONDS);
        }
        return null;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
