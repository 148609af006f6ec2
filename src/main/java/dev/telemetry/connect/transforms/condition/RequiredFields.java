package dev.telemetry.connect.transforms.condition;

import java.util.HashSet;
import java.util.Set;

import dev.cel.common.ast.CelExpr;

/**
 * Finds the top-level fields a condition cannot be true without. A field that is absent (or null) evaluates to
 * "unknown" in CEL, which every strict function propagates, so the condition cannot come out {@code true}. The
 * analysis is conservative: where it is unsure (list and map literals, comprehension bodies, the optional
 * {@code or}/{@code orValue} fallbacks), it requires nothing.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static Set<String> of(CelExpr expr, Set<String> fieldNames) {
        return Set.copyOf(required(expr, fieldNames));
    }

    private static Set<String> required(CelExpr expr, Set<String> fields) {
        switch (expr.exprKind().getKind()) {
            case IDENT:
                String name = expr.ident().name();
                return fields.contains(name) ? new HashSet<>(Set.of(name)) : new HashSet<>();
            case SELECT:
                return required(expr.select().operand(), fields);
            case CALL:
                return requiredByCall(expr.call(), fields);
            case COMPREHENSION:
                return required(expr.comprehension().iterRange(), fields);
            default:
                return new HashSet<>();
        }
    }

    private static Set<String> requiredByCall(CelExpr.CelCall call, Set<String> fields) {
        switch (call.function()) {
            case "_&&_": {
                Set<String> union = required(call.args().get(0), fields);
                union.addAll(required(call.args().get(1), fields));
                return union;
            }
            case "_||_": {
                Set<String> both = required(call.args().get(0), fields);
                both.retainAll(required(call.args().get(1), fields));
                return both;
            }
            case "_?_:_": {
                Set<String> branches = required(call.args().get(1), fields);
                branches.retainAll(required(call.args().get(2), fields));
                branches.addAll(required(call.args().get(0), fields));
                return branches;
            }
            case "@not_strictly_false":
                return new HashSet<>();
            case "or":
            case "orValue":
                return call.target().map(t -> required(t, fields)).orElseGet(HashSet::new);
            default: {
                Set<String> union = call.target().map(t -> required(t, fields)).orElseGet(HashSet::new);
                for (CelExpr arg : call.args()) {
                    union.addAll(required(arg, fields));
                }
                return union;
            }
        }
    }
}
