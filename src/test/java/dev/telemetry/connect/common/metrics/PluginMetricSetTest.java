package dev.telemetry.connect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.testkit.RecordingSinkTaskContext;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class PluginMetricSetTest {

    private static final MetricDefinition EMITTED =
            MetricDefinition.counter("records-emitted", "records", "emitted", "stream");
    private static final MetricDefinition POLLED = MetricDefinition.meter("records-polled", "records", "polled");
    private static final MetricDefinition OPEN = MetricDefinition.gauge("files-open", "files", "open");
    private static final MetricDefinition TIME = MetricDefinition.average("scrape-duration", "ms", "time");
    private static final MetricDefinition LATENCY = MetricDefinition.histogram("processing-latency", "ms", "latency");

    @Test
    void countersAreReadFromTheirFieldWithTheWorkersTagsFirst() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0")) {
            PluginMetricSet set = PluginMetricSet.of(worker.pluginMetrics());
            Counter metrics = set.counter(EMITTED, "metrics");
            Counter logs = set.counter(EMITTED, "logs");
            metrics.add(3);
            logs.increment();

            assertThat(worker.value("records-emitted-total", "stream", "metrics"))
                    .isEqualTo(3.0);
            assertThat(worker.value("records-emitted-total", "stream", "logs")).isEqualTo(1.0);
            assertThat(worker.all().keySet())
                    .allSatisfy(
                            name -> assertThat(name.tags().keySet()).containsExactly("connector", "task", "stream"));
        }
    }

    @Test
    void metersCountTotalsAndRatesLevelsAndTimersReportWhatWasRecorded() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0")) {
            PluginMetricSet set = PluginMetricSet.of(worker.pluginMetrics());
            Distribution polled = set.meter(POLLED);
            polled.record(500);
            polled.record(250);
            set.level(OPEN).set(4);
            Distribution time = set.average(TIME);
            time.record(10);
            time.record(30);

            assertThat(worker.value("records-polled-total")).isEqualTo(750.0);
            assertThat(worker.value("records-polled-rate")).isPositive();
            assertThat(worker.value("files-open")).isEqualTo(4.0);
            assertThat(worker.value("scrape-duration-avg")).isEqualTo(20.0);
            assertThat(worker.value("scrape-duration-max")).isEqualTo(30.0);
        }
    }

    @Test
    void histogramPercentilesResolveLowValuesWithinAFewPercent() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0", "transformation", "t")) {
            Distribution latency = PluginMetricSet.of(worker.pluginMetrics()).histogram(LATENCY, 60_000);
            for (int ms = 1; ms <= 100; ms++) {
                latency.record(ms);
            }

            assertThat(worker.value("processing-latency-avg")).isEqualTo(50.5);
            assertThat(worker.value("processing-latency-max")).isEqualTo(100.0);
            assertThat(worker.value("processing-latency-p50")).isBetween(45.0, 56.0);
            assertThat(worker.value("processing-latency-p99")).isBetween(94.0, 106.0);
        }
    }

    @Test
    void twoTasksWithTheSameMetricKeepTheirOwnSensors() throws Exception {
        try (TestPluginMetrics task0 = new TestPluginMetrics("connector", "c", "task", "0")) {
            PluginMetrics task1 = task0.otherPlugin("connector", "c", "task", "1");
            PluginMetricSet.of(task0.pluginMetrics()).average(TIME).record(10);
            PluginMetricSet.of(task1).average(TIME).record(1_000);

            assertThat(task0.value("scrape-duration-max")).isEqualTo(10.0);
        }
    }

    /**
     * A task restarted before its earlier instance stopped (seen in SecureDeploymentIT: the old task missed Connect's
     * graceful shutdown timeout) registers the same names again: it must start and count, not fail on the registry.
     */
    @Test
    void aSecondInstanceWithTheSameNamesStartsWhileTheFirstIsStillRegistered() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0")) {
            PluginMetricSet stillRunning = PluginMetricSet.of(worker.pluginMetrics());
            stillRunning.counter(EMITTED, "metrics").add(5);
            stillRunning.average(TIME).record(10);
            PluginMetricSet restarted = PluginMetricSet.of(worker.otherPlugin("connector", "c", "task", "0"));

            Counter counter = restarted.counter(EMITTED, "metrics");
            counter.increment();
            restarted.average(TIME).record(30);

            assertThat(counter.count()).isEqualTo(1);
            assertThat(worker.value("records-emitted-total", "stream", "metrics"))
                    .isEqualTo(5.0);
            assertThat(worker.value("scrape-duration-max")).isEqualTo(30.0);
        }
    }

    @Test
    void removedMetricsAreGoneAndCanBeRegisteredAgain() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0")) {
            PluginMetricSet set = PluginMetricSet.of(worker.pluginMetrics());
            set.counter(EMITTED, "a.log");
            set.average(TIME);
            set.remove(EMITTED, "a.log");
            set.remove(TIME);

            assertThat(worker.has("records-emitted-total", "stream", "a.log")).isFalse();
            assertThat(worker.has("scrape-duration-avg")).isFalse();
            set.counter(EMITTED, "a.log").increment();
            assertThat(worker.value("records-emitted-total", "stream", "a.log")).isEqualTo(1.0);
        }
    }

    @Test
    void aWorkerWithoutPluginMetricsGivesAnEmptySetThatStillCounts() {
        PluginMetricSet old = PluginMetricSet.of(sourceContextThrowing(
                new NoSuchMethodError("org.apache.kafka.connect.source.SourceTaskContext.pluginMetrics()")));
        PluginMetricSet missingClass = PluginMetricSet.of(
                sourceContextThrowing(new NoClassDefFoundError("org/apache/kafka/common/metrics/PluginMetrics")));
        PluginMetricSet nullContext = PluginMetricSet.of(new RecordingSinkTaskContext(Set.of(), null));

        for (PluginMetricSet set : new PluginMetricSet[] {old, missingClass, nullContext}) {
            assertThat(set.enabled()).isFalse();
            Counter counter = set.counter(EMITTED, "metrics");
            counter.increment();
            assertThat(counter.count()).isEqualTo(1);
            assertThat(set.histogram(LATENCY, 1_000).sample()).isFalse();
            set.meter(POLLED).record(1);
            set.remove(EMITTED, "metrics");
        }
    }

    @Test
    void tagValuesMustMatchTheDefinitionAndKindsTheirRegistration() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c")) {
            PluginMetricSet set = PluginMetricSet.of(worker.pluginMetrics());
            assertThatThrownBy(() -> set.counter(EMITTED)).hasMessageContaining("has tags [stream], given 0 values");
            assertThatThrownBy(() -> set.average(LATENCY)).hasMessageContaining("is a HISTOGRAM, not AVERAGE");
        }
    }

    @Test
    void aSampledDistributionAsksForTheFirstValueAndThenOneInItsPeriod() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0", "transformation", "t")) {
            Distribution every = PluginMetricSet.of(worker.pluginMetrics()).histogram(LATENCY, 60_000);
            Distribution sampled = every.sampledOneIn(4);
            StringBuilder asked = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                asked.append(sampled.sample() ? 'x' : '.');
            }
            assertThat(asked).hasToString("x...x...x.");
            assertThat(every.sample()).as("not sampled").isTrue();
            assertThat(every.sample()).isTrue();
            assertThat(Distribution.none().sampledOneIn(4).sample()).isFalse();
        }
    }

    @Test
    void definitionsNameTheirAttributesByKafkasConventions() {
        assertThat(EMITTED.attributes()).containsExactly("records-emitted-total");
        assertThat(POLLED.attributes()).containsExactly("records-polled-total", "records-polled-rate");
        assertThat(OPEN.attributes()).containsExactly("files-open");
        assertThat(TIME.attributes()).containsExactly("scrape-duration-avg", "scrape-duration-max");
        assertThat(LATENCY.attributes())
                .containsExactly(
                        "processing-latency-avg",
                        "processing-latency-max",
                        "processing-latency-p50",
                        "processing-latency-p99");
    }

    /** The context of a source task on a worker older than Kafka 4.1, as the JVM reports the missing API there. */
    private static SourceTaskContext sourceContextThrowing(LinkageError missing) {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                throw new UnsupportedOperationException("not read by PluginMetricSet");
            }

            @Override
            public PluginMetrics pluginMetrics() {
                throw missing;
            }
        };
    }
}
