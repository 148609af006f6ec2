package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert lifecycle on a real worker: a burst of ERROR records of one service, then silence, is exactly one firing
 * and one resolved notification, with the burst's count, in the file and at a webhook (a JDK HTTP server); a real
 * Alertmanager shows the incident while it fires and no longer once it is resolved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentLifecycleIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedConnectCluster connect;
    private HttpServer webhook;
    private final List<JsonNode> webhookBodies = new CopyOnWriteArrayList<>();
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookBodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            SharedConnectCluster.release();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void aBurstThenSilenceIsOneFiringAndOneResolvedPerDestination(@TempDir Path dir) throws Exception {
        connect.kafka().createTopic("app-alerts", 1);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        // Seq multiples of 3: every record is of service svc-0, so one key.
        for (long seq = 0; seq < 60; seq += 3) {
            alerts.produce(connect.kafka(), "app-alerts", seq, "critical", "checkout failed " + seq);
        }
        Path file = dir.resolve("incidents.jsonl");
        Map<String, String> fileSink = sink("file");
        fileSink.put("file.path", file.toString());
        create("incident-file", fileSink);
        Map<String, String> webhookSink = sink("webhook");
        webhookSink.put(
                "webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        create("incident-webhook", webhookSink);

        List<JsonNode> lines = await(() -> readLines(file), 2);
        assertThat(lines).extracting(line -> line.get("status").asText()).containsExactly("firing", "resolved");
        assertThat(lines)
                .extracting(line -> line.get("id").asText())
                .containsExactly("app-alerts-0-0/firing", "app-alerts-0-0/resolved");
        JsonNode resolved = lines.get(1);
        assertThat(resolved.get("incident").asText()).isEqualTo("app-alerts-0-0");
        assertThat(resolved.get("count").asLong()).isEqualTo(20);
        assertThat(resolved.at("/key/source").asText()).isEqualTo("svc-0");
        assertThat(resolved.at("/key/category").asText()).isEqualTo("alert");
        assertThat(resolved.at("/positions/first_offset").asLong()).isZero();
        assertThat(resolved.at("/positions/last_offset").asLong()).isEqualTo(19);
        assertThat(resolved.get("endsAt").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(lines.get(0).get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");

        List<JsonNode> bodies = await(() -> new ArrayList<>(webhookBodies), 2);
        List<String> statuses = new ArrayList<>();
        for (JsonNode body : bodies) {
            assertThat(body.get("version").asText()).isEqualTo("4");
            for (JsonNode alert : body.get("alerts")) {
                statuses.add(alert.get("status").asText() + " "
                        + alert.get("id").asText() + " " + alert.get("count").asLong());
            }
        }
        assertThat(statuses).containsExactly("firing app-alerts-0-0/firing 1", "resolved app-alerts-0-0/resolved 20");
        assertThat(bodies.get(1).get("status").asText()).isEqualTo("resolved");

        // The incident is resolved and delivered: nothing holds the commit back any more.
        awaitCommitted("incident-file", 20);
    }

    @Test
    void aRealAlertmanagerShowsTheIncidentWhileItFiresAndNoLongerOnceResolved(@TempDir Path dir) throws Exception {
        try (AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir)) {
            alertmanager.start();
            connect.kafka().createTopic("am-alerts", 1);
            ClassifiedAlerts alerts = new ClassifiedAlerts();
            for (long seq = 0; seq < 30; seq += 3) {
                alerts.produce(connect.kafka(), "am-alerts", seq, "critical", "payment failed " + seq);
            }
            Map<String, String> config = sink("alertmanager");
            config.put("topics", "am-alerts");
            config.put("alertmanager.urls", alertmanager.uri().toString());
            // Long enough to see it firing in Alertmanager before the silence resolves it.
            config.put("incident.resolve.after.ms", "8000");
            create("incident-alertmanager", config);

            JsonNode firing = awaitAlertmanager(alertmanager, true);
            assertThat(firing.at("/labels/incident").asText()).isEqualTo("am-alerts-0-0");
            assertThat(firing.at("/labels/source").asText()).isEqualTo("svc-0");
            assertThat(firing.at("/annotations/status").asText()).isEqualTo("firing");
            assertThat(firing.at("/status/state").asText()).isEqualTo("active");
            // The resolved notification ends it: Alertmanager lists only alerts that have not ended.
            awaitAlertmanager(alertmanager, false);
            awaitCommitted("incident-alertmanager", 10);
        }
    }

    /** Waits until Alertmanager shows the incident ({@code shown}) or no longer does; returns it when shown. */
    private static JsonNode awaitAlertmanager(AlertmanagerProcess alertmanager, boolean shown) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            RestClient.Response response = alertmanager.api().get("api/v2/alerts");
            if (response.status() == 200) {
                JsonNode found = null;
                for (JsonNode alert : response.json()) {
                    if (alert.at("/labels/incident").asText().equals("am-alerts-0-0")) {
                        found = alert;
                    }
                }
                if ((found != null) == shown) {
                    return found;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Alertmanager " + (shown ? "never showed" : "still shows") + " the incident");
    }

    private Map<String, String> sink(String destination) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "app-alerts");
        config.put("destination", destination);
        config.put("incident.enabled", "true");
        config.put("incident.resolve.after.ms", "3000");
        config.put("batch.max.size", "50");
        config.put("batch.max.wait.ms", "0");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("offset.flush.interval.ms", "1000");
        return config;
    }

    private void create(String name, Map<String, String> config) throws Exception {
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);
    }

    private static List<JsonNode> readLines(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * Polls until {@code expected} items are there, then once more a little later, so that an extra notification that
     * would follow is seen too.
     */
    private static List<JsonNode> await(Supplier<List<JsonNode>> read, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline && read.get().size() < expected) {
            Thread.sleep(200);
        }
        long settle = System.currentTimeMillis() + 4000;
        while (System.currentTimeMillis() < settle && read.get().size() == expected) {
            Thread.sleep(200);
        }
        return read.get();
    }

    private void awaitCommitted(String connector, long offset) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long committed = -1;
        while (System.currentTimeMillis() < deadline) {
            JsonNode offsets = rest.get("connectors/" + connector + "/offsets").json();
            for (JsonNode entry : offsets.get("offsets")) {
                committed = entry.at("/offset/kafka_offset").asLong();
            }
            if (committed == offset) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(committed).as("committed offset of " + connector).isEqualTo(offset);
    }
}
