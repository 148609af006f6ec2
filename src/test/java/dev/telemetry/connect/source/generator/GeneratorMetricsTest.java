package dev.telemetry.connect.source.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GeneratorMetricsTest {

    @Test
    void countsRecordsPerStreamAndTheDeficitAgainstTheTargetRate() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "gen", "task", "0")) {
            TelemetrySourceTask task = new TelemetrySourceTask(() -> 1_700_000_000_000L, nanos::get);
            task.initialize(new CommittedOffsetsContext(Map.of(), worker.pluginMetrics()));
            // Two of the six streams: a third of the connector's 60 records per second.
            task.start(Map.of("task.streams", "web,api", "rate.per.second", "60"));

            assertThat(task.poll()).hasSize(1);
            // Two seconds pass, but unused permits are capped at one second's worth: the task falls behind.
            nanos.addAndGet(2_000_000_000L);
            assertThat(task.poll()).hasSize(20);

            assertThat(worker.value("records-emitted-total", "stream", "web")).isEqualTo(11.0);
            assertThat(worker.value("records-emitted-total", "stream", "api")).isEqualTo(10.0);
            assertThat(worker.value("records-emitted-rate", "stream", "web")).isPositive();
            assertThat(worker.value("pacing-target-rate")).isEqualTo(20.0);
            assertThat(worker.value("pacing-deficit-rate")).isEqualTo(20.0 - 21 / 2.0);
            task.stop();
        }
    }
}
