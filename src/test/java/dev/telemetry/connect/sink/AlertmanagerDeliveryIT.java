package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager destination against a real Prometheus Alertmanager: the alerts show up in its API v2 with the
 * expected labels and annotations, and alerts sent while it is down for a while all arrive once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerDeliveryIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    private EmbeddedConnectCluster connect;
    private AlertmanagerProcess alertmanager;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        alertmanager = new AlertmanagerProcess(dir);
        alertmanager.start();
        connect = SharedConnectCluster.acquire();
    }

    @AfterAll
    void stop() throws Exception {
        SharedConnectCluster.release();
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void alertsAppearWithLabelsAndAnnotationsAndNoneIsLostThroughAnOutage() throws Exception {
        connect.kafka().createTopic("alerts", 2);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        for (long seq = 0; seq < 60; seq++) {
            alerts.produce(connect.kafka(), "alerts", seq, seq % 3 == 0 ? "critical" : "warning", "alert " + seq);
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "alerts");
        config.put("destination", "alertmanager");
        config.put("alertmanager.urls", alertmanager.uri().toString());
        config.put("alertmanager.alertname", "TelemetryAlert");
        // Alertmanager identifies an alert by its labels: stream and seq keep every record its own alert here.
        config.put("labels.fields", "stream,seq,endpoint");
        config.put("alert.link.template", "http://grafana.local/explore?service=${service}");
        config.put("resolve.timeout.ms", "600000");
        config.put("http.connect.timeout.ms", "500");
        config.put("http.request.timeout.ms", "2000");
        config.put("retry.max.attempts", "3");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "500");
        config.put("batch.max.size", "25");
        config.put("batch.max.wait.ms", "100");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        RestClient rest = new RestClient(connect.endpointForResource(""));
        RestClient.Response created = rest.put("connectors/alertmanager-sink/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        Map<String, JsonNode> shown = awaitAlerts(range(0, 60));
        JsonNode critical = shown.get("0");
        assertThat(critical.at("/labels/alertname").asText()).isEqualTo("TelemetryAlert");
        assertThat(critical.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(critical.at("/labels/category").asText()).isEqualTo("alert");
        assertThat(critical.at("/labels/source").asText()).isEqualTo("svc-0");
        assertThat(critical.at("/labels/stream").asText()).isEqualTo("logs");
        assertThat(critical.at("/labels/endpoint").asText()).isEqualTo("/api/v1/cart");
        assertThat(critical.at("/annotations/summary").asText()).isEqualTo("alert 0");
        assertThat(critical.at("/annotations/alert_id").asText()).startsWith("alerts-");
        assertThat(critical.at("/generatorURL").asText()).isEqualTo("http://grafana.local/explore?service=svc-0");
        assertThat(critical.at("/status/state").asText()).isEqualTo("active");
        assertThat(shown.get("1").at("/labels/severity").asText()).isEqualTo("warning");

        // An outage: alerts produced while Alertmanager is down must all arrive once it is back.
        alertmanager.stop();
        for (long seq = 60; seq < 120; seq++) {
            alerts.produce(connect.kafka(), "alerts", seq, "critical", "during outage " + seq);
        }
        Thread.sleep(4_000);
        alertmanager.start();

        awaitAlerts(range(60, 120));
        JsonNode status = rest.get("connectors/alertmanager-sink/status").json();
        assertThat(status.at("/tasks/0/state").asText()).isEqualTo("RUNNING");
    }

    private static Set<String> range(int from, int to) {
        Set<String> seqs = new HashSet<>();
        for (int seq = from; seq < to; seq++) {
            seqs.add(String.valueOf(seq));
        }
        return seqs;
    }

    /** Waits until Alertmanager shows an alert for every expected seq label; returns them by seq. */
    private Map<String, JsonNode> awaitAlerts(Set<String> expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Map<String, JsonNode> bySeq = new HashMap<>();
        while (System.currentTimeMillis() < deadline) {
            bySeq.clear();
            RestClient.Response response = alertmanager.api().get("api/v2/alerts");
            if (response.status() == 200) {
                for (JsonNode alert : response.json()) {
                    bySeq.put(alert.at("/labels/seq").asText(), alert);
                }
                if (bySeq.keySet().containsAll(expected)) {
                    return bySeq;
                }
            }
            Thread.sleep(250);
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(bySeq.keySet());
        throw new AssertionError("Alertmanager never showed alerts for seq " + missing);
    }
}
