package dev.telemetry.connect.transforms;

import dev.telemetry.connect.transforms.condition.Condition;
import dev.telemetry.connect.transforms.condition.RecordActivation;
import org.apache.kafka.connect.errors.DataException;

/** One named rule: when its condition holds, the record gets the rule's classification. */
record ClassificationRule(String name, Condition condition, Classification classification) {

    /** Whether the condition holds; a DataException from the condition is rethrown naming this rule. */
    public boolean matches(RecordActivation activation) {
        try {
            return condition.test(activation);
        } catch (DataException e) {
            throw new DataException("Rule '" + name + "': " + e.getMessage(), e);
        }
    }
}
