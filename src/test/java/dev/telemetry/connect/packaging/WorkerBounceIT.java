package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.packaging.PipelineAudit.Deliveries;
import dev.telemetry.connect.packaging.PipelineAudit.Sequences;
import dev.telemetry.connect.packaging.PipelineAudit.StreamRecord;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.TopicRecords;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundle's bounce suite, modelled on Kafka's {@code connect_distributed_test.py} ({@code test_bounce},
 * {@code test_exactly_once_source}): three distributed workers, each a JVM of its own on Kafka's published jars with
 * the unpacked archive on plugin.path, {@code exactly.once.source.support=enabled}; the shipped source connector
 * ({@code config/telemetry-source.properties}, its chain as shipped) at 250 events/s over 3 tasks, the shipped file
 * alert sink with 2 tasks, and the shipped webhook alert sink delivering to a receiver in this JVM. Three rounds of
 * hard bounces ({@code kill -9}, restart with the same properties) of every worker, 9 in all, while the pipeline runs;
 * the webhook is down (connections refused) for 30 s from the second bounce on.
 *
 * <p>Afterwards the source is stopped, the sinks catch up, and everything is read {@code read_committed}: each
 * stream's {@code seq} runs from 0 to its maximum without a gap or a repeat across all topics; every committed record
 * on the topics a sink consumes at or above its {@code min.severity} has its alert, no alert stands for a record that
 * was never committed, and an alert repeats only under its own id. The connector files are read at run time, so the
 * checks follow whatever they say (an {@code alerts} topic or stream topics filtered in the sink).
 *
 * <p>A fourth connector, the shipped file sink with the alert lifecycle on ({@code incident.enabled=true}, keyed by
 * stream, 10 s of silence resolves, a repeat every 30 s, the shipped 30 s of allowed lateness), runs through the same
 * bounces: each alert-worthy record is in exactly one delivered incident, a notification sent again carries its first
 * content under its id (a resolved after silence included, see {@link IncidentAudit}), repeats and escalations have ids
 * of their own, and every incident that fired has resolved.
 *
 * <p>Only timeouts are tuned, so that a bounce takes seconds rather than minutes (session timeout 4 s,
 * {@code scheduled.rebalance.max.delay.ms} 0 instead of 5 minutes, so lost tasks are reassigned as soon as a dead
 * worker's session expires); every wait polls, nothing asserts on elapsed time.
 */
class WorkerBounceIT {

    private static final int WORKERS = 3;
    private static final int ROUNDS = 3;
    private static final String SOURCE_RATE = "250";
    private static final String SOURCE_TASKS = "3";
    private static final String FILE_SINK_TASKS = "2";
    private static final Duration WEBHOOK_OUTAGE = Duration.ofSeconds(30);
    private static final int OUTAGE_STARTS_AT_BOUNCE = 2;
    /** Pipeline time between bounces, once every task is running again. */
    private static final Duration RUN_BETWEEN_BOUNCES = Duration.ofSeconds(1);

    private static final long WAIT_MS = TimeUnit.MINUTES.toMillis(3);
    private static final long POLL_MS = 500;
    /** Checks in a row, {@link #POLL_MS} apart, that must see every task RUNNING before a bounce counts as over. */
    private static final int STABLE_CHECKS = 3;

    /** The lifecycle sink's incident key: the record's stream. */
    private static final String INCIDENT_KEY_FIELD = "stream";

    private static final Path LOGS = ComponentArchive.repo().resolve("target/it/worker-bounce");

    private static EmbeddedKafkaCluster kafka;
    private static OutageWebhook webhook;
    private static final List<DistributedWorkerJvm> workers = new ArrayList<>();
    private static ScheduledExecutorService scheduler;

    private static Map<String, String> sourceConfig;
    private static Map<String, String> fileSinkConfig;
    private static Map<String, String> webhookSinkConfig;
    private static Map<String, String> lifecycleSinkConfig;
    private static final Map<String, Integer> expectedTasks = new LinkedHashMap<>();
    private static Properties workerProps;
    private static Path alertFile;
    private static Path incidentFile;
    private static int bounces;
    private static int failedTaskRestarts;

    private static List<StreamRecord> committed;

    @BeforeAll
    static void runThePipelineThroughNineHardBounces() throws Exception {
        ComponentArchive.requireBuilt();
        prepareLogDir();
        // The shipped broker settings, and one broker: the exactly-once source's transaction state log must fit on it.
        Properties brokerProps = ConfigFiles.properties("broker.properties");
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        // Lets the workers' session timeout go below the broker's default minimum of 6 s, and aborts timed-out
        // transactions within a second instead of 10 s (see startWorkers).
        brokerProps.put("group.min.session.timeout.ms", "1000");
        brokerProps.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        kafka = new EmbeddedKafkaCluster(1, brokerProps);
        kafka.start();
        webhook = new OutageWebhook();
        scheduler = Executors.newSingleThreadScheduledExecutor();

        startWorkers();
        createConnectors();
        awaitEveryTaskRunning("the first start");
        awaitFirstAlerts();

        ScheduledFuture<?> outageOver = null;
        for (int round = 1; round <= ROUNDS; round++) {
            for (DistributedWorkerJvm worker : workers) {
                bounces++;
                if (bounces == OUTAGE_STARTS_AT_BOUNCE) {
                    webhook.goDown();
                    log("webhook down for " + WEBHOOK_OUTAGE.toSeconds() + " s");
                    outageOver = scheduler.schedule(
                            () -> {
                                webhook.comeBack();
                                log("webhook back");
                                return null;
                            },
                            WEBHOOK_OUTAGE.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                hardBounce(worker, round);
            }
        }
        if (outageOver != null) {
            outageOver.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }

        stopSourceAndLetSinksCatchUp();
        committed = PipelineAudit.streamRecords(
                TopicRecords.readAll(kafka, WAIT_MS, sourceTopics().toArray(String[]::new)),
                fileSinkConfig.getOrDefault("severity.field", "severity"),
                fileSinkConfig.getOrDefault("severity.header", "severity"));
        log("bounces: " + bounces + ", failed tasks restarted: " + failedTaskRestarts + ", webhook requests: "
                + webhook.requests());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (DistributedWorkerJvm worker : workers) {
            worker.stop();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void everyStreamRunsFromZeroWithoutGapOrDuplicateAcrossAllTopics() {
        Sequences sequences = Sequences.of(committed);
        log("committed records per stream " + sequences.records() + ", highest seq " + sequences.maxSeq() + ", total "
                + sequences.total());
        List<String> streams = Arrays.stream(sourceConfig.get("streams").split(","))
                .map(String::trim)
                .toList();
        assertThat(sequences.records().keySet())
                .as("streams with committed records")
                .containsExactlyInAnyOrderElementsOf(streams);
        SoftAssertions softly = new SoftAssertions();
        sequences
                .gaps()
                .forEach((stream, missing) -> softly.assertThat(firstFew(missing))
                        .as(
                                "sequence numbers of stream '%s' missing below its highest, %s (%d)",
                                stream, sequences.maxSeq(), missing.size())
                        .isEmpty());
        sequences
                .duplicates()
                .forEach((stream, repeated) -> softly.assertThat(firstFew(repeated))
                        .as("sequence numbers of stream '%s' committed more than once (%d)", stream, repeated.size())
                        .isEmpty());
        softly.assertAll();
    }

    private static List<Long> firstFew(List<Long> seqs) {
        return seqs.size() <= 10 ? seqs : seqs.subList(0, 10);
    }

    @Test
    void fileSinkWroteEveryCommittedAlertAndNoOther() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        List<String> unparsable = new ArrayList<>();
        for (Path file : alertFiles()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode alert = PipelineAudit.parse(line);
                    assertThat(alert.isObject()).as(line).isTrue();
                    alerts.add(alert);
                } catch (RuntimeException e) {
                    unparsable.add(file.getFileName() + ": " + line);
                }
            }
        }
        assertThat(unparsable).as("lines of the alert file that are not JSON").isEmpty();
        assertDelivered(fileSinkConfig, alerts);
    }

    @Test
    void webhookReceivedEveryCommittedAlertDespiteItsOutage() {
        assertDelivered(webhookSinkConfig, webhook.acceptedAlerts());
    }

    @Test
    void lifecycleSinkDeliveredEachAlertWorthyRecordInExactlyOneIncidentThatResolved() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(incidentFile, StandardCharsets.UTF_8)) {
            lines.add(PipelineAudit.parse(line));
        }
        Set<String> topics = sinkTopics(lifecycleSinkConfig);
        int minimum = PipelineAudit.severityRank(lifecycleSinkConfig.getOrDefault("min.severity", "info"));
        List<StreamRecord> alertWorthy = committed.stream()
                .filter(r -> topics.contains(r.topic()))
                .filter(r -> PipelineAudit.severityRank(r.severity()) >= minimum)
                .toList();
        IncidentAudit audit = IncidentAudit.of(alertWorthy, lines, INCIDENT_KEY_FIELD);
        log(lifecycleSinkConfig.get("name") + ": committed alert-worthy records " + alertWorthy.size()
                + ", notifications written " + audit.notifications() + " (" + audit.distinctIds()
                + " distinct ids, " + audit.resent() + " sent again under their id), incidents " + audit.incidents()
                + ", repeats " + audit.repeats() + ", escalations " + audit.escalations()
                + "; sent again with other content "
                + audit.sameIdOtherContent().size()
                + ", fired and not resolved " + audit.firedNotResolved().size()
                + ", records in no incident " + audit.recordsInNoIncident().size()
                + ", records in several " + audit.recordsInSeveralIncidents().size()
                + ", wrong counts " + audit.wrongCounts().size());
        assertThat(alertWorthy).as("committed alert-worthy records").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(PipelineAudit.firstFew(audit.sameIdOtherContent()))
                .as("notifications sent again under their id with other content")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.idNotOfItsKind()))
                .as("notification ids that are not <incident>/<their kind>")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.firedNotResolved()))
                .as("incidents that fired and never resolved")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.resolvedBeforeFiring()))
                .as("incidents resolved before they fired")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.recordsInNoIncident()))
                .as("alert-worthy records in no resolved incident ("
                        + audit.recordsInNoIncident().size() + ")")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.recordsInSeveralIncidents()))
                .as("alert-worthy records in several incidents ("
                        + audit.recordsInSeveralIncidents().size() + ")")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(audit.wrongCounts()))
                .as("incidents whose count is not the alert-worthy records of their range")
                .isEmpty();
        softly.assertThat(audit.repeats()).as("repeats during the run").isPositive();
        softly.assertAll();
    }

    private static void assertDelivered(Map<String, String> sink, List<JsonNode> alerts) {
        String name = sink.get("name");
        Set<String> topics = sinkTopics(sink);
        int minimum = PipelineAudit.severityRank(sink.getOrDefault("min.severity", "info"));
        List<StreamRecord> alertWorthy = committed.stream()
                .filter(r -> topics.contains(r.topic()))
                .filter(r -> PipelineAudit.severityRank(r.severity()) >= minimum)
                .toList();
        Deliveries deliveries = Deliveries.of(alertWorthy, alerts);
        log(name + ": topics " + topics + ", committed alert-worthy records " + deliveries.expected()
                + ", alerts delivered " + deliveries.delivered() + " (" + deliveries.distinctIds() + " distinct ids, "
                + deliveries.repeats() + " repeats under the same id); missing "
                + deliveries.missing().size()
                + ", for uncommitted or unknown records "
                + deliveries.invented().size() + ", records under several ids "
                + deliveries.repeatedUnderAnotherId().size());
        assertThat(alertWorthy).as("committed alert-worthy records for " + name).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(deliveries.folded())
                .as(name + ": alerts folding several records (this suite expects dedup.window.ms=0)")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(deliveries.missing()))
                .as(name + ": committed alert-worthy records without an alert ("
                        + deliveries.missing().size() + ")")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(deliveries.invented()))
                .as(name + ": alerts for no committed alert-worthy record, e.g. from aborted transactions ("
                        + deliveries.invented().size() + ")")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(deliveries.wrongRecord()))
                .as(name + ": alerts whose record is not the one at their id ("
                        + deliveries.wrongRecord().size() + ")")
                .isEmpty();
        softly.assertThat(PipelineAudit.firstFew(deliveries.repeatedUnderAnotherId()))
                .as(name + ": records alerted under more than one id ("
                        + deliveries.repeatedUnderAnotherId().size() + ")")
                .isEmpty();
        softly.assertAll();
    }

    // ---- The cluster ------------------------------------------------------------------------------------------------

    private static void startWorkers() throws Exception {
        workerProps = ConfigFiles.properties("connect-distributed.properties");
        assertThat(workerProps.getProperty("exactly.once.source.support")).isEqualTo("enabled");
        assertThat(workerProps.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(workerProps.getProperty("plugin.path")).isEqualTo("target/components/packages");
        workerProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        // A killed worker's tasks wait for its session to expire: 4 s (Kafka's bounce test uses 10 s; the broker's
        // default minimum, 6 s, is lowered above), heartbeats at a quarter of it, so that one heartbeat a loaded
        // machine delays does not end a session. The default scheduled.rebalance.max.delay.ms (5 minutes) would hold
        // a dead worker's tasks that long; 0 hands them to the live workers as soon as the dead one's session
        // expires, and the restarted worker takes its share back in the next rebalance (more task moves, so more
        // fencing, for the same guarantees).
        workerProps.setProperty("session.timeout.ms", "4000");
        workerProps.setProperty("heartbeat.interval.ms", "1000");
        workerProps.setProperty("scheduled.rebalance.max.delay.ms", "0");
        // A restarted worker reads the offsets topic read_committed to its end before it joins, and a transaction the
        // killed worker's source task left open holds that end back until it is aborted: by the task's next producer
        // once the task runs elsewhere, else by the coordinator after the producer's transaction timeout (60 s by
        // default). Each transaction spans one poll, well under 10 s.
        workerProps.setProperty("producer.transaction.timeout.ms", "10000");
        for (int i = 1; i <= WORKERS; i++) {
            int port = freePort();
            Properties props = new Properties();
            props.putAll(workerProps);
            props.setProperty("listeners", "http://127.0.0.1:" + port);
            props.setProperty("rest.advertised.host.name", "127.0.0.1");
            props.setProperty("rest.advertised.port", Integer.toString(port));
            Path file = LOGS.resolve("worker-" + i + ".properties");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(writer, "config/connect-distributed.properties with the test's broker, port and timeouts");
            }
            DistributedWorkerJvm worker = new DistributedWorkerJvm("worker-" + i, file, LOGS, port);
            workers.add(worker);
            worker.start();
        }
        for (DistributedWorkerJvm worker : workers) {
            awaitJoined(worker);
        }
    }

    private static void createConnectors() throws Exception {
        sourceConfig = ConfigFiles.load("telemetry-source.properties");
        sourceConfig.put("rate.per.second", SOURCE_RATE);
        sourceConfig.put("tasks.max", SOURCE_TASKS);

        fileSinkConfig = ConfigFiles.load("alert-sink-file.properties");
        alertFile = LOGS.resolve("alerts.jsonl");
        fileSinkConfig.put("file.path", alertFile.toString());
        fileSinkConfig.put("tasks.max", FILE_SINK_TASKS);
        // The two plain sinks deliver one alert per record, which their checks count; the lifecycle sink has incidents.
        fileSinkConfig.put("incident.enabled", "false");

        webhookSinkConfig = ConfigFiles.load("alert-sink-webhook.properties");
        webhookSinkConfig.put("webhook.url", webhook.url());
        webhookSinkConfig.put("incident.enabled", "false");

        lifecycleSinkConfig = lifecycleSink();

        for (Map<String, String> config :
                List.of(sourceConfig, fileSinkConfig, webhookSinkConfig, lifecycleSinkConfig)) {
            String name = config.get("name");
            Map<String, String> body = new HashMap<>(config);
            RestClient rest = workers.get(0).rest();
            await("connector " + name + " created", () -> {
                RestClient.Response response = rest.put("connectors/" + name + "/config", body);
                if (response.status() >= 400 && response.status() != 409) {
                    throw new AssertionError(
                            "PUT connectors/" + name + "/config: " + response.status() + " " + response.body());
                }
                return response.status() == 201 || response.status() == 200;
            });
        }
        int streams = sourceConfig.get("streams").split(",").length;
        expectedTasks.put(sourceConfig.get("name"), Math.min(Integer.parseInt(sourceConfig.get("tasks.max")), streams));
        expectedTasks.put(fileSinkConfig.get("name"), Integer.parseInt(fileSinkConfig.get("tasks.max")));
        expectedTasks.put(webhookSinkConfig.get("name"), Integer.parseInt(webhookSinkConfig.get("tasks.max")));
        expectedTasks.put(lifecycleSinkConfig.get("name"), Integer.parseInt(lifecycleSinkConfig.get("tasks.max")));
    }

    /**
     * The shipped file sink's chain and settings with the lifecycle on, keyed by stream (a field every committed
     * record carries, so the audit can trace each alert-worthy record to its incident). A short silence resolves, and a
     * short repeat interval makes repeats during the run; both are decided on the task's clock, so they are what a
     * replay after a crash must make again with the same content.
     */
    private static Map<String, String> lifecycleSink() {
        Map<String, String> config = ConfigFiles.load("alert-sink-file.properties");
        config.put("name", "incident-sink-file");
        incidentFile = LOGS.resolve("incidents.jsonl");
        config.put("file.path", incidentFile.toString());
        config.put("tasks.max", "2");
        config.put("dedup.window.ms", "0");
        config.put("incident.enabled", "true");
        config.put("incident.condition", "immediate");
        config.put("incident.key.fields", INCIDENT_KEY_FIELD);
        config.put("incident.resolve.after.ms", "10000");
        config.put("incident.repeat.interval.ms", "30000");
        return config;
    }

    /**
     * Kafka's hard bounce: {@code kill -9} the worker, start it again with the same properties, wait until it has
     * rejoined, no lost work is held back and every task is running (restarting failed ones as Kafka's test does).
     */
    private static void hardBounce(DistributedWorkerJvm worker, int round) throws Exception {
        log("bounce " + bounces + " (round " + round + "): kill -9 " + worker);
        worker.kill();
        worker.start();
        awaitJoined(worker);
        awaitEveryTaskRunning("bounce " + bounces + " of " + worker.name());
        Thread.sleep(RUN_BETWEEN_BOUNCES.toMillis());
    }

    private static void awaitJoined(DistributedWorkerJvm worker) throws InterruptedException {
        await(worker.name() + " up and in the group", () -> {
            assertThat(worker.isAlive())
                    .as(worker + " exited; see " + worker.log())
                    .isTrue();
            return worker.lastRebalanceDelay().isPresent()
                    && reachable(worker.rest(), "connectors").status() == 200;
        });
    }

    /**
     * Every connector and all its tasks RUNNING, seen {@link #STABLE_CHECKS} times in a row, once the restarted
     * worker's last rebalance held nothing back (a dead worker's status stays RUNNING in the status topic until its
     * work is reassigned). FAILED tasks (a fenced producer, a task that lost its transaction) are restarted through the
     * REST API.
     */
    private static void awaitEveryTaskRunning(String after) throws InterruptedException {
        int[] stableChecks = {0};
        await("every connector and task RUNNING after " + after, () -> {
            for (DistributedWorkerJvm worker : workers) {
                assertThat(worker.isAlive())
                        .as(worker + " exited; see " + worker.log())
                        .isTrue();
                if (worker.lastRebalanceDelay().orElse(-1) != 0) {
                    stableChecks[0] = 0;
                    return false;
                }
            }
            RestClient rest = workers.get(0).rest();
            boolean allRunning = true;
            for (Map.Entry<String, Integer> connector : expectedTasks.entrySet()) {
                allRunning &= running(rest, connector);
            }
            stableChecks[0] = allRunning ? stableChecks[0] + 1 : 0;
            return stableChecks[0] >= STABLE_CHECKS;
        });
    }

    private static boolean running(RestClient rest, Map.Entry<String, Integer> connector) {
        String name = connector.getKey();
        RestClient.Response status = reachable(rest, "connectors/" + name + "/status");
        if (status.status() != 200) {
            return false;
        }
        JsonNode json = status.json();
        boolean failed = "FAILED".equals(json.path("connector").path("state").asText());
        int running = 0;
        for (JsonNode task : json.path("tasks")) {
            String state = task.path("state").asText();
            failed |= "FAILED".equals(state);
            running += "RUNNING".equals(state) ? 1 : 0;
        }
        if (failed) {
            log(name + " has failed work, restarting it: " + json);
            RestClient.Response restart =
                    reachable(rest, "POST", "connectors/" + name + "/restart?onlyFailed=true" + "&includeTasks=true");
            if (restart.status() < 300) {
                failedTaskRestarts++;
            }
            return false;
        }
        return "RUNNING".equals(json.path("connector").path("state").asText())
                && json.path("tasks").size() == connector.getValue()
                && running == connector.getValue();
    }

    private static void awaitFirstAlerts() throws InterruptedException {
        await("first alerts in " + alertFile, () -> Files.exists(alertFile) && Files.size(alertFile) > 0);
    }

    private static void stopSourceAndLetSinksCatchUp() throws Exception {
        RestClient rest = workers.get(0).rest();
        String source = sourceConfig.get("name");
        await(source + " stopped", () -> {
            RestClient.Response stop = reachable(rest, "PUT", "connectors/" + source + "/stop");
            if (stop.status() >= 300) {
                return false;
            }
            JsonNode status =
                    reachable(rest, "connectors/" + source + "/status").json();
            return "STOPPED".equals(status.path("connector").path("state").asText())
                    && status.path("tasks").isEmpty();
        });
        for (Map<String, String> sink : List.of(fileSinkConfig, webhookSinkConfig, lifecycleSinkConfig)) {
            String group = sink.getOrDefault("consumer.override.group.id", "connect-" + sink.get("name"));
            TopicRecords.awaitGroupCaughtUp(
                    kafka, group, WAIT_MS, sinkTopics(sink).toArray(String[]::new));
            log(sink.get("name") + " caught up");
        }
    }

    // ---- What the connectors read and write
    // ---------------------------------------------------------------------------

    /** The topics a sink consumes: its {@code topics} list, or the existing topics its {@code topics.regex} matches. */
    private static Set<String> sinkTopics(Map<String, String> sink) {
        String list = sink.get("topics");
        if (list != null && !list.isBlank()) {
            Set<String> topics = new TreeSet<>();
            Arrays.stream(list.split(",")).map(String::trim).forEach(topics::add);
            return topics;
        }
        Pattern regex = Pattern.compile(sink.get("topics.regex"));
        Set<String> topics = new TreeSet<>();
        for (String topic : allTopics()) {
            if (regex.matcher(topic).matches()) {
                topics.add(topic);
            }
        }
        return topics;
    }

    /** Every topic the source may have written: all but Connect's own topics and the sinks' dead-letter topics. */
    private static Set<String> sourceTopics() {
        Set<String> topics = new TreeSet<>(allTopics());
        Stream.of("config.storage.topic", "offset.storage.topic", "status.storage.topic")
                .map(workerProps::getProperty)
                .forEach(topics::remove);
        Stream.of(fileSinkConfig, webhookSinkConfig)
                .map(sink -> sink.get("errors.deadletterqueue.topic.name"))
                .forEach(topics::remove);
        return topics;
    }

    private static Set<String> allTopics() {
        try (Admin admin = kafka.createAdminClient()) {
            return admin.listTopics().names().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list topics", e);
        }
    }

    private static List<Path> alertFiles() throws IOException {
        String name = alertFile.getFileName().toString();
        try (Stream<Path> files = Files.list(alertFile.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(name))
                    .sorted()
                    .toList();
        }
    }

    // ---- Plumbing
    // -----------------------------------------------------------------------------------------------------

    private interface Check {
        boolean done() throws Exception;
    }

    /** Polls every {@link #POLL_MS} until {@code check} holds; an AssertionError inside it ends the wait at once. */
    private static void await(String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError("Timed out waiting for " + what + (last == null ? "" : "; last error: " + last));
    }

    /** A REST call to a worker that may be restarting: a connection failure reads as status 0. */
    private static RestClient.Response reachable(RestClient rest, String path) {
        return reachable(rest, "GET", path);
    }

    private static RestClient.Response reachable(RestClient rest, String method, String path) {
        try {
            return switch (method) {
                case "GET" -> rest.get(path);
                case "PUT" -> rest.put(path, "");
                default -> rest.post(path);
            };
        } catch (IllegalStateException e) {
            return new RestClient.Response(0, e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void prepareLogDir() throws IOException {
        if (Files.isDirectory(LOGS)) {
            try (Stream<Path> old = Files.list(LOGS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(LOGS);
    }

    private static void log(String message) {
        System.out.println("[" + Instant.now() + "] WorkerBounceIT: " + message);
    }
}
