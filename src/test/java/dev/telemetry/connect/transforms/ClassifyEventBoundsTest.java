package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.testkit.TestRecords;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** ClassifyEvent refuses conditions that could build unbounded values, and stops one that outgrows a record. */
class ClassifyEventBoundsTest {

    private static final String CHAINED_REPLACE = "'x'" + ".replace('x','xxxxxxxxxx')".repeat(10) + " == ''";

    private static Map<String, String> rule(String name, String condition) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("rules", "error," + name);
        props.put("rules.error.condition", "level == 'ERROR'");
        props.put("rules.error.severity", "critical");
        props.put("rules." + name + ".condition", condition);
        props.put("rules." + name + ".severity", "warning");
        return props;
    }

    private static SourceRecord record(String level, String message) {
        Map<String, Object> value = new HashMap<>();
        value.put("level", level);
        value.put("message", message);
        return TestRecords.value(value).topic("logs").timestamp(42L).source();
    }

    @Test
    void chainedReplaceIsRefusedAtConfigureWithItsKeyRuleAndPosition() {
        int column = ("'x'" + ".replace('x','xxxxxxxxxx')".repeat(7) + ".replace(").length();
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        assertThatThrownBy(() -> classify.configure(rule("boom", CHAINED_REPLACE)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.boom.condition")
                .hasMessageContaining("rule 'boom'")
                .hasMessageContaining("line 1, column " + column)
                .hasMessageContaining("a condition may build per record");
    }

    @Test
    void quadraticReplaceIsRefusedAtConfigure() {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Header<>();
        assertThatThrownBy(() -> classify.configure(rule("square", "message.replace(' ', message) != ''")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.square.condition")
                .hasMessageContaining("line 1, column 16");
    }

    @Test
    void aRecordThatOutgrowsTheBudgetIsADataExceptionNamingTheRule() {
        ClassifyEvent<SourceRecord> classify = new ClassifyEvent.Value<>();
        classify.configure(rule("grow", "message.replace('a', 'aaaaaaaaaa').size() > 100"));
        assertThat(severityOf(classify.apply(record("INFO", "a".repeat(20))))).isEqualTo("warning");
        assertThatThrownBy(() -> classify.apply(record("INFO", "a".repeat(2_000_000))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Rule 'grow'")
                .hasMessageContaining("more than the 10000000 a condition may build per record");
        // The earlier rule decides first: a record it matches never reaches the expensive one.
        assertThat(severityOf(classify.apply(record("ERROR", "a".repeat(2_000_000)))))
                .isEqualTo("critical");
    }

    private static Object severityOf(SourceRecord record) {
        return ((Map<?, ?>) record.value()).get("severity");
    }
}
