package dev.telemetry.connect.transforms.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.telemetry.connect.transforms.RandomRecords;

/** The required-field shortcut never changes a condition's answer; it only skips work. */
class RequiredFieldsPropertiesTest {

    @Provide
    Arbitrary<String> expressions() {
        return RandomRecords.expressions();
    }

    @Provide
    Arbitrary<Map<String, Object>> values() {
        return RandomRecords.values(2);
    }

    @Property(tries = 1500)
    void shortcutAgreesWithFullEvaluation(@ForAll("expressions") String expression,
                                          @ForAll("values") Map<String, Object> value) {
        Condition condition;
        try {
            condition = ConditionCompiler.compile(expression);
        } catch (InvalidConditionException e) {
            Assume.that(false);
            return;
        }
        RecordActivation activation = RecordActivation.of(value, "test");
        assertThat(condition.test(activation)).isEqualTo(condition.evaluate(activation));
    }
}
