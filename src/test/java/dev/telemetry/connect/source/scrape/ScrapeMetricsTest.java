package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The task's metrics per target, against a real local HTTP server, on a controlled clock. */
class ScrapeMetricsTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);

    @Test
    void countsRecordsSamplesAndFailuresOfATargetAndWhetherItIsUp() throws Exception {
        AtomicReference<ScriptedHttpServer.Status> reply = new AtomicReference<>(new ScriptedHttpServer.Status(
                200, "a 1\nb 2\nc 3\n", Map.of("Content-Type", "text/plain; version=0.0.4")));
        try (ScriptedHttpServer server = new ScriptedHttpServer(request -> reply.get());
                TestPluginMetrics worker = new TestPluginMetrics("connector", "scrape", "task", "0")) {
            Map<String, String> config = new HashMap<>();
            config.put("targets", "app");
            config.put("targets.app.url", server.uri("/metrics").toString());
            config.put("targets.app.source", "api_usage");
            config.put("scrape.interval.ms", "15000");
            config.put("scrape.timeout.ms", "5000");
            config.put("format", "samples");
            config.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, "app");
            MetricsScrapeSourceTask task = new MetricsScrapeSourceTask(now::get, nanos::get);
            task.initialize(new CommittedOffsetsContext(Map.of(), worker.pluginMetrics()));
            task.start(config);
            try {
                int records = task.poll().size();
                assertThat(records)
                        .as("up, scrape_duration_seconds and the three samples")
                        .isEqualTo(5);
                assertThat(worker.value("records-emitted-total", "target", "app"))
                        .isEqualTo(records);
                assertThat(worker.value("scrape-up", "target", "app")).isEqualTo(1.0);
                assertThat(worker.value("scrape-samples", "target", "app")).isEqualTo(3.0);
                assertThat(worker.value("scrape-failures-total", "target", "app"))
                        .isZero();
                double duration = worker.value("scrape-duration-avg", "target", "app");
                assertThat(duration).isGreaterThanOrEqualTo(0);
                assertThat(worker.value("scrape-duration-max", "target", "app")).isGreaterThanOrEqualTo(duration);

                reply.set(new ScriptedHttpServer.Status(503));
                elapse(15_000);
                int downRecords = task.poll().size();
                assertThat(worker.value("scrape-up", "target", "app")).isZero();
                assertThat(worker.value("scrape-failures-total", "target", "app"))
                        .isEqualTo(1.0);
                assertThat(worker.value("scrape-samples", "target", "app"))
                        .as("of the last successful scrape")
                        .isEqualTo(3.0);
                assertThat(worker.value("records-emitted-total", "target", "app"))
                        .isEqualTo(records + downRecords);
            } finally {
                task.stop();
            }
        }
    }

    private void elapse(long millis) {
        now.addAndGet(millis);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
