package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.TestPluginMetrics;
import dev.telemetry.connect.testkit.TestRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class InsertProcessedTimestampMetricsTest {

    private static final long NOW = 1_700_000_000_000L;

    private static SourceRecord eventAt(long eventMillis) {
        return TestRecords.value(null, Map.of("event_ms", eventMillis))
                .topic("t")
                .source();
    }

    @Test
    void recordsTheLatencyItWritesAsAHistogramOverASampleOfTheRecords() throws Exception {
        try (TestPluginMetrics worker =
                new TestPluginMetrics("connector", "c", "task", "0", "transformation", "stamp")) {
            InsertProcessedTimestamp<SourceRecord> stamp =
                    new InsertProcessedTimestamp.Value<>(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
            stamp.configure(Map.of("latency.field", "latency_ms", "event.time.field", "event_ms"));
            stamp.withPluginMetrics(worker.pluginMetrics());

            // SAMPLE_PERIOD records of each latency, the first of each sampled; the others of each latency are
            // 1,000 ms further, and would show in the maximum and average if they were recorded.
            for (int ms = 1; ms <= 100; ms++) {
                stamp.apply(eventAt(NOW - ms));
                for (int skipped = 1; skipped < InsertProcessedTimestampMetrics.SAMPLE_PERIOD; skipped++) {
                    stamp.apply(eventAt(NOW - ms - 1_000));
                }
            }
            stamp.apply(TestRecords.value(null, Map.of("other", 1)).topic("t").source());

            assertThat(worker.value("processing-latency-max")).isEqualTo(100.0);
            assertThat(worker.value("processing-latency-avg")).isEqualTo(50.5);
            assertThat(worker.value("processing-latency-p50")).isBetween(45.0, 56.0);
            assertThat(worker.value("processing-latency-p99")).isBetween(94.0, 106.0);
        }
    }
}
