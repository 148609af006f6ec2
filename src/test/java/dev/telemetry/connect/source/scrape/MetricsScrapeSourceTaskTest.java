package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task against a real local HTTP server, on a controlled clock. */
class MetricsScrapeSourceTaskTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
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
        now.addAndGet(15_000);
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
        now.addAndGet(15_000);
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
        now.addAndGet(10_000);
        SourceRecord record = task.poll().get(0);
        assertThat((Long) record.sourceOffset().get("scrape_time_ms")).isGreaterThan(stored);
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
        MetricsScrapeSourceTask started = new MetricsScrapeSourceTask(now::get, System::nanoTime);
        started.initialize(new FixedOffsetsContext());
        started.start(config);
        return started;
    }

    private final class FixedOffsetsContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("the task registers no metrics");
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed.get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                    partitions.forEach(p -> result.put(p, committed.get(p)));
                    return result;
                }
            };
        }
    }
}
