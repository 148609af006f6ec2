package dev.telemetry.connect.sink;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.http.DestinationRefusedException;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.common.retry.Retrier;
import dev.telemetry.connect.common.retry.RetriesExhaustedException;
import dev.telemetry.connect.common.retry.RetryPolicy;
import dev.telemetry.connect.common.retry.Sleeper;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertBatcher;
import dev.telemetry.connect.sink.alert.AlertDeduplicator;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.audit.DeliveryAudit;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.IncidentKeys;
import dev.telemetry.connect.sink.incident.IncidentCounts;
import dev.telemetry.connect.sink.incident.IncidentEngine;
import dev.telemetry.connect.sink.incident.IncidentSettings;
import dev.telemetry.connect.sink.sender.AlertSender;
import dev.telemetry.connect.sink.sender.AlertSenderFactory;
import dev.telemetry.connect.sink.sender.DeliveryNotDurableException;
import dev.telemetry.connect.sink.sender.DeliveryResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records into alerts, folds repeats, batches them and delivers each batch with retries. Offsets are committed
 * only up to records that are settled: delivered, filtered below {@code min.severity}, or reported to the dead-letter
 * queue. A crash or rebalance therefore redelivers undelivered alerts, with the same idempotency keys.
 */
public class AlertSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(AlertSinkTask.class);

    private final Function<AlertSinkConfig, AlertSender> senderFactory;
    private final Supplier<Instant> clock;
    private final Sleeper sleeper;

    private AlertSinkConfig config;
    private AlertFactory factory;
    private Severity minSeverity;
    private AlertDeduplicator deduplicator;
    /** The alert lifecycle when {@code incident.enabled}; {@code null} for one alert per record. */
    private IncidentEngine incidents;

    private AlertBatcher batcher;
    private AlertSender sender;
    private DeliveryAudit audit;
    private Retrier retrier;
    private ErrantRecordReporter reporter;
    private Duration putMaxTime;
    /** Attempts refused by the destination in a row, across calls to put: the task fails when they reach the limit. */
    private int refusedAttempts;

    private final OffsetTracker offsets = new OffsetTracker();
    private final List<Future<Void>> pendingReports = new ArrayList<>();
    private final DeliveryCounts counts = new DeliveryCounts();
    private String lastLoggedCounts = "";
    private AlertSinkMetrics metrics;
    /** When the oldest undelivered alert was queued, for the reporter's thread; null when none is. */
    private volatile Instant oldestQueuedAt;

    public AlertSinkTask() {
        this(AlertSenderFactory::create, Clock.systemUTC()::instant, Sleeper.THREAD);
    }

    AlertSinkTask(Function<AlertSinkConfig, AlertSender> senderFactory, Supplier<Instant> clock, Sleeper sleeper) {
        this.senderFactory = senderFactory;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new AlertSinkConfig(props);
        factory = new AlertFactory(config, clock);
        minSeverity = config.minSeverity();
        deduplicator = new AlertDeduplicator(
                config.duration(AlertSinkConfig.DEDUP_WINDOW_MS_CONFIG),
                config.getList(AlertSinkConfig.DEDUP_KEY_FIELDS_CONFIG),
                config.getInt(AlertSinkConfig.DEDUP_MAX_RECORDS_CONFIG),
                config.getLong(AlertSinkConfig.DEDUP_MAX_BYTES_CONFIG));
        incidents = config.getBoolean(IncidentKeys.ENABLED_CONFIG)
                ? new IncidentEngine(IncidentSettings.from(config))
                : null;
        batcher = new AlertBatcher(
                config.getInt(AlertSinkConfig.BATCH_MAX_SIZE_CONFIG),
                config.duration(AlertSinkConfig.BATCH_MAX_WAIT_MS_CONFIG));
        retrier = new Retrier(
                new RetryPolicy(
                        config.getInt(AlertSinkConfig.RETRY_MAX_ATTEMPTS_CONFIG),
                        config.duration(AlertSinkConfig.RETRY_BACKOFF_MS_CONFIG),
                        config.duration(AlertSinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG),
                        () -> ThreadLocalRandom.current().nextDouble()),
                sleeper);
        putMaxTime = config.duration(AlertSinkConfig.PUT_MAX_TIME_MS_CONFIG);
        // Null unless the connector has a dead-letter topic or errors.log.enable: a rejected record then fails the
        // task.
        reporter = context.errantRecordReporter();
        sender = senderFactory.apply(config);
        audit = DeliveryAudit.create(config, props);
        metrics = new AlertSinkMetrics(
                PluginMetricSet.of(context),
                counts,
                incidents == null ? null : incidents.counts(),
                this::oldestUndeliveredAgeMs);
        log.info(
                "Delivering alerts of severity {} and above to {}",
                minSeverity,
                config.destination().configName());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        // Also here: a put that handed back its queue ended before the line at its end.
        oldestQueuedAt = batcher.oldestQueuedAt();
        Instant now = clock.get();
        Instant deadline = now.plus(putMaxTime);
        for (SinkRecord record : records) {
            if (!offsets.received(record)) {
                continue;
            }
            counts.received++;
            Alert alert;
            try {
                alert = factory.create(record);
            } catch (DataException e) {
                report(record, e);
                continue;
            }
            if (incidents != null) {
                // The incident holds the commit back to the records it needs, so the record itself is settled.
                if (!alert.severity().isAtLeast(minSeverity)) {
                    counts.belowMinSeverity++;
                }
                offsets.settled(record);
                incidents.offer(alert, now).forEach(notification -> batcher.add(notification, now));
                continue;
            }
            if (!alert.severity().isAtLeast(minSeverity)) {
                counts.belowMinSeverity++;
                offsets.settled(record);
                continue;
            }
            if (deduplicator.enabled()) {
                for (List<Alert> window : deduplicator.offer(alert, now)) {
                    queue(window, now);
                }
            } else {
                batcher.add(alert, now);
            }
        }
        deduplicator.releaseDue(now).forEach(window -> queue(window, now));
        if (incidents != null) {
            incidents.advance(now).forEach(notification -> batcher.add(notification, now));
        }
        deliverDueBatches(now, deadline);
        scheduleNextPut(now);
        oldestQueuedAt = batcher.oldestQueuedAt();
    }

    private double oldestUndeliveredAgeMs() {
        Instant oldest = oldestQueuedAt;
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.get()).toMillis());
    }

    /** Queues a dedup window's alerts; their records settle together, so a restart forms the same folds again. */
    private void queue(List<Alert> window, Instant now) {
        // A window of one alert of one record ties nothing together.
        if (window.size() > 1 || window.get(0).records().size() > 1) {
            offsets.settleTogether(
                    window.stream().flatMap(alert -> alert.records().stream()).toList());
        }
        window.forEach(alert -> batcher.add(alert, now));
    }

    /**
     * Delivers due batches until {@code put.max.time.ms} is spent, so that the worker's consumer polls again well
     * within {@code max.poll.interval.ms}; what is left is handed back to Connect and delivered in the next call.
     */
    private void deliverDueBatches(Instant now, Instant deadline) {
        while (batcher.hasDueBatch(now)) {
            if (!clock.get().isBefore(deadline)) {
                handBack();
            }
            deliver(batcher.nextBatch(), deadline);
        }
    }

    /** Ends this put with the rest queued; Connect pauses the partitions, polls, and calls put again at once. */
    private void handBack() {
        context.timeout(1);
        throw new RetriableException("Spent " + AlertSinkConfig.PUT_MAX_TIME_MS_CONFIG + " (" + putMaxTime.toMillis()
                + " ms) delivering to " + config.destination().configName()
                + "; the queued alerts follow in the next call so that the consumer keeps polling in time");
    }

    private void deliver(List<Alert> batch, Instant deadline) {
        String what = "deliver " + batch.size() + " alert(s) to "
                + config.destination().configName();
        DeliveryResult result;
        int[] attempts = {0};
        try {
            result = retrier.call(
                    what,
                    () -> {
                        attempts[0]++;
                        Instant sent = clock.get();
                        try {
                            return sender.send(batch, deadline);
                        } finally {
                            metrics.requestTime.record(
                                    Duration.between(sent, clock.get()).toNanos() / 1e6);
                        }
                    },
                    wait -> !clock.get().plus(wait).isAfter(deadline));
        } catch (RetriesExhaustedException e) {
            TransientFailureException last = (TransientFailureException) e.getCause();
            metrics.retries.add(e.attempts() - 1L);
            (last instanceof DestinationRefusedException
                            ? metrics.refused
                            : e.outOfTime() ? metrics.outOfTime : metrics.transientFailures)
                    .increment();
            int status = last instanceof DestinationRefusedException refused ? refused.status() : sender.lastStatus();
            for (Alert alert : batch) {
                audit.record(alert, DeliveryAudit.Result.FAILED, e.attempts(), status, clock.get(), last.getMessage());
            }
            refusedAttempts = last instanceof DestinationRefusedException ? refusedAttempts + e.attempts() : 0;
            if (last instanceof DestinationRefusedException refusal
                    && refusedAttempts >= config.getInt(AlertSinkConfig.RETRY_MAX_ATTEMPTS_CONFIG)) {
                // Not about these records: the destination refuses everyone. Failing the task keeps every record
                // uncommitted and shows the cause in the connector's status; restarting after the fix delivers them.
                throw new ConnectException("Could not " + what + ": the destination refused " + refusedAttempts
                        + " attempts in a row (" + last.getMessage() + "). It refuses every request"
                        + (refusal.status() > 0 ? " with HTTP " + refusal.status() : "")
                        + ", so no alert is sent to the dead-letter queue; fix "
                        + config.destination().keyToFix(refusal.status()) + " and restart the task.");
            }
            if (e.outOfTime()) {
                context.timeout(Math.max(1, e.pendingWait().orElseThrow().toMillis()));
                throw new RetriableException(e.getMessage(), e);
            }
            // Connect pauses the partitions and hands the same records back after this wait, or at its next offset
            // commit if that comes first; the batch stays queued. Capped, so that no Retry-After overflows.
            Duration wait = last.retryAfter()
                    .map(asked ->
                            asked.compareTo(HttpTransport.RETRY_AFTER_MAX) > 0 ? HttpTransport.RETRY_AFTER_MAX : asked)
                    .orElse(config.duration(AlertSinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG));
            context.timeout(wait.toMillis());
            throw new RetriableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while trying to " + what, e);
        }
        refusedAttempts = 0;
        metrics.retries.add(attempts[0] - 1L);
        List<Alert> sent = batch.subList(0, batch.size() - result.notSent().size());
        metrics.batchSize.record(batch.size());
        batcher.removeDelivered(sent.size());
        Set<String> rejectedIds = new HashSet<>();
        Instant settledAt = clock.get();
        long deliveredBefore = counts.delivered;
        for (DeliveryResult.Rejection rejection : result.rejections()) {
            rejectedIds.add(rejection.alert().id());
            counts.rejected++;
            audit.record(
                    rejection.alert(),
                    DeliveryAudit.Result.REJECTED,
                    attempts[0],
                    sender.lastStatus(),
                    settledAt,
                    rejection.reason());
            if (rejection.alert().notification() != null) {
                incidents.settled(rejection.alert());
            }
            for (SinkRecord record : rejection.alert().records()) {
                report(
                        record,
                        new ConnectException(
                                "Destination " + config.destination().configName() + " rejected alert "
                                        + rejection.alert().id() + ": " + rejection.reason()));
            }
        }
        for (Alert alert : sent) {
            if (rejectedIds.contains(alert.id())) {
                continue;
            }
            counts.delivered++;
            if (alert.eventTime() != null) {
                metrics.deliveryLatency.record(AlertSinkMetrics.millisBetween(alert.eventTime(), settledAt));
            }
            audit.record(alert, DeliveryAudit.Result.DELIVERED, attempts[0], sender.lastStatus(), settledAt, null);
            if (alert.notification() != null) {
                // Its records were settled when the incident took them; the incident held the commit until now.
                incidents.settled(alert);
            } else {
                counts.foldedRepeats += alert.occurrences() - 1;
                // Indexed: an iterator and a method reference per alert showed in the sink's allocation profile.
                List<SinkRecord> records = alert.records();
                for (int i = 0; i < records.size(); i++) {
                    offsets.settled(records.get(i));
                }
            }
        }
        metrics.delivered.record(counts.delivered - deliveredBefore);
        if (!result.notSent().isEmpty()) {
            handBack();
        }
    }

    /** Sends a record that cannot be delivered to the dead-letter queue, or fails the task when there is none. */
    private void report(SinkRecord record, Exception reason) {
        if (reporter == null) {
            throw new ConnectException(
                    reason.getMessage() + ". Set errors.tolerance=all and "
                            + "errors.deadletterqueue.topic.name to keep such records in a dead-letter topic.",
                    reason);
        }
        counts.reported++;
        log.warn(
                "Reporting record {}-{}@{} to the error reporter: {}",
                record.topic(),
                record.kafkaPartition(),
                record.kafkaOffset(),
                reason.getMessage());
        pendingReports.add(reporter.report(record, reason));
        offsets.settled(record);
    }

    /** Makes Connect call {@code put} again in time for the next fold or partial batch, even when no records come. */
    private void scheduleNextPut(Instant now) {
        Duration batchDue = batcher.untilDue(now);
        Duration foldDue = deduplicator.untilNextRelease(now);
        Duration next = earlier(batchDue, foldDue);
        if (incidents != null) {
            next = earlier(next, incidents.untilNextDue(now));
        }
        if (next != null) {
            context.timeout(Math.max(1, next.toMillis()));
        }
    }

    private static Duration earlier(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            sender.flush();
            audit.flush();
            for (Future<Void> report : pendingReports) {
                report.get();
            }
            pendingReports.clear();
        } catch (TransientFailureException e) {
            log.warn("Not committing offsets: {}", e.getMessage());
            return Map.of();
        } catch (DeliveryNotDurableException e) {
            // Connect answers a failed preCommit by rewinding to the last committed offsets; forgetting what this task
            // received makes it take those records again, and their alerts are delivered again under the same ids.
            close(offsets.partitions());
            throw new ConnectException(
                    "Not committing offsets: alerts delivered since the last commit may be lost (" + e.getMessage()
                            + "); they are delivered again from the last committed offsets",
                    e);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not write a record to the dead-letter queue", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(currentOffsets);
        if (incidents != null) {
            committable = incidents.limit(committable);
        }
        String totals = incidents == null ? counts.toString() : counts + ", " + incidents.counts();
        if (!totals.equals(lastLoggedCounts)) {
            log.info("Alert sink progress: {}", totals);
            lastLoggedCounts = totals;
        }
        log.debug("Committing {}", committable);
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Undelivered alerts of revoked partitions are dropped here and redelivered to their new owner.
        deduplicator.forget(partitions);
        batcher.forget(partitions);
        offsets.forget(partitions);
        if (incidents != null) {
            incidents.forget(partitions);
        }
    }

    @Override
    public void stop() {
        if (sender != null) {
            sender.close();
        }
        if (audit != null) {
            audit.close();
        }
        log.info("Alert sink stopped: {}", incidents == null ? counts : counts + ", " + incidents.counts());
    }

    /** For tests: what this task has done so far. */
    DeliveryCounts counts() {
        return counts;
    }

    /** For tests: the incident engine's totals; {@code null} without {@code incident.enabled}. */
    IncidentCounts incidentCounts() {
        return incidents == null ? null : incidents.counts();
    }

    /** Running totals, logged at commit and at stop. */
    static final class DeliveryCounts {
        long received;
        long belowMinSeverity;
        long delivered;
        long foldedRepeats;
        long rejected;
        long reported;

        @Override
        public String toString() {
            return "received=" + received + ", belowMinSeverity=" + belowMinSeverity + ", delivered=" + delivered
                    + ", foldedRepeats=" + foldedRepeats + ", rejected=" + rejected + ", reported=" + reported;
        }
    }
}
