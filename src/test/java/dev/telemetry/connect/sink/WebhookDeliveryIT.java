package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.ScriptedHttpServer.Status;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The webhook destination in a real worker against a real HTTP server that fails on a schedule: 500s, answers that
 * hang past the timeout, dropped connections, and a 400 for one poisoned alert. Every other alert must arrive,
 * duplicates only under the same idempotency key, and the poisoned record must reach the dead-letter topic with the
 * reason. Only that test uses the scripted server; the others have receivers of their own, so the three run at the
 * same time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class WebhookDeliveryIT {

    private static final int ALERTS = 300;
    private static final long POISONED = 137;
    /** What a destination may echo of the alert it refused: it must not reach the dead-letter headers. */
    private static final String POLICY_ECHO = "labels.api_key=AKIA-not-for-the-dlq";

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedConnectCluster connect;
    private ScriptedHttpServer webhook;
    private final AtomicInteger requestCount = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        connect = SharedConnectCluster.acquire();
        webhook = new ScriptedHttpServer(request -> {
            if (request.body().contains("poisoned")) {
                return new Status(
                        400,
                        "{\"error\":\"alert rejected by policy\",\"echo\":\"" + POLICY_ECHO + "\"}",
                        Map.of("Content-Type", "application/json"));
            }
            int n = requestCount.incrementAndGet();
            if (n % 5 == 1) {
                return new Status(500);
            }
            if (n % 7 == 2) {
                return new ScriptedHttpServer.Hang(1_500);
            }
            if (n % 6 == 3) {
                return new ScriptedHttpServer.Drop();
            }
            return new Status(200);
        });
    }

    @AfterAll
    void stop() {
        SharedConnectCluster.release();
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void everyAlertArrivesThroughFaultsAndThePoisonedOneReachesTheDeadLetterTopic() throws Exception {
        connect.kafka().createTopic("alerts", 3);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        for (long seq = 0; seq < ALERTS; seq++) {
            alerts.produce(
                    connect.kafka(),
                    "alerts",
                    seq,
                    seq % 2 == 0 ? "critical" : "warning",
                    seq == POISONED ? "poisoned alert " + seq : "alert " + seq);
        }

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", "alerts");
        config.put("destination", "webhook");
        config.put("webhook.url", webhook.uri("/hooks/alerts").toString());
        config.put("webhook.auth.token", "t0ken");
        config.put("http.request.timeout.ms", "1000");
        config.put("retry.max.attempts", "4");
        config.put("retry.backoff.ms", "50");
        config.put("retry.backoff.max.ms", "400");
        config.put("batch.max.size", "20");
        config.put("batch.max.wait.ms", "100");
        config.put("min.severity", "warning");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "alerts-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        RestClient rest = new RestClient(connect.endpointForResource(""));
        RestClient.Response created = rest.put("connectors/webhook-sink/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        Set<String> expected = new HashSet<>();
        for (long seq = 0; seq < ALERTS; seq++) {
            if (seq != POISONED) {
                expected.add("seq-" + seq);
            }
        }
        Map<String, String> keyOfIdList = new HashMap<>();
        Set<String> delivered = awaitDelivered(expected, keyOfIdList);
        assertThat(delivered).isEqualTo(expected);

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicRecords.awaitAtLeast(connect.kafka(), 1, TIMEOUT_MS, "alerts-dlq");
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("seq-" + POISONED);
        Header reason = dead.get(0).headers().lastHeader("__connect.errors.exception.message");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                .contains("HTTP 400")
                .contains("application/json body not shown")
                .doesNotContain(POLICY_ECHO);

        assertThat(requestCount.get()).as("the schedule really injected faults").isGreaterThan(10);
        assertThat(webhook.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer t0ken"));
        JsonNode status = rest.get("connectors/webhook-sink/status").json();
        assertThat(status.at("/connector/state").asText()).isEqualTo("RUNNING");
        status.get("tasks")
                .forEach(task -> assertThat(task.get("state").asText()).isEqualTo("RUNNING"));
    }

    /**
     * A webhook that answers 401 to every request refuses the connector, not the records: after its retries the task
     * fails with a message naming the status and the key to fix, and no record reaches the dead-letter topic. With the
     * token fixed and the task restarted, every alert arrives.
     */
    @Test
    void aWebhookRefusingTheTokenFailsTheTaskAndDrainsNothingIntoTheDeadLetterTopic() throws Exception {
        int count = 20;
        connect.kafka().createTopic("alerts-auth", 1);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        for (long seq = 0; seq < count; seq++) {
            alerts.produce(connect.kafka(), "alerts-auth", seq, "critical", "alert " + seq);
        }
        try (ScriptedHttpServer guarded =
                new ScriptedHttpServer(request -> "Bearer right".equals(request.header("Authorization"))
                        ? new Status(200)
                        : new Status(401, "invalid_token", Map.of()))) {
            String name = "webhook-auth-sink";
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", AlertSinkConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("topics", "alerts-auth");
            config.put("destination", "webhook");
            config.put("webhook.url", guarded.uri("/hooks/alerts").toString());
            config.put("webhook.auth.token", "wrong");
            config.put("retry.max.attempts", "3");
            config.put("retry.backoff.ms", "50");
            config.put("retry.backoff.max.ms", "200");
            config.put("batch.max.size", "5");
            config.put("batch.max.wait.ms", "100");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "true");
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "alerts-auth-dlq");
            config.put("errors.deadletterqueue.topic.replication.factor", "1");
            RestClient rest = new RestClient(connect.endpointForResource(""));
            RestClient.Response created = rest.put("connectors/" + name + "/config", config);
            assertThat(created.status()).as(created.body()).isIn(200, 201);

            connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, "the refused task did not fail");
            JsonNode task = rest.get("connectors/" + name + "/status")
                    .json()
                    .get("tasks")
                    .get(0);
            assertThat(task.get("trace").asText())
                    .contains("HTTP 401")
                    .contains("HTTP 401 from POST http://127.0.0.1:")
                    .contains(": invalid_token")
                    .contains("fix webhook.auth.token");
            assertThat(guarded.requests()).as("the refusal was retried").hasSizeGreaterThanOrEqualTo(3);
            assertThat(TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "alerts-auth-dlq"))
                    .isEmpty();

            config.put("webhook.auth.token", "right");
            RestClient.Response fixed = rest.put("connectors/" + name + "/config", config);
            assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
            RestClient.Response restarted =
                    rest.post("connectors/" + name + "/restart?includeTasks=true&onlyFailed=true");
            assertThat(restarted.status()).as(restarted.body()).isIn(200, 202, 204);

            Set<String> expected = new HashSet<>();
            for (long seq = 0; seq < count; seq++) {
                expected.add("seq-" + seq);
            }
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            Set<String> delivered = new HashSet<>();
            while (!delivered.containsAll(expected) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                for (ScriptedHttpServer.Exchange exchange : guarded.exchanges()) {
                    if (exchange.answeredOk()) {
                        JSON.readTree(exchange.request().body())
                                .get("alerts")
                                .forEach(alert ->
                                        delivered.add(alert.at("/record/key").asText()));
                    }
                }
            }
            assertThat(delivered).isEqualTo(expected);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the fixed task is not running");
            assertThat(TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "alerts-auth-dlq"))
                    .isEmpty();
            assertThat(rest.delete("connectors/" + name).status()).isEqualTo(204);
        }
    }

    /**
     * An alert storm against a dedup window far longer than the test: each window is released as soon as it holds
     * dedup.max.records, so every record is delivered, folded, long before the window would close, and the task keeps
     * running. Without the bound the task would hold every record of the storm until the window ends.
     */
    @Test
    void anAlertStormIsDeliveredInWindowsReleasedAtTheRecordBound() throws Exception {
        int storm = 2_000;
        int bound = 200;
        connect.kafka().createTopic("alerts-storm", 1);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        for (long seq = 0; seq < storm; seq++) {
            alerts.produce(connect.kafka(), "alerts-storm", seq, "critical", "storm " + seq);
        }
        try (ScriptedHttpServer receiver = new ScriptedHttpServer(request -> new Status(200))) {
            String name = "webhook-storm-sink";
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", AlertSinkConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("topics", "alerts-storm");
            config.put("destination", "webhook");
            config.put("webhook.url", receiver.uri("/hooks/alerts").toString());
            config.put("dedup.window.ms", String.valueOf(TimeUnit.HOURS.toMillis(1)));
            config.put("dedup.max.records", String.valueOf(bound));
            config.put("batch.max.wait.ms", "100");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "true");
            RestClient rest = new RestClient(connect.endpointForResource(""));
            RestClient.Response created = rest.put("connectors/" + name + "/config", config);
            assertThat(created.status()).as(created.body()).isIn(200, 201);

            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            long occurrences = 0;
            List<JsonNode> delivered = new ArrayList<>();
            while (occurrences < storm && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                delivered.clear();
                for (ScriptedHttpServer.Exchange exchange : receiver.exchanges()) {
                    JSON.readTree(exchange.request().body()).get("alerts").forEach(delivered::add);
                }
                occurrences = delivered.stream()
                        .mapToLong(alert -> alert.get("occurrences").asLong())
                        .sum();
            }
            assertThat(occurrences)
                    .as("records delivered, folded, within the hour-long window")
                    .isEqualTo(storm);
            assertThat(delivered)
                    .allSatisfy(alert ->
                            assertThat(alert.get("occurrences").asInt()).isLessThanOrEqualTo(bound));
            assertThat(delivered.stream().map(alert -> alert.get("id").asText()))
                    .as("each fold once")
                    .doesNotHaveDuplicates()
                    .hasSizeGreaterThanOrEqualTo(storm / bound);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the storm stopped the task");
            assertThat(rest.delete("connectors/" + name).status()).isEqualTo(204);
        }
    }

    /**
     * Waits until every expected alert was accepted once at least, checking on the way that a request with the same
     * alerts always carries the same idempotency key and a single-alert request carries the alert's id.
     */
    private Set<String> awaitDelivered(Set<String> expected, Map<String, String> keyOfIdList) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Set<String> delivered = new HashSet<>();
        while (System.currentTimeMillis() < deadline) {
            delivered.clear();
            for (ScriptedHttpServer.Exchange exchange : webhook.exchanges()) {
                ScriptedHttpServer.Request request = exchange.request();
                JsonNode body = JSON.readTree(request.body());
                List<String> ids = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (JsonNode alert : body.get("alerts")) {
                    ids.add(alert.get("id").asText());
                    keys.add(alert.at("/record/key").asText());
                }
                String key = request.header("Idempotency-Key");
                if (ids.size() == 1) {
                    assertThat(key).isEqualTo(ids.get(0));
                }
                String previous = keyOfIdList.putIfAbsent(String.join(",", ids), key);
                assertThat(previous == null || previous.equals(key))
                        .as("a redelivery of %s repeats its idempotency key", ids)
                        .isTrue();
                if (exchange.answeredOk()) {
                    delivered.addAll(keys);
                }
            }
            if (delivered.containsAll(expected)) {
                return delivered;
            }
            Thread.sleep(250);
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(delivered);
        throw new AssertionError("Alerts never delivered: " + missing);
    }
}
