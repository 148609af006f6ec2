package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.http.DestinationRefusedException;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.sender.AlertSender;
import dev.telemetry.connect.sink.sender.AlertSenderFactory;
import dev.telemetry.connect.sink.sender.DeliveryNotDurableException;
import dev.telemetry.connect.sink.sender.DeliveryResult;
import dev.telemetry.connect.sink.sender.SlackAlertSender;
import dev.telemetry.connect.testkit.RecordingSinkTaskContext;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.ScriptedHttpServer.Status;
import dev.telemetry.connect.testkit.TestRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AlertSinkTaskTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final TopicPartition P0 = new TopicPartition("alerts", 0);

    private final RecordingSender sender = new RecordingSender();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(Set.of(P0), null);
    private final List<Duration> sleeps = new ArrayList<>();
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private AlertSinkTask start(Map<String, String> overrides) {
        return start(sender, overrides);
    }

    private AlertSinkTask start(RecordingSender recorder, Map<String, String> overrides) {
        AlertSinkTask task = new AlertSinkTask(config -> recorder, () -> clock.instant(), sleeps::add);
        task.initialize(context);
        task.start(props(overrides));
        return task;
    }

    private static Map<String, String> props(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of(
                "destination",
                "file",
                "file.path",
                "/tmp/unused.jsonl",
                "batch.max.size",
                "2",
                "batch.max.wait.ms",
                "1000",
                "retry.max.attempts",
                "3",
                "retry.backoff.ms",
                "10",
                "retry.backoff.max.ms",
                "40"));
        props.putAll(overrides);
        return props;
    }

    private static SinkRecord record(long offset, String severity) {
        return SinkRecords.log("alerts", 0, offset, severity, "svc", "boom " + offset, T0.toEpochMilli());
    }

    @Test
    void deliversFullBatchesAndCommitsOnlyDeliveredOffsets() {
        AlertSinkTask task = start(Map.of());
        task.put(List.of(record(0, "critical"), record(1, "warning"), record(2, "critical")));

        assertThat(sender.batches).hasSize(1);
        assertThat(sender.batches.get(0)).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-0-1");
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(2));
        assertThat(sender.flushes).isEqualTo(1);
        // The partial batch asks Connect to call put again when it is due.
        assertThat(context.timeoutMs).isEqualTo(1000);

        clock = Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC);
        task.put(List.of());
        assertThat(sender.batches).hasSize(2);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void alertsBelowMinSeverityAreCountedAndSettled() {
        AlertSinkTask task = start(Map.of("min.severity", "critical"));
        task.put(List.of(record(0, "info"), record(1, "warning")));
        assertThat(sender.batches).isEmpty();
        assertThat(task.counts().belowMinSeverity).isEqualTo(2);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
    }

    /** The shipped sinks drop records below min.severity with Kafka's Filter: those never reach put, yet commit. */
    @Test
    void recordsDroppedBeforePutAreCommittedWithTheRest() {
        AlertSinkTask task = start(Map.of());
        TopicPartition quiet = new TopicPartition("user_events", 1);
        assertThat(task.preCommit(Map.of(quiet, new OffsetAndMetadata(40))))
                .containsEntry(quiet, new OffsetAndMetadata(40));

        task.put(List.of(record(3, "critical")));
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(9)))).containsEntry(P0, new OffsetAndMetadata(3));

        task.put(List.of(record(10, "critical")));
        assertThat(sender.batches).hasSize(1);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(20)))).containsEntry(P0, new OffsetAndMetadata(20));
    }

    @Test
    void retriesTransientFailuresThenHandsTheBatchBackToConnect() {
        AlertSinkTask task = start(Map.of());
        sender.transientFailures = 5;

        assertThatThrownBy(() -> task.put(List.of(record(0, "critical"), record(1, "critical"))))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("3 attempts");
        assertThat(sleeps)
                .hasSize(2)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(40)));
        assertThat(context.timeoutMs).isEqualTo(7000);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(0));

        // Connect hands the same records back; they are not taken twice, and the queued batch goes out.
        task.put(List.of(record(0, "critical"), record(1, "critical")));
        assertThat(sender.batches).hasSize(1);
        assertThat(sender.batches.get(0)).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-0-1");
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void permanentRejectionsAndUnconvertibleRecordsGoToTheErrorReporter() {
        AlertSinkTask task = start(Map.of("batch.max.size", "3"));
        sender.rejectIds = Set.of("alerts-0-1");
        SinkRecord tombstone = TestRecords.value(null).topic("alerts").offset(2).sink();

        task.put(List.of(record(0, "critical"), record(1, "critical"), tombstone, record(3, "critical")));

        assertThat(context.reported).hasSize(2);
        assertThat(context.reported.get(0).getValue().getMessage()).contains("tombstone");
        assertThat(context.reported.get(1).getKey().kafkaOffset()).isEqualTo(1);
        assertThat(context.reported.get(1).getValue().getMessage())
                .contains("rejected alert alerts-0-1")
                .contains("HTTP 400");
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(4)))).containsEntry(P0, new OffsetAndMetadata(4));
        assertThat(task.counts().delivered).isEqualTo(2);
    }

    @Test
    void withoutAnErrorReporterARejectionFailsTheTaskLoudly() {
        context.reporterAvailable = false;
        AlertSinkTask task = start(Map.of());
        assertThatThrownBy(() ->
                        task.put(List.of(TestRecords.value(null).topic("alerts").sink())))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("errors.deadletterqueue.topic.name");
    }

    @Test
    void foldedRepeatsSettleAllTheirRecords() {
        AlertSinkTask task = start(Map.of("dedup.window.ms", "5000", "batch.max.size", "10", "batch.max.wait.ms", "0"));
        task.put(List.of(record(0, "critical"), record(1, "critical"), record(2, "critical")));
        assertThat(sender.batches).isEmpty();
        assertThat(context.timeoutMs).isEqualTo(5000);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(0));

        clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
        task.put(List.of());

        assertThat(sender.batches)
                .singleElement()
                .satisfies(batch -> assertThat(batch)
                        .singleElement()
                        .satisfies(a -> assertThat(a.occurrences()).isEqualTo(3)));
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void revokedPartitionsAreForgottenAndRedeliveredLater() {
        AlertSinkTask task = start(Map.of());
        task.put(List.of(record(0, "critical")));
        task.close(List.of(P0));
        assertThat(task.preCommit(Map.of())).isEmpty();
        task.put(List.of(record(0, "critical"), record(1, "critical")));
        assertThat(sender.batches)
                .singleElement()
                .satisfies(
                        batch -> assertThat(batch).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-0-1"));
    }

    @Test
    void aFailedSyncCommitsNothingAndTheRewoundRecordsAreDeliveredAgain() {
        AlertSinkTask task = start(Map.of());
        task.put(List.of(record(0, "critical"), record(1, "critical")));
        sender.notDurableOnNextFlush = true;

        // Connect rewinds to the last committed offsets when preCommit throws, and hands the records over again.
        assertThatThrownBy(() -> task.preCommit(Map.of(P0, new OffsetAndMetadata(2))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("delivered again");
        task.put(List.of(record(0, "critical"), record(1, "critical")));

        assertThat(sender.batches).hasSize(2);
        assertThat(sender.batches.get(1)).extracting(Alert::id).containsExactly("alerts-0-0", "alerts-0-1");
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void recordsRoutedToOneTopicBySinkTransformsKeepDistinctIdsAndAreAllDelivered() throws Exception {
        try (ScriptedHttpServer webhook = new ScriptedHttpServer(request -> new Status(200))) {
            AlertSinkTask task = startWithWebhook(webhook);
            // A sink-side RegexRouter renamed alerts-eu and alerts-us to "alerts": same topic, partition and offset.
            SinkRecord eu = routedTo("alerts", record("alerts-eu", 5, "eu down"));
            SinkRecord us = routedTo("alerts", record("alerts-us", 5, "us down"));
            task.put(List.of(eu, us));

            assertThat(webhook.requests())
                    .extracting(ScriptedHttpServer.Request::body)
                    .satisfiesExactly(
                            body -> assertThat(body).contains("alerts-eu-0-5").contains("eu down"),
                            body -> assertThat(body).contains("alerts-us-0-5").contains("us down"));
            TopicPartition euPartition = new TopicPartition("alerts-eu", 0);
            TopicPartition usPartition = new TopicPartition("alerts-us", 0);
            assertThat(task.preCommit(
                            Map.of(euPartition, new OffsetAndMetadata(6), usPartition, new OffsetAndMetadata(6))))
                    .containsEntry(euPartition, new OffsetAndMetadata(6))
                    .containsEntry(usPartition, new OffsetAndMetadata(6));
        }
    }

    @Test
    void aRecordOfATopicCreatedAgainIsDeliveredAlthoughItsIdWasDeliveredBefore() throws Exception {
        try (ScriptedHttpServer webhook = new ScriptedHttpServer(request -> new Status(200))) {
            AlertSinkTask task = startWithWebhook(webhook);
            task.put(List.of(record("alerts", 0, "before the topic was deleted")));
            // The topic is deleted and created again: its partition is revoked, assigned again, and restarts at 0.
            task.close(List.of(P0));
            task.open(List.of(P0));
            task.put(List.of(record("alerts", 0, "after it was created again")));

            assertThat(webhook.requests())
                    .extracting(ScriptedHttpServer.Request::body)
                    .satisfiesExactly(
                            body -> assertThat(body).contains("alerts-0-0").contains("before the topic"),
                            body -> assertThat(body).contains("alerts-0-0").contains("after it was created"));
            assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(1))))
                    .containsEntry(P0, new OffsetAndMetadata(1));
        }
    }

    private AlertSinkTask startWithWebhook(ScriptedHttpServer webhook) {
        AlertSinkTask task = new AlertSinkTask(AlertSenderFactory::create, () -> clock.instant(), sleeps::add);
        task.initialize(context);
        task.start(Map.of(
                "destination", "webhook", "webhook.url", webhook.uri("/hook").toString(), "batch.max.size", "1"));
        return task;
    }

    private static SinkRecord fromSource(long offset, String source) {
        return SinkRecords.log("alerts", 0, offset, "critical", source, "boom " + offset, T0.toEpochMilli());
    }

    private static SinkRecord record(String topic, long offset, String message) {
        return SinkRecords.log(topic, 0, offset, "critical", "svc", message, T0.toEpochMilli());
    }

    private static SinkRecord routedTo(String topic, SinkRecord record) {
        return record.newRecord(
                topic,
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp());
    }

    @Test
    void aTaskResumingFromTheCommittedOffsetDeliversNoFoldedRecordUnderANewId() {
        Map<String, String> dedup = Map.of("dedup.window.ms", "60000", "batch.max.size", "1", "batch.max.wait.ms", "0");
        List<SinkRecord> records = List.of(fromSource(0, "A"), fromSource(1, "B"), fromSource(2, "A"));
        AlertSinkTask task = start(dedup);
        sender.failingSources = Set.of("B");
        task.put(records);
        clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        // The fold of A (records 0 and 2) is delivered; B's delivery keeps failing and is handed back to Connect.
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(RetriableException.class);
        assertThat(sender.batches)
                .singleElement()
                .satisfies(batch -> assertThat(batch).extracting(Alert::id).containsExactly("alerts-0-0"));
        long committed =
                task.preCommit(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset();
        task.stop();

        // The task is replaced (a crash, a rebalance): a new instance resumes at the committed offset.
        RecordingSender next = new RecordingSender();
        AlertSinkTask replacement = start(next, dedup);
        replacement.put(
                records.stream().filter(r -> r.kafkaOffset() >= committed).toList());
        clock = Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC);
        replacement.put(List.of());

        Map<Long, Set<String>> idsOfRecord = new HashMap<>();
        for (List<Alert> batch : List.of(sender.batches, next.batches).stream()
                .flatMap(List::stream)
                .toList()) {
            for (Alert alert : batch) {
                alert.records()
                        .forEach(r -> idsOfRecord
                                .computeIfAbsent(r.kafkaOffset(), o -> new HashSet<>())
                                .add(alert.id()));
            }
        }
        assertThat(idsOfRecord)
                .containsEntry(0L, Set.of("alerts-0-0"))
                .containsEntry(1L, Set.of("alerts-0-1"))
                .containsEntry(2L, Set.of("alerts-0-0"));
    }

    @Test
    void aDestinationThatRefusesEveryRequestIsRetriedThenFailsTheTaskAndNothingGoesToTheDeadLetterQueue() {
        AlertSinkTask task = start(Map.of("destination", "webhook", "webhook.url", "http://h/hook"));
        sender.refuseWithStatus = 401;

        assertThatThrownBy(() -> task.put(List.of(record(0, "critical"), record(1, "critical"))))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("fix webhook.auth.token");
        assertThat(sleeps).hasSize(2);
        assertThat(context.reported).isEmpty();
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(0));
    }

    @Test
    void aPutNeverSpendsMoreThanItsTimeBudgetOnSlackPacingAndEveryAlertIsPostedOnce() throws Exception {
        MovingClock time = new MovingClock(T0);
        try (ScriptedHttpServer slack = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200))) {
            SlackAlertSender slackSender = new SlackAlertSender(
                    slack.uri("/services/T/B/X"),
                    Duration.ofSeconds(1),
                    new HttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC()),
                    time,
                    time::advance);
            AlertSinkTask task = new AlertSinkTask(config -> slackSender, time::instant, time::advance);
            task.initialize(context);
            task.start(Map.of(
                    "destination", "slack",
                    "slack.webhook.url", slack.uri("/services/T/B/X").toString(),
                    "batch.max.size", "100",
                    "batch.max.wait.ms", "0",
                    "put.max.time.ms", "60000"));
            List<SinkRecord> poll = new ArrayList<>();
            for (long offset = 0; offset < 500; offset++) {
                poll.add(record(offset, "critical"));
            }

            // Connect hands the same 500 records back after each RetriableException, as a worker does.
            int handedBack = 0;
            for (int call = 0; call < 30 && slack.requests().size() < 500; call++) {
                Instant start = time.instant();
                try {
                    task.put(poll);
                } catch (RetriableException e) {
                    handedBack++;
                    assertThat(e).hasMessageContaining("put.max.time.ms");
                }
                assertThat(Duration.between(start, time.instant())).isLessThanOrEqualTo(Duration.ofSeconds(60));
            }

            assertThat(slack.requests()).hasSize(500);
            assertThat(slack.requests().stream()
                            .map(r -> r.body().replaceAll(".*alert `(alerts-0-\\d+)`.*", "$1"))
                            .distinct())
                    .hasSize(500);
            assertThat(handedBack).isGreaterThanOrEqualTo(8);
            assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(500))))
                    .containsEntry(P0, new OffsetAndMetadata(500));
        }
    }

    @Test
    void retryWaitsThatDoNotFitThePutAreHandedToConnect() {
        MovingClock time = new MovingClock(T0);
        AlertSinkTask task = new AlertSinkTask(config -> sender, time::instant, time::advance);
        task.initialize(context);
        task.start(Map.of(
                "destination", "file",
                "file.path", "/tmp/unused.jsonl",
                "batch.max.size", "1",
                "retry.max.attempts", "10",
                "retry.backoff.ms", "40",
                "retry.backoff.max.ms", "1000",
                "put.max.time.ms", "100"));
        sender.transientFailures = 100;
        sender.retryAfter = null;

        assertThatThrownBy(() -> task.put(List.of(record(0, "critical"))))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("within the time allowed");
        assertThat(Duration.between(T0, time.instant())).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(context.timeoutMs).isPositive();
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(1)))).containsEntry(P0, new OffsetAndMetadata(0));
    }

    /** A clock that only moves when the task under test sleeps. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void anEventTimeAtTheEndOfTimeWhileAFoldIsOpenNeitherOverflowsNorStopsTheTask() {
        AlertSinkTask task =
                start(Map.of("dedup.window.ms", "60000", "batch.max.size", "10", "batch.max.wait.ms", "0"));
        task.put(List.of(schemalessAlert(0, "2026-11-25T08:00:00Z")));
        task.put(List.of(
                schemalessAlert(1, "+999999999-12-31T23:59:59Z"), schemalessAlert(2, "-999999999-01-01T00:00:00Z")));

        // The far-future repeat is outside the window: the first fold is delivered, a new one opened and folded.
        assertThat(sender.batches)
                .singleElement()
                .satisfies(batch -> assertThat(batch).extracting(Alert::id).containsExactly("alerts-0-0"));
        clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        task.put(List.of());
        assertThat(sender.batches).hasSize(2);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void anAbsurdRetryAfterHandsTheBatchBackWithABoundedWait() {
        AlertSinkTask task = start(Map.of());
        sender.transientFailures = 5;
        sender.retryAfter = Duration.ofSeconds(99_999_999_999_999_999L);

        assertThatThrownBy(() -> task.put(List.of(record(0, "critical"), record(1, "critical"))))
                .isInstanceOf(RetriableException.class);
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(40)));
        assertThat(context.timeoutMs).isEqualTo(Duration.ofDays(1).toMillis());
    }

    private static SinkRecord schemalessAlert(long offset, String eventTime) {
        return SinkRecords.schemaless(
                "alerts",
                0,
                offset,
                Map.of("severity", "critical", "service", "svc", "message", "boom", "timestamp", eventTime));
    }

    /** Records batches; can fail transiently a number of times, or reject chosen alerts for good. */
    @Test
    void withIncidentsABurstIsOneFiringThenOneResolvedAndTheCommitWaitsForTheResolved() {
        AlertSinkTask task = start(Map.of(
                "incident.enabled",
                "true",
                "incident.resolve.after.ms",
                "60000",
                "incident.allowed.lateness.ms",
                "5000",
                "batch.max.wait.ms",
                "0"));
        task.put(List.of(record(0, "critical"), record(1, "critical"), record(2, "critical")));
        assertThat(sender.batches).hasSize(1);
        assertThat(sender.batches.get(0)).extracting(Alert::id).containsExactly("alerts-0-0/firing");
        // The open incident needs its records from offset 0 again after a crash: nothing is committed past it.
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(0));
        // Connect is asked to call put when the silence would resolve it, past the allowed lateness, even if no record
        // comes.
        assertThat(context.timeoutMs).isEqualTo(65_000);

        clock = Clock.fixed(T0.plusSeconds(64), ZoneOffset.UTC);
        task.put(List.of());
        assertThat(sender.batches).hasSize(1);
        clock = Clock.fixed(T0.plusSeconds(65), ZoneOffset.UTC);
        task.put(List.of());
        assertThat(sender.batches).hasSize(2);
        Alert resolved = sender.batches.get(1).get(0);
        assertThat(resolved.id()).isEqualTo("alerts-0-0/resolved");
        assertThat(resolved.notification().count()).isEqualTo(3);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(task.incidentCounts().fired()).isEqualTo(1);
        assertThat(task.incidentCounts().resolved()).isEqualTo(1);
        assertThat(task.counts().delivered).isEqualTo(2);
    }

    @Test
    void withIncidentsAnUndeliveredResolvedHoldsTheCommitAndARevokedPartitionIsRebuiltFromIt() {
        Map<String, String> incidents =
                Map.of("incident.enabled", "true", "batch.max.wait.ms", "0", "min.severity", "warning");
        AlertSinkTask task = start(incidents);
        task.put(List.of(record(0, "critical"), record(1, "critical")));
        sender.transientFailures = 5;
        assertThatThrownBy(() -> task.put(List.of(record(2, "info")))).isInstanceOf(RetriableException.class);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(0));

        // The partition moves to another task, which reads from the committed offset and sends the same ids.
        task.close(List.of(P0));
        sender.transientFailures = 0;
        AlertSinkTask next = start(incidents);
        next.put(List.of(record(0, "critical"), record(1, "critical"), record(2, "info")));
        assertThat(sender.batches)
                .flatExtracting(batch -> batch.stream().map(Alert::id).toList())
                .containsExactly("alerts-0-0/firing", "alerts-0-0/firing", "alerts-0-0/resolved");
        assertThat(next.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    private static final class RecordingSender implements AlertSender {
        final List<List<Alert>> batches = new ArrayList<>();
        int transientFailures;
        Duration retryAfter = Duration.ofSeconds(7);
        int refuseWithStatus;
        Set<String> rejectIds = Set.of();
        int flushes;
        boolean notDurableOnNextFlush;
        Set<String> failingSources = Set.of();

        @Override
        public DeliveryResult send(List<Alert> alerts) throws TransientFailureException {
            if (refuseWithStatus > 0) {
                throw new DestinationRefusedException(
                        "HTTP " + refuseWithStatus + " from POST http://h", refuseWithStatus);
            }
            if (transientFailures > 0) {
                transientFailures--;
                throw new TransientFailureException("HTTP 503", null, retryAfter);
            }
            if (alerts.stream().anyMatch(alert -> failingSources.contains(alert.source()))) {
                throw new TransientFailureException("HTTP 503", null);
            }
            batches.add(List.copyOf(alerts));
            List<DeliveryResult.Rejection> rejections = new ArrayList<>();
            for (Alert alert : alerts) {
                if (rejectIds.contains(alert.id())) {
                    rejections.add(new DeliveryResult.Rejection(alert, "HTTP 400: bad alert"));
                }
            }
            return new DeliveryResult(rejections);
        }

        @Override
        public void flush() throws DeliveryNotDurableException {
            flushes++;
            if (notDurableOnNextFlush) {
                notDurableOnNextFlush = false;
                throw new DeliveryNotDurableException("Input/output error", null);
            }
        }

        @Override
        public void close() {}
    }
}
