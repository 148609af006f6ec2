package dev.telemetry.connect.transforms.predicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.testkit.TestPluginMetrics;
import dev.telemetry.connect.testkit.TestRecords;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SeverityAtLeastMetricsTest {

    private static SourceRecord withSeverity(Object severity) {
        return TestRecords.value(null, severity == null ? Map.of() : Map.of("severity", severity))
                .topic("t")
                .source();
    }

    @Test
    void countsRecordsPassedAndBelowButNotMalformedOnes() throws Exception {
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "c", "task", "0", "predicate", "atLeast")) {
            SeverityAtLeast<SourceRecord> predicate = new SeverityAtLeast<>();
            predicate.configure(Map.of("min.severity", "warning"));
            predicate.withPluginMetrics(worker.pluginMetrics());

            predicate.test(withSeverity("critical"));
            predicate.test(withSeverity("warning"));
            predicate.test(withSeverity("info"));
            predicate.test(withSeverity(null));
            assertThatThrownBy(() -> predicate.test(withSeverity("loud"))).isInstanceOf(DataException.class);

            assertThat(worker.value("records-passed-total")).isEqualTo(2.0);
            assertThat(worker.value("records-below-total")).isEqualTo(2.0);
        }
    }
}
