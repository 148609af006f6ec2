package dev.telemetry.connect.transforms.condition;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Set;
import org.apache.kafka.connect.errors.DataException;

/**
 * A compiled, immutable, thread-safe boolean condition over a record value.
 *
 * <p>Evaluation never throws for data reasons: a missing or null field, a type mismatch, a failed conversion or any
 * other CEL evaluation error makes the condition false (CEL's {@code ||} and {@code &&} still decide when one side
 * settles the result, e.g. {@code missing > 1 || level == 'ERROR'}). Two things surface as a {@link DataException}
 * instead, so the record goes to the connector's error handling: a record on which the condition would build more
 * than {@link EvaluationBudget#LIMIT} characters (see {@link BoundedFunctions}), and a failure inside the engine
 * itself, which should not happen.
 */
public final class Condition {

    private final String expression;
    private final CelRuntime.Program program;
    private final Set<String> requiredFields;
    private final DirectEvaluator.Node directEvaluator;

    Condition(
            String expression,
            CelRuntime.Program program,
            Set<String> requiredFields,
            DirectEvaluator.Node directEvaluator) {
        this.expression = expression;
        this.program = program;
        this.requiredFields = requiredFields;
        this.directEvaluator = directEvaluator;
    }

    /**
     * Top-level fields without which the condition cannot be true. Checking them before evaluation lets the caller
     * skip rules meant for other record shapes cheaply; the result is the same either way.
     */
    public Set<String> requiredFields() {
        return requiredFields;
    }

    /** True only when the condition evaluates to boolean {@code true} on this value (a Struct or a Map). */
    public boolean test(RecordActivation activation) {
        for (String field : requiredFields) {
            if (!activation.isPresent(field)) {
                return false;
            }
        }
        if (directEvaluator != null) {
            Object result = directEvaluator.eval(activation);
            if (result != DirectEvaluator.FALLBACK) {
                return result == Boolean.TRUE;
            }
        }
        return evaluate(activation);
    }

    /** Whether the condition is within the subset that {@link DirectEvaluator} evaluates directly. */
    boolean hasDirectEvaluator() {
        return directEvaluator != null;
    }

    /** CEL's own evaluation alone, without the shortcuts; {@link #test} gives the same answer faster. */
    boolean evaluate(RecordActivation activation) {
        EvaluationBudget budget = EvaluationBudget.reset();
        Object result;
        try {
            result = program.eval(activation);
        } catch (CelEvaluationException e) {
            result = null;
        } catch (RuntimeException e) {
            throw new DataException("Condition '" + expression + "' failed unexpectedly: " + e, e);
        }
        if (budget.exhausted()) {
            throw new DataException("Condition '" + expression + "' was stopped on this record: it would build "
                    + budget.refusedTotal() + " characters, more than the " + EvaluationBudget.LIMIT
                    + " a condition may build per record");
        }
        return Boolean.TRUE.equals(result);
    }

    @Override
    public String toString() {
        return expression;
    }
}
