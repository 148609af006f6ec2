package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
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
                assertThat(worker.has("scrape-failures-total", "target", "app", "reason", "http_status"))
                        .as("registered at the first failure of its reason")
                        .isFalse();
                double duration = worker.value("scrape-duration-avg", "target", "app");
                assertThat(duration).isGreaterThanOrEqualTo(0);
                assertThat(worker.value("scrape-duration-max", "target", "app")).isGreaterThanOrEqualTo(duration);

                reply.set(new ScriptedHttpServer.Status(503));
                elapse(15_000);
                int downRecords = task.poll().size();
                assertThat(worker.value("scrape-up", "target", "app")).isZero();
                assertThat(worker.value("scrape-failures-total", "target", "app", "reason", "http_status"))
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

    @Test
    void countsFailuresByReasonAndTheSamplesEachLimitRefused() throws Exception {
        String text = "text/plain; version=0.0.4";
        AtomicReference<ScriptedHttpServer.Status> reply = new AtomicReference<>();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer(request -> reply.get());
                TestPluginMetrics worker = new TestPluginMetrics("connector", "scrape", "task", "0")) {
            Map<String, String> config = new HashMap<>();
            config.put("targets", "app,gone");
            config.put("targets.app.url", server.uri("/metrics").toString());
            config.put("targets.gone.url", "http://127.0.0.1:" + closedPort + "/metrics");
            config.put("scrape.interval.ms", "15000");
            config.put("scrape.timeout.ms", "5000");
            config.put("scrape.max.bytes", "1024");
            config.put("sample.limit", "3");
            config.put("label.limit", "3");
            config.put("format", "samples");
            config.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, "app,gone");
            MetricsScrapeSourceTask task = new MetricsScrapeSourceTask(now::get, nanos::get);
            task.initialize(new CommittedOffsetsContext(Map.of(), worker.pluginMetrics()));
            task.start(config);
            List<ScriptedHttpServer.Status> replies = List.of(
                    new ScriptedHttpServer.Status(200, "a 1\nb 2\nc 3\nd 4\n", Map.of("Content-Type", text)),
                    new ScriptedHttpServer.Status(200, "a 1\nb 2\nc 3\nd 4\ne 5\n", Map.of("Content-Type", text)),
                    new ScriptedHttpServer.Status(
                            200, "a{x=\"1\",y=\"2\",z=\"3\"} 1\nb 2\n", Map.of("Content-Type", text)),
                    new ScriptedHttpServer.Status(503),
                    new ScriptedHttpServer.Status(200, "<html></html>", Map.of("Content-Type", "text/html")),
                    new ScriptedHttpServer.Status(200, "not a sample at all\n", Map.of("Content-Type", text)),
                    new ScriptedHttpServer.Status(200, "a 1\n".repeat(400), Map.of("Content-Type", text)),
                    new ScriptedHttpServer.Status(200, "a 1\n", Map.of("Content-Type", text)));
            try {
                for (ScriptedHttpServer.Status next : replies) {
                    reply.set(next);
                    task.poll();
                    elapse(15_000);
                }
                assertThat(worker.value("scrape-up", "target", "app")).isEqualTo(1.0);
                assertThat(worker.value("scrape-failures-total", "target", "app", "reason", "limit"))
                        .isEqualTo(3.0);
                assertThat(worker.value("samples-refused-total", "target", "app", "limit", "sample_limit"))
                        .as("4 samples, then 5, over sample.limit=3")
                        .isEqualTo(9.0);
                assertThat(worker.value("samples-refused-total", "target", "app", "limit", "label_limit"))
                        .as("both samples of the scrape with one over label.limit=3")
                        .isEqualTo(2.0);
                assertThat(worker.has("samples-refused-total", "target", "app", "limit", "record_max_bytes"))
                        .isFalse();
                assertThat(worker.value("scrape-failures-total", "target", "app", "reason", "http_status"))
                        .isEqualTo(1.0);
                assertThat(worker.value("scrape-failures-total", "target", "app", "reason", "not_exposition"))
                        .as("a web page, and a body of which no line is a sample")
                        .isEqualTo(2.0);
                assertThat(worker.value("scrape-failures-total", "target", "app", "reason", "body_too_large"))
                        .isEqualTo(1.0);
                assertThat(worker.has("scrape-failures-total", "target", "app", "reason", "timeout"))
                        .isFalse();
                assertThat(worker.value("scrape-failures-total", "target", "gone", "reason", "connect_failed"))
                        .as("nothing listens on its port")
                        .isEqualTo(replies.size());
                assertThat(worker.value("scrape-up", "target", "gone")).isZero();
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
