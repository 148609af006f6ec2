package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.packaging.PipelineAudit.Deliveries;
import dev.telemetry.connect.packaging.PipelineAudit.StreamRecord;
import dev.telemetry.connect.sink.audit.AuditClientConfig;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.NodeExporterProcess;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shipped secure deployment (config/secure, docs/security.md) end to end: the shipped scripts make the CA, key
 * stores and SCRAM users, format the broker and create the least-privilege ACLs; the shipped broker config (SASL_SSL,
 * SCRAM-SHA-512, StandardAuthorizer, nothing allowed without an ACL) and two workers of the shipped worker config (their
 * own principal, an HTTPS REST API behind basic authentication, secrets from config providers, the operator's audit
 * client file) run in JVMs of their own, and each connector runs under its own principal through the shipped client
 * overrides. Checked: the pipeline delivers every alert; every other shipped connector runs under its own principal
 * against real peers; receipts reach the audit topic as the sink's own principal only once it is granted, and before
 * that the task fails naming audit.topic and the principal; a sink that reads a topic it was not granted fails naming the refusal and
 * delivers everything once granted and restarted; a wrong SCRAM password fails fast; the REST API refuses requests
 * without the right credentials and creates nothing; a connector created through the worker that does not lead is
 * forwarded and runs; no secret value shows in the REST output or any log. The last test reads what the others left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureDeploymentIT {

    private static final long WAIT_MS = TimeUnit.MINUTES.toMillis(3);
    private static final Path DIR = ComponentArchive.repo().resolve("target/it/secure");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS_PER_STREAM = 100;
    private static final String REST_USER = "operator";

    /** The workers' principal (acls.txt), granted before the workers start: they create their topics at once. */
    private static final String WORKER_PRINCIPAL = "connect";

    /** The workers' and every connector's principal, each connector under the principal of its name (acls.txt). */
    private static final String[] PRINCIPALS = {
        WORKER_PRINCIPAL,
        "telemetry-source",
        "log-file-source",
        "metrics-scrape-source",
        "kafka-health-source",
        "alert-sink-file",
        "alert-sink-webhook",
        "alert-sink-slack",
        "alert-sink-alertmanager",
        "alert-sink-inputs",
        "slow-sink"
    };

    private static final String AUDIT_TOPIC = "alert_audit";
    private static final int LOG_LINES = 50;

    private SecureDeployment deployment;
    private Process broker;
    private Process worker;
    private Process secondWorker;
    private int secondRestPort;
    private Path brokerLog;
    private Path workerLog;
    private Path secondWorkerLog;
    private HttpClient https;
    private String restPassword;
    private Map<String, Object> admin;
    private OutageWebhook webhook;
    private ScriptedHttpServer slack;
    private AlertmanagerProcess alertmanager;
    private NodeExporterProcess nodeExporter;
    /** The administrator's admin client, kept open for every check that polls. */
    private Admin adminClient;
    /** The administrator's read_committed consumer, kept open for every check that polls. */
    private KafkaConsumer<byte[], byte[]> reader;

    @BeforeAll
    void startTheSecureDeployment() throws Exception {
        ComponentArchive.requireBuilt();
        deployment = new SecureDeployment(DIR, freePort(), freePort(), freePort());
        Path brokerConfig = deployment.prepare();
        restPassword = deployment.secret("rest-client.properties", REST_USER);
        admin = deployment.client("admin", deployment.secret("secrets/kafka-users.properties", "admin"));

        brokerLog = DIR.resolve("broker.log");
        broker = SecureDeployment.start(
                brokerLog,
                ComponentArchive.repo().resolve("config/secure/broker-log4j2.yaml"),
                List.of("-Dkafka.logs.dir=" + DIR),
                Map.of(),
                "kafka.Kafka",
                brokerConfig.toString());
        // create-acls.sh's JVM starts while the broker's does (its admin client waits for the broker), and its grants
        // for the connectors go in while the workers start, once those for the workers are in. The peers start
        // meanwhile too; nothing of theirs needs the broker.
        CompletableFuture<Void> acls = inBackground(() -> deployment.createAcls(PRINCIPALS));
        webhook = new OutageWebhook();
        slack = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, "ok", Map.of()));
        Files.createDirectories(DIR.resolve("alertmanager"));
        alertmanager = new AlertmanagerProcess(DIR.resolve("alertmanager"));
        alertmanager.start();
        Files.createDirectories(DIR.resolve("node-exporter"));
        nodeExporter = new NodeExporterProcess(DIR.resolve("node-exporter"));
        nodeExporter.start();
        adminClient = Admin.create(admin);
        await("the secure broker", () -> {
            try {
                return !adminClient
                        .describeCluster()
                        .nodes()
                        .get(5, TimeUnit.SECONDS)
                        .isEmpty();
            } catch (Exception notYet) {
                return false;
            }
        });
        Map<String, Object> readCommitted = new HashMap<>(admin);
        readCommitted.put("isolation.level", "read_committed");
        reader = new KafkaConsumer<>(readCommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        await(
                "create-acls.sh past the grants of " + WORKER_PRINCIPAL,
                () -> acls.isDone() || deployment.aclsCreatedFor(WORKER_PRINCIPAL));
        if (acls.isDone()) {
            join(acls);
        }

        // Two workers of one cluster, the second the first's config on another REST port: requests to the one that
        // does not lead are forwarded to the leader over HTTPS, and its connectors' task configs go to the leader as
        // internal requests signed with the session key.
        secondRestPort = freePort();
        Path workerConfig = deployment.write("connect-distributed.properties");
        Path secondWorkerConfig = DIR.resolve("connect-distributed-2.properties");
        Files.writeString(
                secondWorkerConfig,
                deployment
                        .shipped("connect-distributed.properties")
                        .replace("localhost:" + deployment.restPort(), "localhost:" + secondRestPort)
                        .replace(
                                "rest.advertised.port=" + deployment.restPort(),
                                "rest.advertised.port=" + secondRestPort));
        Path log4j = KafkaRuntime.log4jConfig(DIR);
        List<String> jvmOptions = List.of(
                "-Djava.security.auth.login.config=" + deployment.credentials().resolve("rest-jaas.conf"),
                "-D" + AuditClientConfig.PROPERTY + "="
                        + deployment.credentials().resolve("audit-client.properties"));
        // The shipped operator policy (worker-policy.env), then the secrets the environment provider resolves.
        Map<String, String> environment = new HashMap<>(deployment.workerPolicy());
        // A receiver URL with a key in it is a secret too: this one comes from the environment provider.
        environment.put("TELEMETRY_SECRET_WEBHOOK_URL", webhook.url());
        environment.put("TELEMETRY_SECRET_SCRAPE_TOKEN", deployment.secret("secrets/scrape.properties", "token"));
        workerLog = DIR.resolve("worker.log");
        worker = SecureDeployment.start(
                workerLog,
                log4j,
                jvmOptions,
                environment,
                "org.apache.kafka.connect.cli.ConnectDistributed",
                workerConfig.toString());
        secondWorkerLog = DIR.resolve("worker-2.log");
        secondWorker = SecureDeployment.start(
                secondWorkerLog,
                log4j,
                jvmOptions,
                environment,
                "org.apache.kafka.connect.cli.ConnectDistributed",
                secondWorkerConfig.toString());
        https = HttpClient.newBuilder()
                .sslContext(deployment.restSslContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (int port : List.of(deployment.restPort(), secondRestPort)) {
            await("the HTTPS REST API of the worker on " + port, () -> {
                try {
                    return rest(port, "GET", "health", null, REST_USER, restPassword)
                                    .statusCode()
                            == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        }
        join(acls);
    }

    /** Runs {@code step} in a thread of its own; {@link #join} waits for it and rethrows what it threw. */
    private static CompletableFuture<Void> inBackground(Step step) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        step.run();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                runnable -> new Thread(runnable, "secure-deployment-step").start());
    }

    private static void join(CompletableFuture<Void> step) throws Exception {
        try {
            step.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // get() unwraps the CompletionException: the cause is what the step threw.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @AfterAll
    void stopTheSecureDeployment() throws InterruptedException {
        if (reader != null) {
            reader.close();
        }
        if (adminClient != null) {
            adminClient.close();
        }
        // Both workers at once, then the broker they were using.
        SecureDeployment.stop(secondWorker, worker);
        SecureDeployment.stop(broker);
        if (webhook != null) {
            webhook.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (nodeExporter != null) {
            nodeExporter.close();
        }
    }

    @Test
    @Order(1)
    void everyConnectorUnderItsOwnPrincipalDeliversEveryAlert() throws Exception {
        Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
        source.putAll(deployment.shippedProperties("telemetry-source.properties"));
        source.put("max.records", Integer.toString(RECORDS_PER_STREAM));
        source.put("rate.per.second", "600");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.putAll(deployment.shippedProperties("alert-sink-file.properties"));
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        Path alerts = deployment.alertDir().resolve("alerts.jsonl");
        sink.put("file.path", alerts.toString());
        Map<String, String> webhookSink = ConfigFiles.load("alert-sink-webhook.properties");
        webhookSink.putAll(deployment.shippedProperties("alert-sink-webhook.properties"));
        webhookSink.put("incident.enabled", "false");
        webhookSink.put("webhook.url", "${env:TELEMETRY_SECRET_WEBHOOK_URL}");
        put("telemetry-source", source);
        put("alert-sink-file", sink);
        put("alert-sink-webhook", webhookSink);

        List<String> topics = List.of(sink.get("topics").split(","));
        int streams = source.get("streams").split(",").length;
        await("every record of the source committed", () -> committed(topics).size() == streams * RECORDS_PER_STREAM);
        List<ConsumerRecord<byte[], byte[]>> committed = committed(topics);
        await(
                "the sinks caught up",
                () -> caughtUp("connect-alert-sink-file", committed)
                        && caughtUp("connect-alert-sink-webhook", committed));
        List<StreamRecord> records = PipelineAudit.streamRecords(committed, "severity", "severity");
        int minimum = PipelineAudit.severityRank(sink.get("min.severity"));
        List<StreamRecord> alertWorthy = records.stream()
                .filter(r -> PipelineAudit.severityRank(r.severity()) >= minimum)
                .toList();
        Deliveries deliveries = Deliveries.of(alertWorthy, alertLines(alerts));

        assertThat(alertWorthy).isNotEmpty();
        assertThat(deliveries.missing()).as("alerts missing").isEmpty();
        assertThat(deliveries.invented()).as("alerts for no committed record").isEmpty();
        assertThat(deliveries.wrongRecord()).isEmpty();
        Deliveries sent = Deliveries.of(alertWorthy, webhook.acceptedAlerts());
        assertThat(sent.missing()).as("alerts the webhook did not get").isEmpty();
        assertThat(sent.invented()).isEmpty();
        assertThat(webhook.authorizations())
                .as("the token of the directory provider's file, in every request")
                .containsExactly("Bearer "
                        + Files.readString(deployment.credentials().resolve("secrets/alerting/webhook-token"))
                                .trim());
        assertThat(status("telemetry-source").toString()).doesNotContain("FAILED");
        assertThat(status("alert-sink-file").toString()).doesNotContain("FAILED");
        assertThat(status("alert-sink-webhook").toString()).doesNotContain("FAILED");
    }

    @Test
    @Order(2)
    void everyOtherShippedConnectorRunsUnderItsOwnPrincipal() throws Exception {
        Path logs = deployment.logDir();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LOG_LINES; i++) {
            lines.add("[2026-12-07 18:00:" + String.format("%02d", i % 60) + ",000] " + (i % 10 == 0 ? "ERROR" : "INFO")
                    + " secure-log-line-" + i + " (dev.telemetry.secure)");
        }
        Files.write(logs.resolve("app.log"), lines, StandardCharsets.UTF_8);
        Map<String, String> logFile = shippedConnector("log-file-source");
        logFile.put("files", logs.resolve("*.log").toString());
        Map<String, String> scrape = shippedConnector("metrics-scrape-source");
        scrape.put(
                "targets.alertmanager.url",
                alertmanager.uri().resolve("metrics").toString());
        scrape.put("targets.node.url", nodeExporter.metricsUri().toString());
        Map<String, String> health = shippedConnector("kafka-health-source");
        health.put("poll.interval.ms", "2000");
        Map<String, String> slackSink = shippedConnector("alert-sink-slack");
        slackSink.put("slack.webhook.url", slack.uri("/services/secure").toString());
        // The main job's sink of the inputs' health records: the file destination, on kafka_health, with its own DLQ.
        Map<String, String> inputs = ConfigFiles.load("alert-sink-file.properties");
        inputs.putAll(deployment.shippedProperties("alert-sink-inputs.properties"));
        inputs.put("topics", "kafka_health");
        inputs.put("file.path", deployment.alertDir().resolve("inputs.jsonl").toString());
        inputs.put("errors.deadletterqueue.topic.name", "alerts-inputs-dlq");
        put("log-file-source", logFile);
        put("metrics-scrape-source", scrape);
        put("kafka-health-source", health);
        put("alert-sink-slack", slackSink);
        put("alert-sink-inputs", inputs);

        await(
                "every log line in application_logs",
                () -> payloads("application_logs").stream()
                                .map(p -> p.path("message").asText())
                                .filter(m -> m.startsWith("secure-log-line-"))
                                .distinct()
                                .count()
                        == LOG_LINES);
        await(
                "a successful scrape of each target in raw_data",
                () -> payloads("raw_data").stream()
                        .filter(p -> p.path("up").asInt() == 1)
                        .map(p -> p.path("target").asText())
                        .toList()
                        .containsAll(List.of("alertmanager", "node")));
        await(
                "the health source's cluster record in kafka_health",
                () -> payloads("kafka_health").stream()
                        .anyMatch(p -> p.path("kind").asText().equals("cluster")
                                && p.path("reachable").asBoolean()));
        await(
                "a Slack message from the Slack sink",
                () -> slack.requests().stream()
                        .anyMatch(r -> r.method().equals("POST") && r.path().equals("/services/secure")));
        await(
                "the inputs sink's commits on kafka_health",
                () -> committedOffsets("connect-alert-sink-inputs").keySet().stream()
                        .anyMatch(tp -> tp.topic().equals("kafka_health")));
        for (String name :
                List.of("log-file-source", "metrics-scrape-source", "kafka-health-source", "alert-sink-slack")) {
            assertThat(status(name).toString()).as(name).doesNotContain("FAILED");
        }
        assertThat(status("alert-sink-inputs").toString()).doesNotContain("FAILED");
    }

    @Test
    @Order(3)
    void receiptsAreWrittenAsTheSinksOwnPrincipalOnlyOnceItIsGranted() throws Exception {
        String principal = "User:alert-sink-alertmanager";
        ResourcePattern auditTopic = new ResourcePattern(ResourceType.TOPIC, AUDIT_TOPIC, PatternType.LITERAL);
        adminClient
                .createTopics(List.of(new NewTopic(AUDIT_TOPIC, 1, (short) 1)))
                .all()
                .get(60, TimeUnit.SECONDS);
        // The shipped ACLs let the sink's principal write the audit topic; taken away, the denial shows whose
        // principal the audit producer logs in as.
        adminClient
                .deleteAcls(List.of(new AclBindingFilter(
                        auditTopic.toFilter(),
                        new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY))))
                .all()
                .get(60, TimeUnit.SECONDS);
        Map<String, String> sink = shippedConnector("alert-sink-alertmanager");
        assertThat(sink).containsEntry("audit.topic", AUDIT_TOPIC);
        sink.put("alertmanager.urls", alertmanager.uri().toString());
        // One alert, one outcome, one receipt per alert-worthy record; an open incident would hold the commit back.
        sink.put("incident.enabled", "false");
        put("alert-sink-alertmanager", sink);

        await(
                "the audited sink's task FAILED without the grant",
                () -> taskState("alert-sink-alertmanager").equals("FAILED"));
        assertThat(status("alert-sink-alertmanager")
                        .path("tasks")
                        .get(0)
                        .path("trace")
                        .asText())
                .contains("audit.topic '" + AUDIT_TOPIC + "' cannot be written by " + principal
                        + " (the login of this connector's producer.override.sasl.jaas.config), on the cluster of "
                        + deployment.credentials().resolve("audit-client.properties") + " from "
                        + AuditClientConfig.PROPERTY + ": Not authorized to access topics: [" + AUDIT_TOPIC + "]");
        await(
                "the broker's authorizer log records the sink principal's denial",
                () -> Files.readString(DIR.resolve("kafka-authorizer.log"))
                        .lines()
                        .anyMatch(line -> line.contains(principal + " is Denied operation = DESCRIBE")
                                && line.contains("Topic:LITERAL:" + AUDIT_TOPIC)));

        deployment.createAcls("alert-sink-alertmanager");
        assertThat(adminClient
                        .describeAcls(new AclBindingFilter(auditTopic.toFilter(), AccessControlEntryFilter.ANY))
                        .values()
                        .get(60, TimeUnit.SECONDS))
                .as("the only principal that may write the audit topic")
                .extracting(binding -> binding.entry().principal())
                .containsOnly(principal);
        assertThat(rest("POST", "connectors/alert-sink-alertmanager/tasks/0/restart", null, REST_USER, restPassword)
                        .statusCode())
                .isIn(202, 204);
        List<ConsumerRecord<byte[], byte[]>> written =
                committed(List.of(sink.get("topics").split(",")));
        await("the audited sink caught up", () -> caughtUp("connect-alert-sink-alertmanager", written));
        Set<String> logged = deliveredInWorkerLogs("alertmanager");
        assertThat(logged).as("alerts the sink delivered").isNotEmpty();
        await(
                "a delivered receipt in " + AUDIT_TOPIC + " for every alert the sink delivered",
                () -> deliveredReceipts("alertmanager").containsAll(logged));
        assertThat(deliveredInWorkerLogs("alertmanager"))
                .as("every receipt is of a delivery the worker logged")
                .containsAll(deliveredReceipts("alertmanager"));
        JsonNode receipt = receipts().stream()
                .filter(r -> r.path("result").asText().equals("delivered"))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.path("status").asInt()).isEqualTo(200);
        assertThat(receipt.path("records")).isNotEmpty();
        assertThat(alertmanager.api().get("api/v2/alerts").json()).isNotEmpty();
        assertThat(taskState("alert-sink-alertmanager")).isEqualTo("RUNNING");
    }

    /** The ids of the alerts the workers' audit lines say were delivered to the destination. */
    private Set<String> deliveredInWorkerLogs(String destination) throws IOException {
        Pattern line =
                Pattern.compile("alert_delivery alert_id=(\\S+) destination=" + destination + " result=delivered ");
        Set<String> ids = new HashSet<>();
        for (Path log : List.of(workerLog, secondWorkerLog)) {
            Matcher matcher = line.matcher(Files.readString(log));
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /** The ids of the delivered receipts of the destination in the audit topic. */
    private Set<String> deliveredReceipts(String destination) {
        Set<String> ids = new HashSet<>();
        for (JsonNode receipt : receipts()) {
            if (receipt.path("destination").asText().equals(destination)
                    && receipt.path("result").asText().equals("delivered")) {
                ids.add(receipt.path("alert_id").asText());
            }
        }
        return ids;
    }

    @Test
    @Order(7)
    void aConnectorCreatedThroughTheWorkerThatDoesNotLeadIsForwardedAndItsTasksRunOnBothWorkers() throws Exception {
        int leader = leaderRestPort();
        int follower = leader == deployment.restPort() ? secondRestPort : deployment.restPort();
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.putAll(deployment.shippedProperties("slow-sink.properties"));
        sink.put("name", "slow-sink");
        sink.put("topics", "user_events");
        sink.put("file.path", deployment.alertDir().resolve("slow-sink.jsonl").toString());
        sink.put("errors.deadletterqueue.topic.name", "slow-sink-dlq");

        HttpResponse<String> created =
                rest(follower, "PUT", "connectors/slow-sink/config", sink, REST_USER, restPassword);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await(
                "the forwarded connector's task RUNNING",
                () -> taskState("slow-sink").equals("RUNNING"));
        await(
                "the forwarded sink's commits on user_events",
                () -> committedOffsets("connect-slow-sink").keySet().stream()
                        .anyMatch(tp -> tp.topic().equals("user_events")));
        Map<String, List<String>> tasksByWorker = new HashMap<>();
        List<String> connectorsOnFollower = new ArrayList<>();
        for (JsonNode name : JSON.readTree(
                rest("GET", "connectors", null, REST_USER, restPassword).body())) {
            JsonNode status = status(name.asText());
            if (status.path("connector").path("worker_id").asText().endsWith(":" + follower)) {
                connectorsOnFollower.add(name.asText());
            }
            for (JsonNode task : status.path("tasks")) {
                tasksByWorker
                        .computeIfAbsent(task.path("worker_id").asText(), w -> new ArrayList<>())
                        .add(name.asText() + " " + task.path("state").asText());
            }
        }
        assertThat(tasksByWorker).containsKeys("localhost:" + leader, "localhost:" + follower);
        assertThat(connectorsOnFollower)
                .as("connectors whose task configs the follower sent to the leader")
                .isNotEmpty()
                .allSatisfy(name -> assertThat(taskState(name)).isEqualTo("RUNNING"));
        String followerLog = Files.readString(follower == secondRestPort ? secondWorkerLog : workerLog);
        assertThat(followerLog).doesNotContain("Request to leader to reconfigure connector tasks failed");
    }

    @Test
    @Order(4)
    void theSinkPrincipalGetsOnlyWhatItWasGrantedAndLosesNothingOnceGranted() throws Exception {
        Map<String, Object> sinkPrincipal = deployment.client(
                "alert-sink-file", deployment.secret("secrets/kafka-users.properties", "alert-sink-file"));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(sinkPrincipal, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("raw_data", "k", "{}"))
                            .get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("raw_data");
        }

        // An incident topic the operator forgot to grant to the sink's principal: its group is granted, the topic not.
        String topic = "incidents";
        String group = "connect-incident-sink";
        List<String> incidents = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
            grant(client, ResourceType.GROUP, group, AclOperation.READ);
        }
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(admin, new StringSerializer(), new StringSerializer())) {
            for (int seq = 0; seq < 20; seq++) {
                String value = "{\"stream\":\"incidents\",\"seq\":" + seq + ",\"severity\":\"critical\","
                        + "\"level\":\"ERROR\",\"message\":\"disk full " + seq + "\"}";
                incidents.add(value);
                producer.send(new ProducerRecord<>(topic, "host-" + seq, value)).get(60, TimeUnit.SECONDS);
            }
        }
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.putAll(deployment.shippedProperties("alert-sink-file.properties"));
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        Path alerts = deployment.alertDir().resolve("incidents.jsonl");
        sink.put("topics", topic);
        sink.put("file.path", alerts.toString());
        sink.put("value.converter.schemas.enable", "false");
        put("incident-sink", sink);

        await(
                "the incident sink's task FAILED",
                () -> taskState("incident-sink").equals("FAILED"));
        String trace =
                status("incident-sink").path("tasks").get(0).path("trace").asText();
        assertThat(trace)
                .contains("TopicAuthorizationException")
                .contains("Not authorized to access topics: [" + topic);
        await(
                "the broker's authorizer log records the denial",
                () -> Files.readString(DIR.resolve("kafka-authorizer.log"))
                        .lines()
                        .anyMatch(line -> line.contains("User:alert-sink-file is Denied operation = DESCRIBE")
                                && line.contains("Topic:LITERAL:" + topic)));

        try (Admin client = Admin.create(admin)) {
            grant(client, ResourceType.TOPIC, topic, AclOperation.READ);
        }
        assertThat(rest("POST", "connectors/incident-sink/tasks/0/restart", null, REST_USER, restPassword)
                        .statusCode())
                .isIn(202, 204);
        await(
                "every incident delivered after the grant",
                () -> Files.exists(alerts) && alertLines(alerts).size() >= incidents.size());
        List<JsonNode> delivered = alertLines(alerts);
        assertThat(delivered).hasSize(incidents.size());
        assertThat(delivered.stream().map(a -> a.path("id").asText()).distinct())
                .hasSize(incidents.size());
        assertThat(taskState("incident-sink")).isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void aWrongScramPasswordFailsFastWithAMessage() throws Exception {
        String wrong = "not-the-password";
        try (Admin client = Admin.create(deployment.client("alert-sink-file", wrong))) {
            assertThatThrownBy(() -> client.describeCluster().clusterId().get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
        }

        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.put(
                "file.path",
                deployment.alertDir().resolve("wrong-password.jsonl").toString());
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"alert-sink-file\" password=\"" + wrong + "\";";
        for (String client : List.of("producer", "consumer", "admin")) {
            sink.put(client + ".override.sasl.jaas.config", jaas);
        }
        put("wrong-password-sink", sink);
        await(
                "the task with a wrong password FAILED",
                () -> taskState("wrong-password-sink").equals("FAILED"));
        String trace =
                status("wrong-password-sink").path("tasks").get(0).path("trace").asText();
        assertThat(trace).contains("SaslAuthenticationException").contains("invalid credentials");
        assertThat(trace).doesNotContain(wrong);
        assertThat(rest("DELETE", "connectors/wrong-password-sink", null, REST_USER, restPassword)
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(6)
    void theRestApiRefusesRequestsWithoutTheRightCredentialsAndCreatesNothing() throws Exception {
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.put("file.path", deployment.alertDir().resolve("refused.jsonl").toString());

        HttpResponse<String> anonymous = rest("PUT", "connectors/refused-sink/config", sink, null, null);
        HttpResponse<String> wrongPassword = rest("PUT", "connectors/refused-sink/config", sink, REST_USER, "guess");
        HttpResponse<String> unknownUser = rest("PUT", "connectors/refused-sink/config", sink, "admin", restPassword);
        HttpResponse<String> listAnonymously = rest("GET", "connectors", null, null, null);

        assertThat(List.of(anonymous, wrongPassword, unknownUser, listAnonymously))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
        assertThat(JSON.readTree(
                        rest("GET", "connectors", null, REST_USER, restPassword).body()))
                .extracting(JsonNode::asText)
                .doesNotContain("refused-sink");
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.restPort() + "/"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP is not served")
                .isInstanceOf(IOException.class);
    }

    @Test
    @Order(8)
    void noSecretValueInTheRestOutputOrAnyLog() throws Exception {
        List<String> secrets = deployment.allSecrets();
        assertThat(secrets)
                .hasSizeGreaterThan(10)
                .allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));
        List<String> outputs = new ArrayList<>();
        JsonNode connectors = JSON.readTree(
                rest("GET", "connectors", null, REST_USER, restPassword).body());
        assertThat(connectors).isNotEmpty();
        for (JsonNode name : connectors) {
            String config = rest("GET", "connectors/" + name.asText() + "/config", null, REST_USER, restPassword)
                    .body();
            outputs.add(config);
            outputs.add(rest("GET", "connectors/" + name.asText() + "/status", null, REST_USER, restPassword)
                    .body());
            // The task configs the worker stores and shows: Connect puts the references back in place of the values.
            outputs.add(rest("GET", "connectors/" + name.asText() + "/tasks", null, REST_USER, restPassword)
                    .body());
            assertThat(config)
                    .as("the principal's password of " + name.asText() + " is a reference")
                    .contains("password=\\\"${file:" + deployment.credentials().resolve("secrets"));
        }
        assertThat(rest("GET", "connectors/alert-sink-alertmanager/tasks", null, REST_USER, restPassword)
                        .body())
                .as("the audited sink's task config, whose login the audit producer takes, holds the reference")
                .contains("password=\\\"${file:" + deployment.credentials().resolve("secrets"));
        Map<String, String> texts = new HashMap<>();
        texts.put("REST output", String.join("\n", outputs));
        String configTopic = committed(List.of("telemetry-connect-configs")).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8) + " "
                        + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("\n"));
        assertThat(configTopic)
                .as("the stored connector and task configs hold the logins' references")
                .contains("task-alert-sink-alertmanager-0")
                .contains("password=\\\"${file:" + deployment.credentials().resolve("secrets"));
        texts.put("the worker's config topic (connector and task configs)", configTopic);
        try (Stream<Path> files = Stream.concat(Files.list(DIR), Files.list(deployment.alertDir()))) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".log") || f.toString().endsWith(".jsonl"))
                    .toList()) {
                texts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(texts).containsKeys("worker.log", "broker.log", "kafka-authorizer.log", "alerts.jsonl");
        texts.forEach((where, text) -> assertThat(secrets)
                .as("secret values in " + where)
                .allSatisfy(secret -> assertThat(text).doesNotContain(secret)));
    }

    @Test
    @Order(9)
    void theShippedPolicyRefusesReadingTheSecretsDirectoryAtValidationAndCreatesNothing() throws Exception {
        Path secrets = deployment.credentials().resolve("secrets");
        Map<String, String> logFile = shippedConnector("log-file-source");
        logFile.put("files", secrets.resolve("*.properties").toString());
        Map<String, String> sink = shippedConnector("alert-sink-webhook");
        sink.put(
                "tls.truststore.path", secrets.resolve("kafka-users.properties").toString());
        sink.put("tls.truststore.password", "never-opened");

        assertThat(validationErrors("LogFileSourceConnector", logFile).get("files"))
                .as("the log-file source's files in the secrets directory")
                .anySatisfy(error -> assertThat(error).contains(OperatorPolicy.READ_PATHS_PROPERTY));
        assertThat(validationErrors("AlertSinkConnector", sink).get("tls.truststore.path"))
                .as("the sink's trust store in the secrets directory")
                .anySatisfy(error -> assertThat(error).contains(OperatorPolicy.READ_PATHS_PROPERTY));

        logFile.put("name", "secrets-reader");
        sink.put("name", "secrets-trusting-sink");
        for (Map<String, String> config : List.of(logFile, sink)) {
            HttpResponse<String> created =
                    rest("PUT", "connectors/" + config.get("name") + "/config", config, REST_USER, restPassword);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
            assertThat(created.body()).contains(OperatorPolicy.READ_PATHS_PROPERTY);
        }
        assertThat(JSON.readTree(
                        rest("GET", "connectors", null, REST_USER, restPassword).body()))
                .extracting(JsonNode::asText)
                .doesNotContain("secrets-reader", "secrets-trusting-sink");
    }

    /** The errors of each key as the worker's validate endpoint answers them. */
    private Map<String, List<String>> validationErrors(String plugin, Map<String, String> config) throws Exception {
        HttpResponse<String> response =
                rest("PUT", "connector-plugins/" + plugin + "/config/validate", config, REST_USER, restPassword);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, List<String>> errors = new HashMap<>();
        for (JsonNode entry : JSON.readTree(response.body()).path("configs")) {
            List<String> messages = new ArrayList<>();
            entry.path("value").path("errors").forEach(error -> messages.add(error.asText()));
            errors.put(entry.path("value").path("name").asText(), messages);
        }
        return errors;
    }

    /** A shipped connector's config with its principal's lines of config/secure. */
    private Map<String, String> shippedConnector(String name) throws IOException {
        Map<String, String> config = ConfigFiles.load(name + ".properties");
        config.putAll(deployment.shippedProperties(name + ".properties"));
        return config;
    }

    /** The payloads of every committed record of the topic, read as the administrator. */
    private List<JsonNode> payloads(String topic) {
        return committed(List.of(topic)).stream()
                .map(r -> PipelineAudit.payload(r.value()))
                .toList();
    }

    private List<JsonNode> receipts() {
        return payloads(AUDIT_TOPIC);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        return adminClient
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
    }

    /** The REST port of the group's leader, as the last assignment in either worker's log names it. */
    private int leaderRestPort() throws IOException {
        Pattern leaderUrl = Pattern.compile("leaderUrl='https://localhost:(\\d+)/'");
        String port = null;
        for (Path log : List.of(workerLog, secondWorkerLog)) {
            Matcher matcher = leaderUrl.matcher(Files.readString(log));
            while (matcher.find()) {
                port = matcher.group(1);
            }
        }
        assertThat(port).as("a leaderUrl in the workers' logs").isNotNull();
        return Integer.parseInt(port);
    }

    private void put(String name, Map<String, String> config) throws Exception {
        config.put("name", name);
        HttpResponse<String> response = rest("PUT", "connectors/" + name + "/config", config, REST_USER, restPassword);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private JsonNode status(String name) throws Exception {
        return JSON.readTree(rest("GET", "connectors/" + name + "/status", null, REST_USER, restPassword)
                .body());
    }

    private String taskState(String name) {
        try {
            return status(name).path("tasks").path(0).path("state").asText("");
        } catch (Exception notYet) {
            return "";
        }
    }

    private HttpResponse<String> rest(String method, String path, Object body, String user, String password)
            throws IOException {
        return rest(deployment.restPort(), method, path, body, user, password);
    }

    private HttpResponse<String> rest(int port, String method, String path, Object body, String user, String password)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void grant(Admin client, ResourceType type, String name, AclOperation operation) throws Exception {
        client.createAcls(List.of(new AclBinding(
                        new ResourcePattern(type, name, PatternType.LITERAL),
                        new AccessControlEntry("User:alert-sink-file", "*", operation, AclPermissionType.ALLOW))))
                .all()
                .get(60, TimeUnit.SECONDS);
    }

    /** Every committed record of the topics, read as the administrator on the consumer kept open for it. */
    private List<ConsumerRecord<byte[], byte[]>> committed(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reader.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))
                && System.currentTimeMillis() < deadline) {
            reader.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    /**
     * Whether the group has committed, on every partition, the offset right after the last committed record there:
     * not the log end, since the commit marker after a transaction's last record is never delivered to a sink.
     */
    private boolean caughtUp(String group, List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        records.forEach(r -> ends.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        Map<TopicPartition, OffsetAndMetadata> offsets = committedOffsets(group);
        return ends.entrySet().stream()
                .allMatch(end -> offsets.get(end.getKey()) != null
                        && offsets.get(end.getKey()).offset() >= end.getValue());
    }

    private static List<JsonNode> alertLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                alerts.add(PipelineAudit.parse(line));
            }
        }
        return alerts;
    }

    /** Polls {@code check} until it holds; a check that throws has not held yet (a topic not there yet, say). */
    private void await(String what, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        Exception last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            if (broker != null && !broker.isAlive()) {
                throw new AssertionError("the broker exited while waiting for " + what + "; see " + brokerLog);
            }
            if (worker != null && !worker.isAlive()) {
                throw new AssertionError("the worker exited while waiting for " + what + "; see " + workerLog);
            }
            if (secondWorker != null && !secondWorker.isAlive()) {
                throw new AssertionError(
                        "the second worker exited while waiting for " + what + "; see " + secondWorkerLog);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + "; logs in " + DIR, last);
            }
            Thread.sleep(500);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
