package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task against a real local HTTP server, on a controlled clock. */
class MetricsScrapeSourceTaskTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private ScriptedHttpServer server;
    private MetricsScrapeSourceTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void snapshotsCarryRatesMappedFieldsAndOffsetsAdvancedAtPoll() throws Exception {
        serve("# TYPE app_http_requests_total counter\napp_http_requests_total{code=\"200\"} 100\n"
                + "# TYPE temp gauge\ntemp NaN\nbroken{ line\n");
        task = start(config());

        List<SourceRecord> first = task.poll();
        assertThat(first).hasSize(1);
        SourceRecord record = first.get(0);
        Struct value = (Struct) record.value();
        assertThat(record.key()).isEqualTo("api_usage");
        assertThat(record.topic()).isEqualTo("raw_data");
        assertThat(record.sourcePartition()).isEqualTo(Map.of("target", "app"));
        assertThat(record.sourceOffset()).isEqualTo(Map.of("scrape_time_ms", now.get()));
        assertThat(record.timestamp()).isEqualTo(now.get());
        assertThat(value.getString(TelemetrySchemas.STREAM)).isEqualTo("api_usage");
        assertThat(value.getInt32(ScrapeSchemas.UP)).isEqualTo(1);
        assertThat(value.getInt32(ScrapeSchemas.BAD_LINES)).isEqualTo(1);
        assertThat(value.getMap(ScrapeSchemas.METRICS)).containsOnlyKeys("app_http_requests_total{code=\"200\"}");
        assertThat(value.getMap(ScrapeSchemas.LABELS)).containsEntry("env", "test");
        assertThat(value.get(TelemetrySchemas.API_CALLS)).isNull();

        assertThat(task.poll()).as("not due again before the interval").isNull();

        serve("# TYPE app_http_requests_total counter\napp_http_requests_total{code=\"200\"} 130\n");
        elapse(15_000);
        Struct second = (Struct) task.poll().get(0).value();
        assertThat(second.getMap(ScrapeSchemas.RATES)).containsEntry("app_http_requests_total{code=\"200\"}", 2.0);
        assertThat(second.getInt64(TelemetrySchemas.API_CALLS)).isEqualTo(30L);
        assertThat(second.getArray(ScrapeSchemas.STALE)).containsExactly("temp");
    }

    @Test
    void aDownTargetGivesUpZeroWithTheReason() throws Exception {
        server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(503));
        task = start(config());
        Struct value = (Struct) task.poll().get(0).value();
        assertThat(value.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(value.getString(ScrapeSchemas.SCRAPE_ERROR)).contains("HTTP 503");
        assertThat(value.get(ScrapeSchemas.METRICS)).isNull();
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        serve("x 1\n".repeat(1000));
        Map<String, String> config = config();
        config.put("scrape.max.bytes", "1024");
        task = start(config);
        Struct value = (Struct) task.poll().get(0).value();
        assertThat(value.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(value.getString(ScrapeSchemas.SCRAPE_ERROR)).contains("scrape.max.bytes");
    }

    @Test
    void samplesFormatEmitsUpDurationAndOneRecordPerKeptSample() throws Exception {
        serve("# TYPE go_goroutines gauge\ngo_goroutines 8\nkeep_me{a=\"1\"} +Inf\ndrop_me 3\n");
        Map<String, String> config = config();
        config.put("format", "samples");
        config.put("metrics.exclude", "drop_.*");
        task = start(config);
        List<SourceRecord> records = task.poll();
        List<String> names = new ArrayList<>();
        for (SourceRecord record : records) {
            Struct value = (Struct) record.value();
            names.add(value.getString(ScrapeSchemas.NAME));
            assertThat(value.getInt32(ScrapeSchemas.UP)).isEqualTo(1);
            assertThat(record.key()).isEqualTo("api_usage");
        }
        assertThat(names).containsExactly("up", "scrape_duration_seconds", "go_goroutines", "keep_me");
        Struct inf = (Struct) records.get(3).value();
        assertThat(inf.get(ScrapeSchemas.VALUE)).isNull();
        assertThat(inf.getString(ScrapeSchemas.VALUE_TEXT)).isEqualTo("+Inf");
        assertThat(inf.getMap(ScrapeSchemas.SAMPLE_LABELS)).containsEntry("a", "1");

        serve("# TYPE go_goroutines gauge\ngo_goroutines 9\n");
        elapse(15_000);
        List<SourceRecord> next = task.poll();
        Struct stale = (Struct) next.get(next.size() - 1).value();
        assertThat(stale.getString(ScrapeSchemas.NAME)).isEqualTo("keep_me");
        assertThat(stale.getBoolean(ScrapeSchemas.STALE)).isTrue();
        assertThat(stale.get(ScrapeSchemas.VALUE)).isNull();
        assertThat(stale.getMap(ScrapeSchemas.SAMPLE_LABELS)).containsEntry("a", "1");
        assertThat(next).hasSize(4);
    }

    @Test
    void afterARestartTheFirstScrapeWaitsForTheIntervalAfterTheStoredOne() throws Exception {
        serve("a 1\n");
        long stored = now.get() - 5_000;
        committed.put(Map.of("target", "app"), Map.of("scrape_time_ms", stored));
        task = start(config());
        assertThat(task.poll()).isNull();
        elapse(10_000);
        SourceRecord record = task.poll().get(0);
        assertThat((Long) record.sourceOffset().get("scrape_time_ms")).isGreaterThan(stored);
    }

    @Test
    void aWallClockSteppedBackDoesNotSilenceTheTarget() throws Exception {
        serve("# TYPE c counter\nc 10\n");
        task = start(config());
        long first = (Long) task.poll().get(0).sourceOffset().get("scrape_time_ms");

        now.addAndGet(-3_600_000);
        serve("# TYPE c counter\nc 40\n");
        elapse(15_000);
        List<SourceRecord> next = task.poll();

        assertThat(next)
                .as("scraped on schedule although the wall clock went back an hour")
                .hasSize(1);
        Struct value = (Struct) next.get(0).value();
        assertThat(value.getInt32(ScrapeSchemas.UP)).isEqualTo(1);
        assertThat((Long) next.get(0).sourceOffset().get("scrape_time_ms")).isGreaterThan(first);
        assertThat(value.getMap(ScrapeSchemas.RATES))
                .as("the rate spans the 15 s that really passed")
                .containsEntry("c", 2.0);
    }

    @Test
    void aStoredScrapeTimeAheadOfTheClockDelaysTheFirstScrapeByOneIntervalAtMost() throws Exception {
        serve("a 1\n");
        committed.put(Map.of("target", "app"), Map.of("scrape_time_ms", now.get() + 3_600_000));
        task = start(config());
        assertThat(task.poll()).isNull();
        elapse(15_000);
        assertThat(task.poll()).hasSize(1);
    }

    @Test
    void aSnapshotTooLargeForTheProducerIsSplitIntoPartsThatEachFit() throws Exception {
        int series = 60_000;
        StringBuilder exposition = new StringBuilder("# TYPE kube_pod_status_phase gauge\n");
        for (int i = 0; i < series; i++) {
            exposition
                    .append("kube_pod_status_phase{namespace=\"team-")
                    .append(i % 40)
                    .append("\",pod=\"api-7d9f8b6c5-")
                    .append(i)
                    .append("\",phase=\"Running\",uid=\"0b7c2a8e-5f0d-4a51-9c3e-")
                    .append(i)
                    .append("\"} 1\n");
        }
        serve(exposition.toString());
        Map<String, String> config = config();
        config.put("scrape.max.bytes", String.valueOf(64 << 20));
        task = start(config);

        List<SourceRecord> parts = task.poll();

        assertThat(parts).hasSizeGreaterThan(1);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            SourceRecord part = parts.get(i);
            Struct value = (Struct) part.value();
            assertThat(value.getInt32(ScrapeSchemas.PART)).isEqualTo(i + 1);
            assertThat(value.getInt32(ScrapeSchemas.PARTS)).isEqualTo(parts.size());
            assertThat(value.getInt32(ScrapeSchemas.UP)).isEqualTo(1);
            assertThat(value.getInt32(ScrapeSchemas.SAMPLES_SCRAPED)).isEqualTo(series);
            assertThat(part.sourceOffset()).isEqualTo(parts.get(0).sourceOffset());
            byte[] bytes = json.fromConnectData("raw_data", part.valueSchema(), value);
            assertThat(bytes.length)
                    .as("part %d as JSON with its schema", i + 1)
                    .isLessThanOrEqualTo(512 * 1024 + 4096)
                    .isLessThan(1_048_576);
            seen.addAll(value.getMap(ScrapeSchemas.METRICS).keySet());
        }
        assertThat(seen).as("every series is in one of the parts").hasSize(series);
    }

    @Test
    void aScrapeOverTheSampleOrLabelLimitFailsWithTheReason() throws Exception {
        serve("a 1\nb 2\nc{x=\"1\",y=\"2\"} 3\ndropped 4\n");
        Map<String, String> config = config();
        config.put("metrics.exclude", "dropped");
        config.put("sample.limit", "2");
        task = start(config);
        Struct over = (Struct) task.poll().get(0).value();
        assertThat(over.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(over.getString(ScrapeSchemas.SCRAPE_ERROR)).isEqualTo("sample.limit exceeded (3 samples, limit 2)");
        assertThat(over.get(ScrapeSchemas.METRICS)).isNull();
        task.stop();

        config.put("sample.limit", "3");
        config.put("label.limit", "2");
        task = start(config);
        Struct labels = (Struct) task.poll().get(0).value();
        assertThat(labels.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(labels.getString(ScrapeSchemas.SCRAPE_ERROR))
                .isEqualTo("label.limit exceeded (metric c, 3 labels, limit 2)");
        task.stop();

        config.put("label.limit", "3");
        task = start(config);
        assertThat(((Struct) task.poll().get(0).value()).getInt32(ScrapeSchemas.UP))
                .isEqualTo(1);
    }

    @Test
    void aSeriesTooLongForAnyRecordFailsTheScrape() throws Exception {
        serve("huge{value=\"" + "x".repeat(40_000) + "\"} 1\nsmall 1\n");
        Map<String, String> config = config();
        config.put("record.max.bytes", String.valueOf(64 * 1024));
        task = start(config);
        Struct value = (Struct) task.poll().get(0).value();
        assertThat(value.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(value.getString(ScrapeSchemas.SCRAPE_ERROR))
                .isEqualTo("series of metric huge longer than half of record.max.bytes (65536 bytes)");
    }

    @Test
    void aSignInPageOrAnyBodyWithoutASampleIsDownNotUpWithNothing() throws Exception {
        server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(
                200,
                "<!DOCTYPE html>\n<html><body><form action=\"/sso/login\">\n</form></body></html>\n",
                Map.of("Content-Type", "text/html; charset=utf-8")));
        task = start(config());
        Struct page = (Struct) task.poll().get(0).value();
        assertThat(page.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(page.getString(ScrapeSchemas.SCRAPE_ERROR))
                .isEqualTo("the body is a web page (text/html; charset=utf-8), not a Prometheus or OpenMetrics "
                        + "exposition");

        server.script(request -> new ScriptedHttpServer.Status(
                200, "{\"status\":\"login required\"}\n", Map.of("Content-Type", "text/plain")));
        elapse(15_000);
        Struct json = (Struct) task.poll().get(0).value();
        assertThat(json.getInt32(ScrapeSchemas.UP)).isZero();
        assertThat(json.getString(ScrapeSchemas.SCRAPE_ERROR))
                .startsWith("the body is not a Prometheus or OpenMetrics exposition");

        server.script(request -> new ScriptedHttpServer.Status(200, "", Map.of("Content-Type", "text/plain")));
        elapse(15_000);
        Struct empty = (Struct) task.poll().get(0).value();
        assertThat(empty.getInt32(ScrapeSchemas.UP))
                .as("an exporter with no series yet is up")
                .isEqualTo(1);
    }

    private void elapse(long millis) {
        now.addAndGet(millis);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void serve(String exposition) throws Exception {
        body.set(exposition);
        if (server == null) {
            server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(
                    200, body.get(), Map.of("Content-Type", "text/plain; version=0.0.4")));
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("targets", "app");
        config.put("targets.app.url", server.uri("/metrics").toString());
        config.put("targets.app.source", "api_usage");
        config.put("targets.app.labels", "env=test");
        config.put("scrape.interval.ms", "15000");
        config.put("scrape.timeout.ms", "5000");
        config.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, "app");
        return config;
    }

    private MetricsScrapeSourceTask start(Map<String, String> config) {
        MetricsScrapeSourceTask started = new MetricsScrapeSourceTask(now::get, nanos::get);
        started.initialize(new CommittedOffsetsContext(committed));
        started.start(config);
        return started;
    }
}
