package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.access.OperatorPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's discovered targets: reads each source (file_sd, http_sd) on its own interval, keeps a source's last good
 * list while it fails (the failure logged once, and counted), and keeps of the targets only this task's share. Every
 * task of the connector discovers on its own and takes its share by {@link TaskShare}, so targets come and go without
 * the connector reconfiguring its tasks, which would restart every task and lose every target's rate history.
 */
final class ServiceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ServiceDiscovery.class);

    /** A source, when it is next due, its last good list and its current failure. */
    private static final class Source {
        final TargetGroupSource groups;
        long nextDueNanos;
        List<TargetGroup> lastGood = List.of();
        String failure;

        Source(TargetGroupSource groups, long nextDueNanos) {
            this.groups = groups;
            this.nextDueNanos = nextDueNanos;
        }
    }

    private final List<Source> sources = new ArrayList<>();
    private final DiscoveredTargets discovered;
    private final TaskShare share;
    private final LongSupplier nanoClock;
    private final Set<String> reportedRefusals = new HashSet<>();

    /** The groups of every source, as last turned into targets; null before the first refresh. */
    private List<TargetGroup> combined;

    private Map<String, ScrapeTarget> mine;
    private Map<String, String> refused = Map.of();
    private long failedReads;

    ServiceDiscovery(
            List<TargetGroupSource> sources, DiscoveredTargets discovered, TaskShare share, LongSupplier nanoClock) {
        long now = nanoClock.getAsLong();
        sources.forEach(source -> this.sources.add(new Source(source, now)));
        this.discovered = discovered;
        this.share = share;
        this.nanoClock = nanoClock;
    }

    /** The discovery {@code config} sets up, under the worker's operator policy. */
    static ServiceDiscovery of(MetricsScrapeSourceConfig config, TaskShare share, LongSupplier nanoClock) {
        OperatorPolicy policy = OperatorPolicy.ofWorker();
        List<TargetGroupSource> sources = new ArrayList<>();
        if (config.sdFilePath() != null) {
            sources.add(
                    new FileTargetGroups(config.sdFilePath(), config.sdFileRefreshIntervalMs(), policy.readPaths()));
        }
        if (config.sdHttpUrl() != null) {
            sources.add(new HttpTargetGroups(
                    config.sdHttpUrl(),
                    config.sdHttpRefreshIntervalMs(),
                    config.getLong(MetricsScrapeSourceConfig.SCRAPE_TIMEOUT_MS_CONFIG),
                    policy.networks()));
        }
        DiscoveredTargets discovered = new DiscoveredTargets(
                config.sdScheme(),
                config.sdMetricsPath(),
                config.sdSource(),
                config.sdMaxTargets(),
                policy.networks(),
                config::discoveredTarget);
        return new ServiceDiscovery(sources, discovered, share, nanoClock);
    }

    /** Reads the sources that are due; this task's targets by name when they changed (always on the first call). */
    Optional<Map<String, ScrapeTarget>> refresh() throws InterruptedException {
        long now = nanoClock.getAsLong();
        boolean read = false;
        for (Source source : sources) {
            if (source.nextDueNanos - now > 0) {
                continue;
            }
            read = true;
            readInto(source);
            source.nextDueNanos =
                    nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(source.groups.refreshIntervalMs());
        }
        if (!read) {
            return Optional.empty();
        }
        List<TargetGroup> all = new ArrayList<>();
        sources.forEach(source -> all.addAll(source.lastGood));
        if (all.equals(combined)) {
            return Optional.empty();
        }
        combined = all;
        DiscoveredTargets.Result result = discovered.of(all);
        Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
        result.targets().forEach((name, target) -> {
            if (share.owns(name)) {
                targets.put(name, target);
            }
        });
        Map<String, String> refusedHere = new LinkedHashMap<>();
        result.refused().forEach((identity, reason) -> {
            // Each task reports the refusals of its own share, so that one refusal is logged once.
            if (share.owns(identity)) {
                refusedHere.put(identity, reason);
                if (reportedRefusals.add(identity + " " + reason)) {
                    log.warn("Discovered target {} not scraped: {}", identity, reason);
                }
            }
        });
        refused = Map.copyOf(refusedHere);
        log.info(
                "Discovered {} targets: {} scraped by task {} of {}, {} refused here",
                result.targets().size(),
                targets.size(),
                share.index(),
                share.count(),
                refused.size());
        if (targets.equals(mine)) {
            return Optional.empty();
        }
        mine = targets;
        return Optional.of(targets);
    }

    private void readInto(Source source) throws InterruptedException {
        try {
            source.lastGood = source.groups.read();
            if (source.failure != null) {
                log.info("{} is read again", source.groups.description());
                source.failure = null;
            }
        } catch (TargetGroupSource.DiscoveryFailedException e) {
            failedReads++;
            if (!e.getMessage().equals(source.failure)) {
                log.warn(
                        "{} failed: {}; its last {} target groups stay in use",
                        source.groups.description(),
                        e.getMessage(),
                        source.lastGood.size());
            }
            source.failure = e.getMessage();
        }
    }

    /** Nanoseconds until a source is due. */
    long nanosUntilDue() {
        long now = nanoClock.getAsLong();
        long until = Long.MAX_VALUE;
        for (Source source : sources) {
            until = Math.min(until, source.nextDueNanos - now);
        }
        return until;
    }

    /** This task's share of the refused targets, by identity, with the reason. */
    Map<String, String> refused() {
        return refused;
    }

    /** Reads of a source that failed since the task started. */
    long failedReads() {
        return failedReads;
    }
}
