package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks scraping discovered targets, served by real local HTTP servers, on a controlled clock: targets come and go
 * with the file_sd file or the http_sd answer, without a restart, and the tasks share them.
 */
class MetricsScrapeSourceTaskDiscoveryTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final List<ScriptedHttpServer> servers = new ArrayList<>();
    private final List<MetricsScrapeSourceTask> tasks = new ArrayList<>();

    @AfterEach
    void stop() {
        tasks.forEach(MetricsScrapeSourceTask::stop);
        servers.forEach(ScriptedHttpServer::close);
    }

    @Test
    void targetsComeAndGoWithTheFileAndThoseThatStayKeepTheirRates() throws Exception {
        ScriptedHttpServer a = exporter();
        ScriptedHttpServer b = exporter();
        ScriptedHttpServer c = exporter();
        Path file = dir.resolve("targets.json");
        writeTargets(file, "node", a, b);
        MetricsScrapeSourceTask task = start(fileConfig(file), 0, 1);

        Map<String, Struct> first = byTarget(task.poll());
        assertThat(first).containsOnlyKeys(url(a), url(b));
        Struct fromA = first.get(url(a));
        assertThat(fromA.getString("stream")).isEqualTo("node");
        assertThat(fromA.getMap(ScrapeSchemas.LABELS))
                .isEqualTo(Map.of("job", "node", "env", "test", "instance", address(a)));

        writeTargets(file, "node", a, c);
        elapse(15_000);
        Map<String, Struct> second = byTarget(task.poll());
        assertThat(second).containsOnlyKeys(url(a), url(c));
        assertThat(second.get(url(a)).getMap(ScrapeSchemas.RATES))
                .as("a target that stayed kept its history")
                .containsKey("jobs_total");
        assertThat(second.get(url(c)).getMap(ScrapeSchemas.RATES)).isEmpty();
        int scrapesOfB = b.requests().size();

        elapse(15_000);
        assertThat(byTarget(task.poll())).containsOnlyKeys(url(a), url(c));
        assertThat(b.requests()).as("a removed target is not scraped").hasSize(scrapesOfB);
    }

    @Test
    void aBrokenFileKeepsTheTargetsItHadAndATargetOutsideThePolicyIsNotScraped() throws Exception {
        ScriptedHttpServer a = exporter();
        Path file = dir.resolve("targets.yml");
        Files.writeString(file, "- targets: ['" + address(a) + "', '169.254.169.254:80']\n");
        MetricsScrapeSourceTask task = start(fileConfig(file), 0, 1);
        assertThat(byTarget(task.poll())).containsOnlyKeys(url(a));

        Files.writeString(file, "- targets: ['" + address(a) + "'\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        elapse(15_000);
        assertThat(byTarget(task.poll())).as("the last good list stays").containsOnlyKeys(url(a));
    }

    @Test
    void anHttpSdAnswerKeepsTheLastGoodListWhileTheEndpointFails() throws Exception {
        ScriptedHttpServer a = exporter();
        ScriptedHttpServer b = exporter();
        AtomicReference<String> list = new AtomicReference<>(targetsJson("web", a));
        AtomicInteger failing = new AtomicInteger();
        ScriptedHttpServer sd = server(request -> failing.get() > 0
                ? new ScriptedHttpServer.Status(500)
                : new ScriptedHttpServer.Status(200, list.get(), JSON));
        Map<String, String> config = baseConfig();
        config.put("sd.http.url", sd.uri("/targets").toString());
        config.put("sd.http.refresh.interval.ms", "10000");
        MetricsScrapeSourceTask task = start(config, 0, 1);
        assertThat(byTarget(task.poll())).containsOnlyKeys(url(a));

        failing.set(1);
        elapse(15_000);
        assertThat(byTarget(task.poll())).as("the endpoint fails: same targets").containsOnlyKeys(url(a));

        failing.set(0);
        list.set(targetsJson("web", a, b));
        elapse(15_000);
        assertThat(byTarget(task.poll())).containsOnlyKeys(url(a), url(b));
        assertThat(sd.requests()).hasSize(3);
    }

    @Test
    void twoTasksScrapeEachDiscoveredTargetOnceBetweenThem() throws Exception {
        List<ScriptedHttpServer> exporters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            exporters.add(exporter());
        }
        Path file = dir.resolve("targets.json");
        writeTargets(file, "node", exporters.toArray(ScriptedHttpServer[]::new));
        MetricsScrapeSourceTask first = start(fileConfig(file), 0, 2);
        MetricsScrapeSourceTask second = start(fileConfig(file), 1, 2);

        Map<String, Struct> fromFirst = byTarget(first.poll());
        Map<String, Struct> fromSecond = byTarget(second.poll());
        assertThat(fromFirst.keySet()).doesNotContainAnyElementsOf(fromSecond.keySet());
        List<String> all = new ArrayList<>(fromFirst.keySet());
        all.addAll(fromSecond.keySet());
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(exporters.stream()
                        .map(MetricsScrapeSourceTaskDiscoveryTest::url)
                        .toList());
    }

    private ScriptedHttpServer exporter() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        return server(request -> new ScriptedHttpServer.Status(
                200,
                "# TYPE jobs_total counter\njobs_total " + 10 * scrapes.incrementAndGet() + "\n",
                Map.of("Content-Type", "text/plain; version=0.0.4")));
    }

    private ScriptedHttpServer server(
            java.util.function.Function<ScriptedHttpServer.Request, ScriptedHttpServer.Reply> script) throws Exception {
        ScriptedHttpServer server = new ScriptedHttpServer(script);
        servers.add(server);
        return server;
    }

    private static String address(ScriptedHttpServer server) {
        return server.uri("").getAuthority();
    }

    private static String url(ScriptedHttpServer server) {
        return "http://" + address(server) + "/metrics";
    }

    private static String targetsJson(String job, ScriptedHttpServer... servers) {
        List<String> addresses = new ArrayList<>();
        for (ScriptedHttpServer server : servers) {
            addresses.add("\"" + address(server) + "\"");
        }
        return "[{\"targets\": [" + String.join(", ", addresses) + "], \"labels\": {\"job\": \"" + job
                + "\", \"env\": \"test\"}}]";
    }

    private static void writeTargets(Path file, String job, ScriptedHttpServer... servers) throws Exception {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        Files.writeString(file, targetsJson(job, servers));
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(before.toMillis() + 1000, 1000)));
    }

    private Map<String, String> fileConfig(Path file) {
        Map<String, String> config = baseConfig();
        config.put("sd.file.path", file.toString());
        config.put("sd.file.refresh.interval.ms", "1000");
        return config;
    }

    private static Map<String, String> baseConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("scrape.interval.ms", "15000");
        config.put("scrape.timeout.ms", "14000");
        config.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, "");
        return config;
    }

    private MetricsScrapeSourceTask start(Map<String, String> config, int index, int count) {
        Map<String, String> taskConfig = new HashMap<>(config);
        taskConfig.put(MetricsScrapeSourceConfig.TASK_INDEX_CONFIG, Integer.toString(index));
        taskConfig.put(MetricsScrapeSourceConfig.TASK_COUNT_CONFIG, Integer.toString(count));
        MetricsScrapeSourceTask task = new MetricsScrapeSourceTask(now::get, nanos::get);
        task.initialize(new CommittedOffsetsContext(Map.of()));
        task.start(taskConfig);
        tasks.add(task);
        return task;
    }

    private void elapse(long millis) {
        now.addAndGet(millis);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Each record's value by its target, every target scraped once. */
    private static Map<String, Struct> byTarget(List<SourceRecord> records) {
        Map<String, Struct> values = new HashMap<>();
        for (SourceRecord record : records == null ? List.<SourceRecord>of() : records) {
            Struct value = (Struct) record.value();
            assertThat(value.getInt32(ScrapeSchemas.UP)).as(value.toString()).isEqualTo(1);
            assertThat(record.sourcePartition()).isEqualTo(Map.of("target", value.getString(ScrapeSchemas.TARGET)));
            assertThat(values.put(value.getString(ScrapeSchemas.TARGET), value)).isNull();
        }
        return values;
    }
}
