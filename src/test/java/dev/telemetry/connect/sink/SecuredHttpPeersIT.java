package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.common.http.SslContexts;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.NodeExporterProcess;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TestPki;
import dev.telemetry.connect.testkit.TopicRecords;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle's HTTP clients against real peers secured by their own {@code --web.config.file} (Prometheus
 * exporter-toolkit): a real Alertmanager behind TLS and basic auth receives the sink's alerts, each with one receipt in
 * the audit topic; a real node_exporter behind mutual TLS and basic auth is scraped. Certificates come from a test CA
 * made with openssl, the bcrypt hashes from htpasswd (Debian's apache2-utils).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredHttpPeersIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");
    private static final String AM_USER = "alert-sink";
    private static final String AM_PASSWORD = "am-S3cret-pass";
    private static final String NODE_USER = "scraper";
    private static final String NODE_PASSWORD = "node-S3cret-pass";

    @TempDir
    static Path dir;

    private TestPki pki;
    private EmbeddedConnectCluster connect;
    private RestClient rest;
    private final List<Process> peers = new ArrayList<>();
    private int alertmanagerPort;
    private int nodeExporterPort;

    @BeforeAll
    void start() throws Exception {
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
        Files.writeString(amDir.resolve("alertmanager.yml"), """
                route:
                  receiver: discard
                  group_by: ['...']
                  group_wait: 1h
                receivers:
                  - name: discard
                """);
        Files.writeString(amDir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: %s
                  key_file: %s
                basic_auth_users:
                  %s: '%s'
                """.formatted(
                        pki.cert("server"), pki.key("server"), AM_USER, bcrypt(AM_USER, AM_PASSWORD)));
        alertmanagerPort = freePort();
        peers.add(start(
                amDir.resolve("alertmanager.log"),
                AlertmanagerProcess.BINARY.toString(),
                "--config.file=" + amDir.resolve("alertmanager.yml"),
                "--storage.path=" + Files.createDirectories(amDir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--web.config.file=" + amDir.resolve("web.yml"),
                "--cluster.listen-address="));

        Path nodeDir = Files.createDirectories(dir.resolve("node"));
        Files.writeString(nodeDir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: %s
                  key_file: %s
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: %s
                basic_auth_users:
                  %s: '%s'
                """.formatted(
                pki.cert("server"), pki.key("server"), pki.caCert(), NODE_USER, bcrypt(NODE_USER, NODE_PASSWORD)));
        nodeExporterPort = freePort();
        peers.add(start(
                nodeDir.resolve("node-exporter.log"),
                NodeExporterProcess.BINARY.toString(),
                "--web.listen-address=127.0.0.1:" + nodeExporterPort,
                "--web.config.file=" + nodeDir.resolve("web.yml")));

        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
        awaitAnswer(alertmanager("-/ready"), trustOnly(), AM_USER, AM_PASSWORD);
        awaitAnswer(nodeExporter(), withClientCertificate(), NODE_USER, NODE_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (connect != null) {
            SharedConnectCluster.release();
        }
        for (Process peer : peers) {
            peer.destroy();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void alertsReachAnAlertmanagerBehindTlsAndBasicAuthAndEachHasOneReceipt() throws Exception {
        connect.kafka().createTopic("secured_alerts", 1);
        ClassifiedAlerts alerts = new ClassifiedAlerts();
        int count = 20;
        for (long seq = 0; seq < count; seq++) {
            alerts.produce(connect.kafka(), "secured_alerts", seq, "critical", "alert " + seq);
        }
        connect.kafka().createTopic("alert_audit", 1);
        Map<String, String> config = alertmanagerSink("secured_alerts");
        config.put("audit.topic", "alert_audit");
        config.put("producer.override.bootstrap.servers", connect.kafka().bootstrapServers());
        RestClient.Response created = rest.put("connectors/secured-alertmanager-sink/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        Set<String> expectedSeqs = new HashSet<>();
        Set<String> expectedIds = new HashSet<>();
        for (int seq = 0; seq < count; seq++) {
            expectedSeqs.add(String.valueOf(seq));
            expectedIds.add(Alert.idOf("secured_alerts", 0, seq));
        }
        awaitTrue("Alertmanager shows every alert", () -> shownSeqs().containsAll(expectedSeqs));

        List<JsonNode> receipts = await("alert_audit", all -> delivered(all).size() >= count);
        List<JsonNode> delivered = delivered(receipts);
        assertThat(delivered)
                .extracting(r -> r.get("alert_id").asText())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(delivered).allSatisfy(receipt -> {
            assertThat(receipt.get("__key").asText())
                    .isEqualTo(receipt.get("alert_id").asText());
            assertThat(receipt.get("destination").asText()).isEqualTo("alertmanager");
            assertThat(receipt.get("status").asInt()).isEqualTo(200);
            assertThat(receipt.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(receipt.get("at").asText()).isNotEmpty();
            assertThat(receipt.get("records").get(0).asText())
                    .isEqualTo("secured_alerts-0@"
                            + receipt.get("alert_id").asText().substring("secured_alerts-0-".length()));
        });
        rest.delete("connectors/secured-alertmanager-sink");
    }

    @Test
    void aWrongPasswordFailsTheTaskNamingTheCredentialKeysAndTheAlertArrivesOnceItIsFixed() throws Exception {
        connect.kafka().createTopic("refused_alerts", 1);
        new ClassifiedAlerts().produce(connect.kafka(), "refused_alerts", 1000, "critical", "held back");
        Map<String, String> config = alertmanagerSink("refused_alerts");
        config.put("basic.auth.password", "not-" + AM_PASSWORD);
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "200");
        RestClient.Response created = rest.put("connectors/refused-sink/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        String[] trace = {""};
        awaitTrue("the task fails", () -> {
            JsonNode status = rest.get("connectors/refused-sink/status").json();
            trace[0] = status.at("/tasks/0/trace").asText();
            return status.at("/tasks/0/state").asText().equals("FAILED");
        });
        assertThat(trace[0])
                .contains("HTTP 401", "basic.auth.user/basic.auth.password")
                .doesNotContain(AM_PASSWORD);
        assertThat(shownSeqs()).doesNotContain("1000");

        config.put("basic.auth.password", AM_PASSWORD);
        RestClient.Response fixed = rest.put("connectors/refused-sink/config", config);
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        rest.post("connectors/refused-sink/restart?includeTasks=true&onlyFailed=true");
        awaitTrue("the held-back alert arrives", () -> shownSeqs().contains("1000"));
        rest.delete("connectors/refused-sink");
    }

    /** The sink for {@code topic} to the secured Alertmanager, with the test CA and the right credentials. */
    private Map<String, String> alertmanagerSink(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("destination", "alertmanager");
        config.put("alertmanager.urls", "https://localhost:" + alertmanagerPort + "/");
        config.put("labels.fields", "stream,seq");
        config.put("tls.truststore.path", pki.truststore().toString());
        config.put("tls.truststore.password", TestPki.PASSWORD);
        config.put("basic.auth.user", AM_USER);
        config.put("basic.auth.password", AM_PASSWORD);
        config.put("http.request.timeout.ms", "10000");
        config.put("batch.max.size", "10");
        config.put("batch.max.wait.ms", "100");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        return config;
    }

    @Test
    void aNodeExporterBehindMutualTlsAndBasicAuthIsScraped() throws Exception {
        Map<String, String> config = ConfigFiles.load("metrics-scrape-source.properties");
        config.keySet().removeIf(key -> key.startsWith("targets."));
        config.put("name", "secured-node-scrape");
        config.put("topic", "secured_scrape");
        config.put("targets", "node");
        config.put("targets.node.url", nodeExporter().toString());
        config.put("targets.node.source", "host");
        config.put("targets.node.basic.auth.user", NODE_USER);
        config.put("targets.node.basic.auth.password", NODE_PASSWORD);
        config.put("tls.truststore.path", pki.truststore().toString());
        config.put("tls.truststore.password", TestPki.PASSWORD);
        config.put("tls.keystore.path", pki.keystore("client").toString());
        config.put("tls.keystore.password", TestPki.PASSWORD);
        // node_exporter's collectors and the mutual TLS handshake can take over a second on a loaded 2-core machine;
        // what this test checks is being let in, not speed.
        config.put("scrape.interval.ms", "10000");
        config.put("scrape.timeout.ms", "8000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        RestClient.Response created = rest.put("connectors/secured-node-scrape/config", config);
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        List<JsonNode> records = await("secured_scrape", all -> !all.isEmpty());
        JsonNode first = records.get(0);
        assertThat(first.get("up").asInt()).as(first.toString()).isEqualTo(1);
        assertThat(first.get("__key").asText()).isEqualTo("host");
        List<String> metrics = new ArrayList<>();
        first.get("metrics").fieldNames().forEachRemaining(metrics::add);
        assertThat(metrics).anyMatch(id -> id.startsWith("node_cpu_seconds_total{"));
        rest.delete("connectors/secured-node-scrape");
    }

    private URI alertmanager(String path) {
        return URI.create("https://localhost:" + alertmanagerPort + "/" + path);
    }

    private URI nodeExporter() {
        return URI.create("https://localhost:" + nodeExporterPort + "/metrics");
    }

    private TlsStores trustOnly() {
        return new TlsStores(
                pki.truststore().toString(), new Password(TestPki.PASSWORD), "PKCS12", null, null, "PKCS12");
    }

    private TlsStores withClientCertificate() {
        return new TlsStores(
                pki.truststore().toString(),
                new Password(TestPki.PASSWORD),
                "PKCS12",
                pki.keystore("client").toString(),
                new Password(TestPki.PASSWORD),
                "PKCS12");
    }

    /** The seq labels of the alerts Alertmanager shows, read through its TLS and basic auth. */
    private Set<String> shownSeqs() throws Exception {
        HttpResponse<String> response = get(alertmanager("api/v2/alerts"), trustOnly(), AM_USER, AM_PASSWORD);
        Set<String> seqs = new HashSet<>();
        if (response.statusCode() == 200) {
            for (JsonNode alert : JSON.readTree(response.body())) {
                seqs.add(alert.at("/labels/seq").asText());
            }
        }
        return seqs;
    }

    private static HttpResponse<String> get(URI uri, TlsStores tls, String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(SslContexts.create(tls).orElseThrow())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header(
                        "Authorization",
                        HttpAuthorization.basic(user, new Password(password)).orElseThrow())
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the peer answers 200 through its TLS and basic auth, and checks it refuses a request without. */
    private static void awaitAnswer(URI uri, TlsStores tls, String user, String password) throws Exception {
        awaitTrue(uri + " answers", () -> {
            try {
                return get(uri, tls, user, password).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
        assertThat(get(uri, tls, user, "wrong").statusCode()).isEqualTo(401);
    }

    private List<JsonNode> await(String topic, Predicate<List<JsonNode>> done) throws Exception {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        awaitTrue("records of " + topic, () -> {
            List<JsonNode> records = new ArrayList<>();
            try {
                for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(connect.kafka(), 10_000, topic)) {
                    records.add(payload(record));
                }
            } catch (IllegalStateException topicNotYetCreated) {
                return false;
            }
            last.set(0, records);
            return done.test(records);
        });
        return last.get(0);
    }

    private static List<JsonNode> delivered(List<JsonNode> receipts) {
        return receipts.stream()
                .filter(r -> r.get("result").asText().equals("delivered"))
                .collect(Collectors.toList());
    }

    /** The record's value as JSON (the payload when it has a schema), with its key as {@code __key}. */
    private static JsonNode payload(ConsumerRecord<byte[], byte[]> record) throws IOException {
        JsonNode value = JSON.readTree(record.value());
        JsonNode body = value.has("payload") && value.has("schema") ? value.get("payload") : value;
        ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                .put("__key", new String(record.key(), StandardCharsets.UTF_8));
        return body;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Condition condition) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for: " + what);
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A bcrypt hash of the password, as exporter-toolkit's basic_auth_users takes it. */
    private static String bcrypt(String user, String password) throws IOException, InterruptedException {
        Process htpasswd = new ProcessBuilder(HTPASSWD.toString(), "-nbB", user, password)
                .redirectErrorStream(true)
                .start();
        String output = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(htpasswd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(htpasswd.exitValue()).as(output).isZero();
        return output.substring(output.indexOf(':') + 1);
    }
}
