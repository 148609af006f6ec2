package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.NodeExporterProcess;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.SharedConnectCluster;
import dev.telemetry.connect.testkit.TopicRecords;
import dev.telemetry.connect.testkit.TopicTail;
import dev.telemetry.connect.testkit.WorkerLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape source in a real worker (exactly-once enabled) against real processes: Debian's Alertmanager and
 * node_exporter, and local HTTP servers the test scripts (a slow one, one serving counters it controls). Connectors
 * start from the shipped config/metrics-scrape-source.properties with only targets, topic and timing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeSourceIT {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private EmbeddedConnectCluster connect;
    private RestClient rest;
    private AlertmanagerProcess alertmanager;
    private NodeExporterProcess nodeExporter;
    /** One reader per stream topic for the whole class: each poll reads only what arrived since the last. */
    private final Map<String, TopicTail<JsonNode>> tails = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
        alertmanager = new AlertmanagerProcess(amDir);
        alertmanager.start();
        nodeExporter = new NodeExporterProcess(Files.createDirectories(dir.resolve("node")));
        nodeExporter.start();
        connect = SharedConnectCluster.acquire();
        rest = new RestClient(connect.endpointForResource(""));
    }

    @AfterAll
    void stop() throws Exception {
        tails.values().forEach(TopicTail::close);
        SharedConnectCluster.release();
        if (nodeExporter != null) {
            nodeExporter.stop();
        }
        if (alertmanager != null) {
            alertmanager.stop();
        }
    }

    @Test
    void realAlertmanagerAndNodeExporterRecordsArriveKeyedByTheirSources() throws Exception {
        Map<String, String> config = shipped("scrape-real", "scrape_real");
        config.put(
                "targets.alertmanager.url",
                alertmanager.uri().resolve("/metrics").toString());
        config.put("targets.node.url", nodeExporter.metricsUri().toString());
        put(config);

        List<JsonNode> records =
                await("scrape_real", all -> count(all, "alertmanager") >= 3 && count(all, "host") >= 3);
        for (JsonNode record : records) {
            assertThat(record.get("up").asInt()).as(record.toString()).isEqualTo(1);
            assertThat(record.get("bad_lines").asInt()).isZero();
            assertThat(record.get("severity").asText()).isEqualTo("info");
            assertThat(record.has("processed_at")).isTrue();
            assertThat(record.get("scrape_duration_seconds").asDouble()).isGreaterThan(0.0);
            assertThat(record.get("stream").asText())
                    .isEqualTo(record.get("__key").asText());
        }
        JsonNode lastNode = last(records, "host");
        assertThat(lastNode.at("/labels/job").asText()).isEqualTo("node");
        assertThat(fieldNames(lastNode.get("metrics")))
                .anyMatch(id -> id.startsWith("node_cpu_seconds_total{"))
                .noneMatch(id -> id.startsWith("go_"));
        assertThat(fieldNames(lastNode.get("rates"))).anyMatch(id -> id.startsWith("node_cpu_seconds_total{"));
        JsonNode lastAlertmanager = last(records, "alertmanager");
        assertThat(fieldNames(lastAlertmanager.get("metrics"))).anyMatch(id -> id.startsWith("alertmanager_"));
        // Alertmanager times its own /metrics requests: the mapping counts our scrapes as API calls.
        assertThat(lastAlertmanager.get("api_calls").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(lastAlertmanager.get("response_time").asDouble()).isGreaterThan(0.0);
        assertThat(fieldNames(lastAlertmanager.get("quantiles")))
                .anyMatch(id -> id.startsWith("alertmanager_http_request_duration_seconds{")
                        && id.contains("quantile=\"0.99\""));
        delete("scrape-real");
    }

    @Test
    void samplesFormatGivesOneRecordPerSampleOfNodeExporter() throws Exception {
        Map<String, String> config = shipped("scrape-samples", "scrape_samples");
        config.put("format", "samples");
        config.put("targets", "node");
        config.keySet().removeIf(key -> key.startsWith("targets.alertmanager."));
        config.put("targets.node.url", nodeExporter.metricsUri().toString());
        config.put("metrics.include", "node_cpu_seconds_total|node_load1");
        put(config);

        List<JsonNode> records = await(
                "scrape_samples",
                all -> all.stream()
                        .anyMatch(
                                r -> r.get("name").asText().equals("node_cpu_seconds_total") && r.hasNonNull("rate")));
        delete("scrape-samples");
        assertThat(records)
                .extracting(r -> r.get("name").asText())
                .containsOnly("up", "scrape_duration_seconds", "node_cpu_seconds_total", "node_load1");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("__key").asText()).isEqualTo("host");
            assertThat(r.get("up").asInt()).isEqualTo(1);
            assertThat(r.get("stale").asBoolean()).isFalse();
        });
        assertThat(records)
                .filteredOn(r -> r.get("name").asText().equals("up"))
                .allSatisfy(r -> assertThat(r.get("value").asDouble()).isEqualTo(1.0));
        assertThat(records)
                .filteredOn(r -> r.get("name").asText().equals("node_load1"))
                .allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("gauge"));
        assertThat(records)
                .filteredOn(r -> r.get("name").asText().equals("node_cpu_seconds_total"))
                .allSatisfy(r -> {
                    assertThat(r.get("type").asText()).isEqualTo("counter");
                    assertThat(r.at("/sample_labels/mode").asText()).isNotEmpty();
                    assertThat(r.get("value").asDouble()).isGreaterThanOrEqualTo(0.0);
                });
    }

    @Test
    void aTargetThatGoesDownBecomesACriticalAlertInTheFileAndComesBack() throws Exception {
        NodeExporterProcess flaky = new NodeExporterProcess(Files.createDirectories(dir.resolve("flaky")));
        flaky.start();
        try {
            Map<String, String> config = shipped("scrape-flaky", "scrape_flaky");
            config.put("targets", "node");
            config.remove("targets.alertmanager.url");
            config.remove("targets.alertmanager.source");
            config.remove("targets.alertmanager.labels");
            config.put("targets.node.url", flaky.metricsUri().toString());
            config.put("targets.node.source", "flaky_host");
            put(config);
            Path alertFile = dir.resolve("alerts.jsonl");
            put(alertSinkOn("scrape_flaky", alertFile));

            await("scrape_flaky", all -> all.stream().anyMatch(r -> r.get("up").asInt() == 1));
            flaky.stop();
            List<JsonNode> down = await(
                    "scrape_flaky",
                    all -> all.stream().anyMatch(r -> r.get("up").asInt() == 0));
            JsonNode downRecord = down.stream()
                    .filter(r -> r.get("up").asInt() == 0)
                    .findFirst()
                    .orElseThrow();
            assertThat(downRecord.get("severity").asText()).isEqualTo("critical");
            assertThat(downRecord.get("category").asText()).isEqualTo("availability");
            assertThat(downRecord.get("scrape_error").asText()).contains("failed");
            assertThat(downRecord.get("stream").asText()).isEqualTo("flaky_host");

            List<JsonNode> alerts = awaitAlerts(alertFile, 1);
            assertThat(alerts).allSatisfy(alert -> {
                assertThat(alert.get("severity").asText()).isEqualTo("critical");
                assertThat(alert.at("/record/value/up").asInt()).isZero();
                assertThat(alert.at("/record/topic").asText()).isEqualTo("scrape_flaky");
            });

            flaky.start();
            long downAt = downRecord.get("timestamp").asLong();
            List<JsonNode> back = await(
                    "scrape_flaky",
                    all -> all.stream()
                            .anyMatch(r -> r.get("up").asInt() == 1
                                    && r.get("timestamp").asLong() > downAt));
            assertThat(back)
                    .filteredOn(r ->
                            r.get("timestamp").asLong() > downAt && r.get("up").asInt() == 1)
                    .allSatisfy(r -> assertThat(r.get("severity").asText()).isEqualTo("info"));
            // Every down scrape, and only those, became an alert; info records never reach the sink.
            long downScrapes = TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "scrape_flaky").stream()
                    .map(MetricsScrapeSourceIT::payload)
                    .filter(r -> r.get("up").asInt() == 0)
                    .count();
            assertThat(awaitAlerts(alertFile, (int) downScrapes)).hasSize((int) downScrapes);
            delete("scrape-flaky");
            delete("alert-sink-flaky");
        } finally {
            flaky.stop();
        }
    }

    @Test
    void aSlowTargetHitsTheTimeoutAndRecoversWhenItAnswersInTime() throws Exception {
        try (ScriptedHttpServer slow = new ScriptedHttpServer(request -> new ScriptedHttpServer.Hang(3_000))) {
            Map<String, String> config = scriptedTarget("scrape-slow", "scrape_slow", slow, "slow_api");
            config.put("scrape.timeout.ms", "500");
            put(config);
            List<JsonNode> timedOut = await("scrape_slow", all -> !all.isEmpty());
            assertThat(timedOut.get(0).get("up").asInt()).isZero();
            assertThat(timedOut.get(0).get("scrape_error").asText()).contains("timed out after 500 ms");
            assertThat(timedOut.get(0).get("severity").asText()).isEqualTo("critical");

            slow.script(request -> new ScriptedHttpServer.Status(200, "ok 1\n", Map.of()));
            await("scrape_slow", all -> all.stream().anyMatch(r -> r.get("up").asInt() == 1));
            delete("scrape-slow");
        }
    }

    /**
     * An exporter of 12,000 series (about 1.4 MB, a fifth of kube-state-metrics' in a large cluster): its snapshot is
     * over the producer's max.request.size (1 MiB by default), so it arrives in parts of at most record.max.bytes
     * (512 KiB by default); the task stays RUNNING and no series is lost. Then
     * the target answers a sign-in page and a redirect to another origin: both are up=0 with the reason, and the other
     * origin is never asked.
     */
    @Test
    void aHugeExpositionArrivesInPartsAndAPageOrARedirectElsewhereIsDown() throws Exception {
        int series = 12_000;
        StringBuilder exposition = new StringBuilder("# TYPE kube_pod_info gauge\n");
        for (int i = 0; i < series; i++) {
            exposition
                    .append("kube_pod_info{namespace=\"team-")
                    .append(i % 40)
                    .append("\",pod=\"api-7d9f8b6c5-")
                    .append(i)
                    .append("\",node=\"worker-")
                    .append(i % 300)
                    .append("\",uid=\"0b7c2a8e-5f0d-4a51-9c3e-")
                    .append(i)
                    .append("\"} 1\n");
        }
        String body = exposition.toString();
        try (ScriptedHttpServer elsewhere = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200));
                ScriptedHttpServer kube = new ScriptedHttpServer(
                        request -> new ScriptedHttpServer.Status(200, body, Map.of("Content-Type", "text/plain")))) {
            Map<String, String> config = scriptedTarget("scrape-huge", "scrape_huge", kube, "kube");
            // The page and the redirect are each seen at the next scrape; 1.8 s is far more than a 1.4 MB body takes.
            config.put("scrape.interval.ms", "2000");
            config.put("scrape.timeout.ms", "1800");
            put(config);

            List<JsonNode> parts = await("scrape_huge", all -> all.size() >= 2 && all.size() >= parts(all.get(0)));
            int count = parts(parts.get(0));
            assertThat(count)
                    .as("more parts than two of 512 KiB: the snapshot was over the producer's 1 MiB")
                    .isGreaterThan(2);
            List<JsonNode> firstScrape = parts.subList(0, count);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < count; i++) {
                JsonNode part = firstScrape.get(i);
                assertThat(part.get("part").asInt()).isEqualTo(i + 1);
                assertThat(part.get("up").asInt()).isEqualTo(1);
                assertThat(part.get("timestamp")).isEqualTo(firstScrape.get(0).get("timestamp"));
                part.get("metrics").fieldNames().forEachRemaining(seen::add);
            }
            assertThat(seen).as("every series of the scrape, across its parts").hasSize(series);
            assertRunning("scrape-huge");

            kube.script(request -> new ScriptedHttpServer.Status(
                    200, "<html><body>Sign in</body></html>\n", Map.of("Content-Type", "text/html")));
            List<JsonNode> page = await(
                    "scrape_huge",
                    all -> all.stream()
                            .anyMatch(r -> r.get("scrape_error").asText().contains("web page")));
            assertThat(page.get(page.size() - 1).get("up").asInt()).isZero();

            kube.script(request -> new ScriptedHttpServer.Status(
                    302, "", Map.of("Location", elsewhere.uri("/metrics").toString())));
            List<JsonNode> redirected = await(
                    "scrape_huge",
                    all -> all.stream()
                            .anyMatch(r -> r.get("scrape_error").asText().contains("another origin")));
            assertThat(redirected.get(redirected.size() - 1).get("up").asInt()).isZero();
            assertThat(elsewhere.requests()).isEmpty();
            assertRunning("scrape-huge");
            delete("scrape-huge");
        }
    }

    private static int parts(JsonNode snapshot) {
        return snapshot.get("parts").asInt();
    }

    private void assertRunning(String name) {
        JsonNode status = rest.get("connectors/" + name + "/status").json();
        assertThat(status.at("/tasks/0/state").asText()).as(status.toString()).isEqualTo("RUNNING");
    }

    @Test
    void counterRatesAreCorrectAcrossScrapesResetsAndARestart() throws Exception {
        AtomicInteger served = new AtomicInteger();
        // 0, 50, 100, 150, then a reset to 10, then +50 per scrape again.
        try (ScriptedHttpServer counters = new ScriptedHttpServer(request -> {
            int n = served.getAndIncrement();
            long value = n < 4 ? 50L * n : 10 + 50L * (n - 4);
            return new ScriptedHttpServer.Status(
                    200,
                    "# TYPE jobs_total counter\njobs_total " + value + "\n",
                    Map.of("Content-Type", "text/plain; version=0.0.4"));
        })) {
            put(scriptedTarget("scrape-rates", "scrape_rates", counters, "worker"));
            await("scrape_rates", all -> all.size() >= 6);
            RestClient.Response restarted =
                    rest.post("connectors/scrape-rates/restart?includeTasks=true&onlyFailed=false", "");
            assertThat(restarted.status()).as(restarted.body()).isIn(200, 202, 204);
            int before = TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "scrape_rates")
                    .size();
            List<JsonNode> records = await("scrape_rates", all -> all.size() >= before + 3);
            delete("scrape-rates");

            int checked = 0;
            boolean sawReset = false;
            for (int i = 1; i < records.size(); i++) {
                JsonNode previous = records.get(i - 1);
                JsonNode current = records.get(i);
                long t0 = previous.get("timestamp").asLong();
                long t1 = current.get("timestamp").asLong();
                assertThat(t1)
                        .as("scrape times strictly increase: no scrape emitted twice")
                        .isGreaterThan(t0);
                JsonNode rate = current.at("/rates/jobs_total");
                if (rate.isMissingNode()) {
                    continue;
                }
                double v0 = previous.at("/metrics/jobs_total").asDouble();
                double v1 = current.at("/metrics/jobs_total").asDouble();
                double increase = v1 >= v0 ? v1 - v0 : v1;
                sawReset |= v1 < v0;
                assertThat(rate.asDouble())
                        .as("rate at %d", t1)
                        .isCloseTo(increase / ((t1 - t0) / 1000.0), within(1e-9));
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(4);
            assertThat(sawReset)
                    .as("a counter reset was rated as Prometheus does")
                    .isTrue();
        }
    }

    @Test
    void discoveredTargetsComeAndGoWithTheFileSdFileWhileTheConnectorRuns() throws Exception {
        AtomicInteger scrapesOfLeaving = new AtomicInteger();
        try (ScriptedHttpServer leaving = exporter(scrapesOfLeaving);
                ScriptedHttpServer joining = exporter(new AtomicInteger())) {
            Path file = dir.resolve("file-sd/targets.json");
            Files.createDirectories(file.getParent());
            String node = nodeExporter.metricsUri().getAuthority();
            writeAtomically(
                    file,
                    "[{\"targets\": [\"" + node + "\"], \"labels\": {\"job\": \"node\"}},"
                            + " {\"targets\": [\"" + leaving.uri("").getAuthority() + "\", \"169.254.169.254:80\"],"
                            + " \"labels\": {\"job\": \"app\", \"env\": \"test\"}}]");
            Map<String, String> config = shipped("scrape-file-sd", "scrape_file_sd");
            config.keySet().removeIf(key -> key.startsWith("targets."));
            config.put("targets", "");
            config.put("tasks.max", "2");
            config.put("sd.file.path", file.toString());
            config.put("sd.file.refresh.interval.ms", "500");
            config.put("metrics.relabel", "noIdleCpu");
            config.put("metrics.relabel.noIdleCpu.action", "drop");
            config.put("metrics.relabel.noIdleCpu.source.labels", "__name__,mode");
            config.put("metrics.relabel.noIdleCpu.regex", "node_cpu_seconds_total;idle");
            put(config);

            String nodeUrl = "http://" + node + "/metrics";
            String leavingUrl = leaving.uri("/metrics").toString();
            String joiningUrl = joining.uri("/metrics").toString();
            await("scrape_file_sd", all -> countTarget(all, nodeUrl) >= 2 && countTarget(all, leavingUrl) >= 2);

            writeAtomically(
                    file,
                    "[{\"targets\": [\"" + node + "\"], \"labels\": {\"job\": \"node\"}},"
                            + " {\"targets\": [\"" + joining.uri("").getAuthority() + "\"],"
                            + " \"labels\": {\"job\": \"app\", \"env\": \"test\"}}]");
            await("scrape_file_sd", all -> countTarget(all, joiningUrl) >= 1);
            int scrapesWhenJoined = scrapesOfLeaving.get();
            int nodeWhenJoined = countTarget(
                    TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "scrape_file_sd").stream()
                            .map(MetricsScrapeSourceIT::payload)
                            .toList(),
                    nodeUrl);
            List<JsonNode> records = await(
                    "scrape_file_sd",
                    all -> countTarget(all, joiningUrl) >= 4 && countTarget(all, nodeUrl) >= nodeWhenJoined + 3);
            // The task scraping it may see the new file one refresh (500 ms) after the other: one scrape at most.
            assertThat(scrapesOfLeaving.get())
                    .as("a removed target is no longer scraped")
                    .isLessThanOrEqualTo(scrapesWhenJoined + 1);
            JsonNode status = rest.get("connectors/scrape-file-sd/status").json();
            assertThat(status.at("/tasks").size()).isEqualTo(2);
            assertThat(status.at("/tasks/0/state").asText()).isEqualTo("RUNNING");
            assertThat(status.at("/tasks/1/state").asText()).isEqualTo("RUNNING");
            delete("scrape-file-sd");

            assertThat(records).allSatisfy(record -> {
                assertThat(record.get("up").asInt()).as(record.toString()).isEqualTo(1);
                assertThat(record.get("target").asText()).isIn(nodeUrl, leavingUrl, joiningUrl);
            });
            JsonNode lastNode = records.stream()
                    .filter(r -> r.get("target").asText().equals(nodeUrl))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(lastNode.get("__key").asText())
                    .as("the job label is the source")
                    .isEqualTo("node");
            assertThat(lastNode.at("/labels/instance").asText()).isEqualTo(node);
            assertThat(fieldNames(lastNode.get("rates")))
                    .as("node_exporter stayed on its task through the change: its rates go on")
                    .anyMatch(id -> id.startsWith("node_cpu_seconds_total{"));
            assertThat(fieldNames(lastNode.get("metrics")))
                    .as("the drop rule on the metric name and mode label")
                    .anyMatch(id -> id.startsWith("node_cpu_seconds_total{") && id.contains("mode=\"user\""))
                    .noneMatch(id -> id.startsWith("node_cpu_seconds_total{") && id.contains("mode=\"idle\""));
            JsonNode joined = records.stream()
                    .filter(r -> r.get("target").asText().equals(joiningUrl))
                    .findFirst()
                    .orElseThrow();
            assertThat(joined.get("__key").asText()).isEqualTo("app");
            assertThat(joined.at("/labels/env").asText()).isEqualTo("test");
        }
    }

    private static ScriptedHttpServer exporter(AtomicInteger scrapes) throws java.io.IOException {
        return new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(
                200,
                "# TYPE jobs_total counter\njobs_total " + 10 * scrapes.incrementAndGet() + "\n",
                Map.of("Content-Type", "text/plain; version=0.0.4")));
    }

    /** As configuration tools write a file_sd file: a new file renamed over the old one. */
    private static void writeAtomically(Path file, String content) throws java.io.IOException {
        Path next = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(next, content);
        Files.move(
                next,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int countTarget(List<JsonNode> records, String target) {
        return (int) records.stream()
                .filter(r -> r.get("target").asText().equals(target))
                .count();
    }

    /**
     * http_sd as Prometheus defines it, served by a JDK HttpServer, naming the real node_exporter and Alertmanager: the
     * connector scrapes what the list names and follows it while it runs (a target joins, then another leaves), and
     * when the endpoint fails it keeps scraping the last good list and says so in the worker's log.
     */
    @Test
    void httpSdTargetsFollowTheEndpointAndAFailingEndpointKeepsTheLastGoodList() throws Exception {
        String node = nodeExporter.metricsUri().getAuthority();
        String am = alertmanager.uri().getAuthority();
        String nodeGroup = "{\"targets\": [\"" + node + "\"], \"labels\": {\"job\": \"node\"}}";
        String amGroup = "{\"targets\": [\"" + am + "\"], \"labels\": {\"job\": \"alertmanager\"}}";
        AtomicReference<ScriptedHttpServer.Reply> answer = new AtomicReference<>(httpSdList(nodeGroup));
        try (ScriptedHttpServer sd = new ScriptedHttpServer(request -> answer.get());
                WorkerLog workerLog = WorkerLog.capture()) {
            Map<String, String> config = shipped("scrape-http-sd", "scrape_http_sd");
            config.keySet().removeIf(key -> key.startsWith("targets."));
            config.put("targets", "");
            config.put("sd.http.url", sd.uri("/targets").toString());
            config.put("sd.http.refresh.interval.ms", "1000");
            put(config);

            String nodeUrl = "http://" + node + "/metrics";
            String amUrl = "http://" + am + "/metrics";
            await("scrape_http_sd", all -> countTarget(all, nodeUrl) >= 2);

            answer.set(httpSdList(nodeGroup + ", " + amGroup));
            List<JsonNode> joined = await("scrape_http_sd", all -> countTarget(all, amUrl) >= 2);
            int nodeBeforeJoin = indexOfFirst(joined, amUrl);
            assertThat(joined.subList(nodeBeforeJoin, joined.size()))
                    .filteredOn(r -> r.get("target").asText().equals(nodeUrl))
                    .as("node_exporter's scrapes after Alertmanager joined still have rates: the task kept its history")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(fieldNames(r.get("rates"))).isNotEmpty());

            answer.set(httpSdList(amGroup));
            int amBeforeLeave = countTarget(joined, amUrl);
            List<JsonNode> left = await(
                    "scrape_http_sd",
                    all -> countTarget(all.subList(lastIndexOf(all, nodeUrl) + 1, all.size()), amUrl) >= 2
                            && countTarget(all, amUrl) >= amBeforeLeave + 2);
            int nodeScrapes = countTarget(left, nodeUrl);

            answer.set(new ScriptedHttpServer.Status(503, "overloaded", Map.of("Content-Type", "text/plain")));
            String reported = workerLog.awaitLine(
                    line -> line.contains("WARN") && line.contains("http_sd") && line.contains("HTTP 503"), TIMEOUT_MS);
            assertThat(reported).contains(sd.uri("").toString()).contains("its last 1 target groups stay in use");
            int amAtFailure = countTarget(
                    TopicRecords.readAll(connect.kafka(), TIMEOUT_MS, "scrape_http_sd").stream()
                            .map(MetricsScrapeSourceIT::payload)
                            .toList(),
                    amUrl);
            List<JsonNode> afterFailure = await("scrape_http_sd", all -> countTarget(all, amUrl) >= amAtFailure + 2);
            assertThat(sd.exchanges())
                    .as("the endpoint was asked again at each refresh while the last good list was scraped")
                    .filteredOn(exchange -> !exchange.answeredOk())
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(workerLog.lines())
                    .as("the same failure is logged once, not at every refresh")
                    .filteredOn(line -> line.contains("http_sd") && line.contains("HTTP 503"))
                    .hasSize(1);
            assertRunning("scrape-http-sd");
            delete("scrape-http-sd");

            assertThat(countTarget(afterFailure, nodeUrl))
                    .as("node_exporter left the list and was not scraped again, even when the endpoint failed")
                    .isEqualTo(nodeScrapes);
            assertThat(afterFailure).allSatisfy(record -> {
                assertThat(record.get("up").asInt()).as(record.toString()).isEqualTo(1);
                assertThat(record.get("target").asText()).isIn(nodeUrl, amUrl);
                assertThat(record.get("__key").asText())
                        .as("the job label is the source")
                        .isEqualTo(record.get("target").asText().equals(nodeUrl) ? "node" : "alertmanager");
            });
            assertThat(sd.requests()).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/targets");
                assertThat(request.header("X-Prometheus-Refresh-Interval-Seconds"))
                        .isEqualTo("1");
            });
        }
    }

    private static ScriptedHttpServer.Reply httpSdList(String groups) {
        return new ScriptedHttpServer.Status(200, "[" + groups + "]", Map.of("Content-Type", "application/json"));
    }

    private static int indexOfFirst(List<JsonNode> records, String target) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get("target").asText().equals(target)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<JsonNode> records, String target) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).get("target").asText().equals(target)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void validationThroughRestNamesEveryBadKey() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", MetricsScrapeSourceConnector.class.getName());
        config.put("name", "bad-scrape");
        config.put("targets", "api,db");
        config.put("targets.api.url", "gopher://example.org");
        config.put("targets.api.scrape.timeout.ms", "60000");
        config.put("targets.web.url", "http://127.0.0.1:1/metrics");
        config.put("metrics.exclude", "go_(");
        config.put("format", "csv");
        RestClient.Response response =
                rest.put("connector-plugins/MetricsScrapeSourceConnector/config/validate", config);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, String> errors = new HashMap<>();
        for (JsonNode entry : response.json().path("configs")) {
            JsonNode value = entry.path("value");
            if (!value.path("errors").isEmpty()) {
                errors.put(
                        value.path("name").asText(), value.path("errors").get(0).asText());
            }
        }
        assertThat(errors).containsKeys("metrics.exclude", "format");

        config.remove("metrics.exclude");
        config.remove("format");
        response = rest.put("connector-plugins/MetricsScrapeSourceConnector/config/validate", config);
        errors.clear();
        for (JsonNode entry : response.json().path("configs")) {
            JsonNode value = entry.path("value");
            if (!value.path("errors").isEmpty()) {
                errors.put(
                        value.path("name").asText(), value.path("errors").get(0).asText());
            }
        }
        assertThat(errors)
                .containsOnlyKeys(
                        "targets.api.url", "targets.api.scrape.timeout.ms", "targets.db.url", "targets.web.url");
        assertThat(response.json().path("error_count").asInt()).isEqualTo(4);
        assertThat(errors.get("targets.api.scrape.timeout.ms")).contains("below the scrape interval");
    }

    private Map<String, String> shipped(String name, String topic) {
        Map<String, String> config = ConfigFiles.load("metrics-scrape-source.properties");
        config.put("name", name);
        config.put("topic", topic);
        config.put("scrape.interval.ms", "1000");
        config.put("scrape.timeout.ms", "800");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private Map<String, String> scriptedTarget(String name, String topic, ScriptedHttpServer server, String source) {
        Map<String, String> config = shipped(name, topic);
        config.keySet().removeIf(key -> key.startsWith("targets."));
        config.put("targets", "scripted");
        config.put("targets.scripted.url", server.uri("/metrics").toString());
        config.put("targets.scripted.source", source);
        return config;
    }

    private static Map<String, String> alertSinkOn(String topic, Path alertFile) {
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        sink.put("name", "alert-sink-flaky");
        // The single-alert path this test counts: the shipped sink alerts in incidents (docs/incidents.md).
        sink.put("incident.enabled", "false");
        sink.put("topics", topic);
        sink.put("file.path", alertFile.toString());
        sink.put("errors.deadletterqueue.topic.name", topic + "-dlq");
        sink.put("transforms", "keepAlerts");
        sink.put("transforms.keepAlerts.type", "org.apache.kafka.connect.transforms.Filter");
        sink.put("transforms.keepAlerts.predicate", "isAlert");
        sink.put("transforms.keepAlerts.negate", "true");
        sink.put("predicates", "isAlert");
        sink.put("predicates.isAlert.type", "dev.telemetry.connect.transforms.predicates.SeverityAtLeast");
        sink.put("predicates.isAlert.min.severity", "warning");
        sink.put("predicates.isAlert.severity.field", "severity");
        return sink;
    }

    private void put(Map<String, String> config) {
        Map<String, String> copy = new HashMap<>(config);
        String name = copy.remove("name");
        RestClient.Response response = rest.put("connectors/" + name + "/config", copy);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private void delete(String name) {
        assertThat(rest.delete("connectors/" + name).status()).isEqualTo(204);
    }

    /** Polls the topic until {@code done} holds for its records (payloads, with the key as __key), in order. */
    private List<JsonNode> await(String topic, Predicate<List<JsonNode>> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<JsonNode> records = List.of();
        while (System.currentTimeMillis() < deadline) {
            records = tails.computeIfAbsent(
                            topic, name -> new TopicTail<>(connect.kafka(), name, MetricsScrapeSourceIT::payload))
                    .all();
            if (done.test(records)) {
                return records;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Records of " + topic + " did not arrive in time; last seen: " + records);
    }

    private static List<JsonNode> awaitAlerts(Path file, int atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<JsonNode> alerts = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            alerts.clear();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        alerts.add(JSON.readTree(line));
                    }
                }
                if (alerts.size() >= atLeast) {
                    return alerts;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Expected " + atLeast + " alerts in " + file + ", found " + alerts.size());
    }

    private static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode node = JSON.readTree(record.value());
            com.fasterxml.jackson.databind.node.ObjectNode payload =
                    (com.fasterxml.jackson.databind.node.ObjectNode) node.get("payload");
            payload.put("__key", new String(record.key(), StandardCharsets.UTF_8));
            return payload;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Record is not JSON", e);
        }
    }

    private static long count(List<JsonNode> records, String key) {
        return records.stream().filter(r -> r.get("__key").asText().equals(key)).count();
    }

    private static JsonNode last(List<JsonNode> records, String key) {
        return records.stream()
                .filter(r -> r.get("__key").asText().equals(key))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        if (object != null) {
            object.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
