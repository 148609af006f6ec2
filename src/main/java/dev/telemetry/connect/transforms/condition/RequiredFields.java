package dev.telemetry.connect.transforms.condition;

import dev.cel.common.ast.CelExpr;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the top-level fields a condition cannot be true without. An absent (or null) field evaluates to "unknown" in
 * CEL, which strict functions propagate and which {@code &&}, {@code ||} and {@code !} treat by their own rules, so
 * three sets are tracked per sub-expression: fields whose absence makes it unknown, not true, and not false. The
 * analysis is conservative: where it is unsure (list and map literals, comprehension bodies, the optional
 * {@code or}/{@code orValue} fallbacks), it requires nothing.
 */
final class RequiredFields {

    /** Absence of any field in {@code unknown} makes the expression unknown; in {@code notTrue}, not true; etc. */
    private record Needs(Set<String> unknown, Set<String> notTrue, Set<String> notFalse) {
        static Needs none() {
            return strict(new HashSet<>());
        }

        static Needs strict(Set<String> fields) {
            return new Needs(fields, fields, fields);
        }
    }

    private RequiredFields() {}

    static Set<String> of(CelExpr expr, Set<String> fieldNames) {
        return Set.copyOf(needs(expr, fieldNames).notTrue());
    }

    private static Needs needs(CelExpr expr, Set<String> fields) {
        switch (expr.exprKind().getKind()) {
            case IDENT:
                String name = expr.ident().name();
                return fields.contains(name) ? Needs.strict(Set.of(name)) : Needs.none();
            case SELECT:
                return Needs.strict(needs(expr.select().operand(), fields).unknown());
            case CALL:
                return needsOfCall(expr.call(), fields);
            case COMPREHENSION:
                return Needs.strict(
                        needs(expr.comprehension().iterRange(), fields).unknown());
            default:
                return Needs.none();
        }
    }

    private static Needs needsOfCall(CelExpr.CelCall call, Set<String> fields) {
        switch (call.function()) {
            case "_&&_": {
                Needs l = needs(call.args().get(0), fields);
                Needs r = needs(call.args().get(1), fields);
                return new Needs(
                        intersection(l.unknown(), r.unknown()),
                        union(l.notTrue(), r.notTrue()),
                        intersection(l.notFalse(), r.notFalse()));
            }
            case "_||_": {
                Needs l = needs(call.args().get(0), fields);
                Needs r = needs(call.args().get(1), fields);
                return new Needs(
                        intersection(l.unknown(), r.unknown()),
                        intersection(l.notTrue(), r.notTrue()),
                        union(l.notFalse(), r.notFalse()));
            }
            case "!_": {
                Needs operand = needs(call.args().get(0), fields);
                return new Needs(operand.unknown(), operand.notFalse(), operand.notTrue());
            }
            case "_?_:_": {
                Set<String> condition = needs(call.args().get(0), fields).unknown();
                Needs whenTrue = needs(call.args().get(1), fields);
                Needs whenFalse = needs(call.args().get(2), fields);
                return new Needs(
                        union(condition, intersection(whenTrue.unknown(), whenFalse.unknown())),
                        union(condition, intersection(whenTrue.notTrue(), whenFalse.notTrue())),
                        union(condition, intersection(whenTrue.notFalse(), whenFalse.notFalse())));
            }
            case "@not_strictly_false":
                return Needs.none();
            case "or":
            case "orValue":
                return Needs.strict(
                        call.target().map(t -> needs(t, fields).unknown()).orElseGet(HashSet::new));
            default: {
                Set<String> all =
                        call.target().map(t -> needs(t, fields).unknown()).orElseGet(HashSet::new);
                for (CelExpr arg : call.args()) {
                    all = union(all, needs(arg, fields).unknown());
                }
                return Needs.strict(all);
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.retainAll(b);
        return result;
    }
}
