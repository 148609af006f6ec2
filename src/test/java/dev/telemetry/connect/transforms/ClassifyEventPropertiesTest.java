package dev.telemetry.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.TestRecords;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Random expressions against random records: configure() either accepts an expression or refuses it with a
 * ConfigException naming the rule's key, and apply() on any Struct or Map value classifies it without throwing.
 */
class ClassifyEventPropertiesTest {

    @Provide
    Arbitrary<String> expressions() {
        return RandomRecords.expressions();
    }

    @Provide
    Arbitrary<Map<String, Object>> values() {
        return RandomRecords.values(2);
    }

    // Each try configures two transforms (two CEL compilations): 500 (a new seed every run) keep the default build's
    // share of CPU small; -Dproperty.tries.factor=N runs N times as many (testkit.PropertyTries).
    @Property(tries = 500)
    void onlyDocumentedExceptionsEscape(
            @ForAll("expressions") String expression, @ForAll("values") Map<String, Object> value) {
        Map<String, String> props = new HashMap<>();
        props.put("rules", "fuzz");
        props.put("rules.fuzz.condition", expression);
        props.put("rules.fuzz.severity", "critical");
        props.put("rules.fuzz.category", "fuzzed");
        ClassifyEvent<SourceRecord> valueVariant = new ClassifyEvent.Value<>();
        ClassifyEvent<SourceRecord> headerVariant = new ClassifyEvent.Header<>();
        try {
            valueVariant.configure(props);
            headerVariant.configure(props);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).contains("rules.fuzz.condition");
            Statistics.collect("refused at configure");
            return;
        }
        Struct struct = RandomRecords.toStruct(value);
        SourceRecord schemaless = TestRecords.value(value).source();
        SourceRecord withSchema = TestRecords.value(struct.schema(), struct).source();

        Object severityOfMap = severity(valueVariant.apply(schemaless));
        Object severityOfStruct = ((Struct) valueVariant.apply(withSchema).value()).get("severity");
        Object severityInHeader = headerVariant
                .apply(withSchema)
                .headers()
                .lastWithName("severity")
                .value();

        assertThat(severityOfMap).isIn("critical", "info");
        assertThat(severityOfStruct).as("struct and map classify alike").isEqualTo(severityOfMap);
        assertThat(severityInHeader).isEqualTo(severityOfStruct);
        Statistics.collect("compiled, matched=" + severityOfMap.equals("critical"));
    }

    private static Object severity(SourceRecord record) {
        return ((Map<?, ?>) record.value()).get("severity");
    }
}
