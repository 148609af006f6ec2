package dev.telemetry.connect.sink.incident;

import static dev.telemetry.connect.sink.incident.IncidentFeed.alert;
import static dev.telemetry.connect.sink.incident.IncidentFeed.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import dev.telemetry.connect.sink.alert.Notification.Kind;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;
import dev.telemetry.connect.sink.payload.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A crash at any point, then a replay from the offset the engine let commit, gives the incidents of a run without
 * the crash: no incident lost or under a second id, a notification sent again is the same bytes as its first send, no
 * resolved before its firing, and (for 'immediate') every alert-worthy record in exactly one resolved incident. Records
 * reach the task up to {@code incident.allowed.lateness.ms} after their event time, in no particular event-time order.
 */
class IncidentReplayPropertiesTest {

    private static final TopicPartition P0 = new TopicPartition("logs", 0);
    private static final String[] SERVICES = {"checkout", "payments", "search"};
    private static final String[] SEVERITIES = {"info", "warning", "critical", "critical"};
    private static final int CRITICAL = 2;
    private static final Duration LATENESS = Duration.ofSeconds(20);

    /**
     * One step of the stream: a record of a service at a severity, whose event time is {@code delayMs} before it
     * arrives, or only time passing on the task's clock.
     */
    record Step(boolean record, int service, int severity, long gapMs, long delayMs) {}

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, SERVICES.length - 1),
                        Arbitraries.integers().between(0, SEVERITIES.length - 1),
                        // Mostly steps shorter than the lateness, so the clock often looks while a record is on its
                        // way; sometimes long enough to resolve, fire absence or repeat.
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.longs().between(0, LATENESS.toMillis())),
                                Tuple.of(1, Arbitraries.longs().between(0, 150_000))),
                        Arbitraries.longs().between(0, LATENESS.toMillis()))
                .as((kind, service, severity, gap, delay) -> new Step(kind > 0, service, severity, gap, delay));
        return step.list().ofMinSize(1).ofMaxSize(120);
    }

    /**
     * Two services logging errors, each record up to the lateness late, the clock looking between records: the case
     * where a resolve after silence decided on the clock used to miss a record still on its way, which a replay then
     * folded in (with no lateness this fails within a few dozen tries). Every crash point of each stream is tried.
     */
    @Provide
    Arbitrary<List<Step>> lateErrorStreams() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1),
                        // Uniform: jqwik's default bias towards small numbers makes records rarely late.
                        Arbitraries.longs()
                                .between(0, LATENESS.toMillis())
                                .withDistribution(RandomDistribution.uniform()),
                        Arbitraries.longs()
                                .between(0, LATENESS.toMillis())
                                .withDistribution(RandomDistribution.uniform()))
                .as((kind, service, gap, delay) -> new Step(kind > 0, service, CRITICAL, gap, delay));
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 100)
    void aRecordWithinTheLatenessIsInTheSameResolvedWhereverTheCrash(@ForAll("lateErrorStreams") List<Step> steps) {
        for (int crash = 0; crash < steps.size(); crash++) {
            Map<String, String> first = new HashMap<>();
            for (Alert notification : run(Condition.IMMEDIATE, steps, crash)) {
                String previous = first.putIfAbsent(notification.id(), content(notification));
                if (previous != null) {
                    assertThat(content(notification))
                            .as(notification.id() + " after a crash at step " + crash)
                            .isEqualTo(previous);
                }
            }
        }
    }

    @Property(tries = 200)
    void aCrashAnywhereReplaysToTheSameIncidents(
            @ForAll("streams") List<Step> steps,
            @ForAll Condition condition,
            @ForAll @IntRange(min = 0, max = 119) int crashAt) {
        int crash = Math.min(crashAt, steps.size() - 1);
        List<Alert> uninterrupted = run(condition, steps, -1);
        List<Alert> crashed = run(condition, steps, crash);

        Map<String, String> first = new HashMap<>();
        boolean resent = false;
        for (Alert notification : crashed) {
            String previous = first.putIfAbsent(notification.id(), content(notification));
            if (previous != null) {
                resent = true;
                assertThat(content(notification)).as(notification.id()).isEqualTo(previous);
            }
        }
        // Shown in the report: how many tries sent notifications again, the case this property is about.
        Statistics.label("notifications sent again after the crash").collect(resent);
        assertThat(lifecycleIds(crashed)).isEqualTo(lifecycleIds(uninterrupted));
        for (Alert notification : uninterrupted) {
            if (first.containsKey(notification.id())
                    && notification.notification().kind() != Kind.REPEAT) {
                assertThat(first.get(notification.id())).isEqualTo(content(notification));
            }
        }
        List<String> order = crashed.stream().map(Alert::id).toList();
        for (String id : order) {
            if (id.endsWith("/resolved")) {
                String firing = id.replace("/resolved", "/firing");
                assertThat(order.indexOf(firing)).as(id).isBetween(0, order.indexOf(id));
            }
        }
        if (condition == Condition.IMMEDIATE) {
            everyAlertWorthyRecordIsInExactlyOneResolvedIncident(steps, crashed);
        }
    }

    /**
     * Runs the stream with the task's clock at each record's event time. With {@code crash >= 0}, the task dies after
     * that step: a new engine replays the records from the offset the old one let commit, all at once at the time of
     * the crash, then takes the rest of the stream. Notifications are delivered as they come; at the end the clock
     * moves a day on, which resolves what silence resolves.
     */
    private static List<Alert> run(Condition condition, List<Step> steps, int crash) {
        IncidentEngine engine = new IncidentEngine(settings(condition));
        List<Alert> sent = new ArrayList<>();
        List<Alert> records = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            now += step.gapMs();
            if (step.record()) {
                Alert alert = alert(
                        0, records.size(), SEVERITIES[step.severity()], SERVICES[step.service()], now - step.delayMs());
                records.add(alert);
                deliver(engine, engine.offer(alert, at(now)), sent);
            } else {
                deliver(engine, engine.advance(at(now)), sent);
            }
            if (i == crash) {
                long committed = engine.limit(Map.of(P0, new OffsetAndMetadata(records.size())))
                        .get(P0)
                        .offset();
                engine = new IncidentEngine(settings(condition));
                for (Alert replayed : records.subList((int) committed, records.size())) {
                    deliver(engine, engine.offer(replayed, at(now)), sent);
                }
            }
        }
        deliver(engine, engine.advance(at(now + 86_400_000L)), sent);
        return sent;
    }

    private static IncidentSettings settings(Condition condition) {
        IncidentSettings base = IncidentFeed.settings(condition);
        return new IncidentSettings(
                base.condition(),
                base.keyFields(),
                base.minSeverity(),
                base.countThreshold(),
                base.window(),
                base.forDuration(),
                base.forMaxGap(),
                base.absenceMinCount(),
                // Of the order of the lateness, so that silences resolve while records are on their way.
                Duration.ofSeconds(30),
                LATENESS,
                base.repeatInterval(),
                base.maxOpen(),
                base.maxExamples());
    }

    private static void deliver(IncidentEngine engine, List<Alert> notifications, List<Alert> sent) {
        for (Alert notification : notifications) {
            sent.add(notification);
            engine.settled(notification);
        }
    }

    /** The ids of firings, escalations and resolveds: repeats depend on when the clock looked, the rest must not. */
    private static List<String> lifecycleIds(List<Alert> sent) {
        return sent.stream()
                .filter(alert -> alert.notification().kind() != Kind.REPEAT)
                .map(Alert::id)
                .distinct()
                .sorted()
                .toList();
    }

    private static String content(Alert notification) {
        return new String(WebhookPayload.body(List.of(notification)), StandardCharsets.UTF_8);
    }

    private static void everyAlertWorthyRecordIsInExactlyOneResolvedIncident(List<Step> steps, List<Alert> sent) {
        Map<String, Notification> resolved = new LinkedHashMap<>();
        for (Alert alert : sent) {
            if (alert.notification().kind() == Kind.RESOLVED) {
                resolved.putIfAbsent(alert.notification().incident(), alert.notification());
            }
        }
        long offset = 0;
        for (Step step : steps) {
            if (!step.record()) {
                continue;
            }
            String service = SERVICES[step.service()];
            long current = offset++;
            if (SEVERITIES[step.severity()].equals("info")) {
                continue;
            }
            long holders = resolved.values().stream()
                    .filter(n -> n.key().get("source").equals(service))
                    .filter(n -> n.firstOffset() <= current && current <= n.lastOffset())
                    .count();
            assertThat(holders)
                    .as("record at offset " + current + " of " + service)
                    .isEqualTo(1);
        }
    }
}
