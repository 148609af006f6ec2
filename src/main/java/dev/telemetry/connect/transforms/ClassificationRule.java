package dev.telemetry.connect.transforms;

import dev.telemetry.connect.transforms.condition.Condition;
import dev.telemetry.connect.transforms.condition.RecordActivation;

/** One named rule: when its condition holds, the record gets the rule's classification. */
public record ClassificationRule(String name, Condition condition, Classification classification) {

    public boolean matches(RecordActivation activation) {
        return condition.test(activation);
    }
}
