package dev.telemetry.connect.transforms.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.transforms.RandomRecords;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The shortcuts (required fields, the direct evaluator) never change a condition's answer: {@link Condition#test} always
 * agrees with CEL's own evaluation. They only skip work.
 */
class ConditionShortcutsPropertiesTest {

    @Provide
    Arbitrary<String> expressions() {
        return RandomRecords.expressions();
    }

    @Provide
    Arbitrary<Map<String, Object>> values() {
        return RandomRecords.values(2);
    }

    // Each try compiles a CEL expression, and this class was the unit tests' largest CPU share: 500 tries a run, with a
    // new seed every run, so the runs add up; -Dproperty.tries.factor=N runs N times as many (testkit.PropertyTries).
    @Property(tries = 500)
    void shortcutsAgreeWithCel(@ForAll("expressions") String expression, @ForAll("values") Map<String, Object> value) {
        Condition condition;
        try {
            condition = ConditionCompiler.compile(expression);
        } catch (InvalidConditionException e) {
            Assume.that(false);
            return;
        }
        RecordActivation activation = RecordActivation.of(value, "test");
        boolean result = condition.test(activation);
        assertThat(result).isEqualTo(condition.evaluate(activation));
        Statistics.collect(condition.hasDirectEvaluator() ? "direct evaluator" : "CEL only", result);
    }
}
