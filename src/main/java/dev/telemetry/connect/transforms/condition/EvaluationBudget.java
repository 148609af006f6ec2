package dev.telemetry.connect.transforms.condition;

import dev.cel.runtime.CelEvaluationException;

/**
 * How much one condition may build while it evaluates one record: characters of strings and bytes of byte strings
 * produced by the functions that can make a value larger than their inputs (see {@link BoundedFunctions}). The
 * budget is per thread, because CEL calls function bindings synchronously on the evaluating thread and a binding has
 * no other way to reach per-evaluation state; {@link Condition} resets it before each evaluation and reads it after.
 *
 * <p>A function that would exceed the budget throws before it allocates, and the budget stays spent, so CEL's
 * {@code ||} and {@code &&}, which absorb errors, cannot turn an exhausted budget into a quiet {@code true}.
 */
final class EvaluationBudget {

    /** Ten million characters (about 20 MB on the heap) per condition per record. */
    static final long LIMIT = 10_000_000L;

    private static final ThreadLocal<EvaluationBudget> CURRENT = ThreadLocal.withInitial(EvaluationBudget::new);

    private long used;
    private long refused;

    private EvaluationBudget() {}

    /** The calling thread's budget, emptied for a new evaluation. */
    static EvaluationBudget reset() {
        EvaluationBudget budget = CURRENT.get();
        budget.used = 0;
        budget.refused = 0;
        return budget;
    }

    /** Spends {@code amount} of the calling thread's budget, or throws when that would exceed {@link #LIMIT}. */
    static void charge(long amount, String function) throws CelEvaluationException {
        EvaluationBudget budget = CURRENT.get();
        long total = budget.used + amount;
        if (total > LIMIT) {
            budget.refused = total;
            throw new CelEvaluationException(function + " would build " + amount + " characters, past the limit of "
                    + LIMIT + " per condition and record");
        }
        budget.used = total;
    }

    /** Whether a function was refused since the last {@link #reset()}. */
    boolean exhausted() {
        return refused > 0;
    }

    /** What the refused function would have needed in total, for the error message. */
    long refusedTotal() {
        return refused;
    }
}
