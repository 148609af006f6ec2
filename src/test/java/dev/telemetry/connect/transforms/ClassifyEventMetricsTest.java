package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.testkit.TestPluginMetrics;
import dev.telemetry.connect.testkit.TestRecords;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ClassifyEventMetricsTest {

    private static SourceRecord schemaless(Map<String, Object> value) {
        return TestRecords.value(null, value).topic("raw_data").source();
    }

    private static void classifyRecords(ClassifyEvent<SourceRecord> classify) {
        classify.apply(schemaless(Map.of("level", "ERROR")));
        classify.apply(schemaless(Map.of("level", "ERROR")));
        classify.apply(schemaless(Map.of("response_time", 1500.0)));
        classify.apply(schemaless(Map.of("level", "INFO")));
        classify.apply(TestRecords.value(null, null).topic("raw_data").source());
        assertThatThrownBy(() -> classify.apply(
                        TestRecords.value(null, "not a map").topic("raw_data").source()))
                .isInstanceOf(DataException.class);
    }

    @Test
    void countsRecordsPerRuleUnmatchedAndErrorsAndTimesASampleOfRecords() throws Exception {
        try (TestPluginMetrics worker =
                new TestPluginMetrics("connector", "c", "task", "0", "transformation", "classify")) {
            ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
            classify.configure(ClassifyEventTest.rules());
            classify.withPluginMetrics(worker.pluginMetrics());

            classifyRecords(classify);

            assertThat(worker.value("records-matched-total", "rule", "error")).isEqualTo(2.0);
            assertThat(worker.value("records-matched-total", "rule", "slow_api"))
                    .isEqualTo(1.0);
            assertThat(worker.value("records-matched-total", "rule", "server_error"))
                    .isEqualTo(0.0);
            assertThat(worker.value("records-unmatched-total")).isEqualTo(1.0);
            assertThat(worker.value("evaluation-errors-total")).isEqualTo(1.0);
            assertThat(worker.value("classify-time-ns-max")).isPositive();
            assertThat(worker.value("classify-time-ns-avg")).isBetween(1.0, worker.value("classify-time-ns-max"));
        }
    }

    @Test
    void metricsHandedOverBeforeConfigureAreRegisteredOnceTheRulesAreKnown() throws Exception {
        try (TestPluginMetrics worker =
                new TestPluginMetrics("connector", "c", "task", "0", "transformation", "classify")) {
            ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Header<>();
            classify.withPluginMetrics(worker.pluginMetrics());
            classify.configure(ClassifyEventTest.rules());

            classify.apply(schemaless(Map.of("level", "ERROR")));

            assertThat(worker.value("records-matched-total", "rule", "error")).isEqualTo(1.0);
        }
    }

    @Test
    void withoutMetricsItClassifiesAsBefore() {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        classify.configure(ClassifyEventTest.rules());
        classify.withPluginMetrics(null);

        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>)
                classify.apply(schemaless(Map.of("level", "ERROR"))).value();

        assertThat(out).containsEntry("severity", "critical");
    }
}
