package dev.telemetry.connect.transforms.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compile-time upper bound on how large the values of a condition can grow, so an expression that would build
 * gigabytes ({@code 'x'.replace('x', 'xxxxxxxxxx')} ten times over, {@code message.replace(' ', message)}, a
 * {@code map} that copies a field once per list element) is refused at configure time, naming its position, instead of
 * failing on records later. CEL-Java has no cost estimator of its own (cel-go's is not ported), hence this one.
 *
 * <p>Every record field is assumed to hold at most {@link #ASSUMED_FIELD_SIZE} characters (or elements, or bytes).
 * The size of a string or bytes value is its length, of a list or map the sum of its elements' sizes (each at least
 * 1), of anything else 1. A comprehension runs at most the configured iteration limit; its step is charged once at the
 * whole range's size and once per further iteration at size 0, which bounds the total for steps that grow with their
 * element no faster than linearly plus steps that copy something else every time. Any sub-expression whose bound
 * exceeds {@link EvaluationBudget#LIMIT} refuses the condition. At run time {@link EvaluationBudget} enforces the same
 * limit on the actual record, for records larger than assumed here.
 */
final class ResultSizeEstimate {

    /** The largest field this estimate assumes: 100,000 characters, far above a typical telemetry record's fields. */
    static final double ASSUMED_FIELD_SIZE = 100_000;

    private final CelAbstractSyntaxTree ast;
    private final Set<String> fields;
    private final int maxIterations;

    private ResultSizeEstimate(CelAbstractSyntaxTree ast, Set<String> fields, int maxIterations) {
        this.ast = ast;
        this.fields = fields;
        this.maxIterations = maxIterations;
    }

    /** Refuses {@code ast} when any of its values could exceed the per-evaluation budget. */
    static void check(CelAbstractSyntaxTree ast, Set<String> fields, int maxIterations)
            throws InvalidConditionException {
        new ResultSizeEstimate(ast, fields, maxIterations).size(ast.getExpr(), Map.of());
    }

    private double size(CelExpr expr, Map<String, Double> variables) throws InvalidConditionException {
        double size;
        switch (expr.exprKind().getKind()) {
            case CONSTANT:
                size = constant(expr.constant());
                break;
            case IDENT: {
                String name = expr.ident().name();
                size = variables.getOrDefault(name, fields.contains(name) ? ASSUMED_FIELD_SIZE : 1);
                break;
            }
            case SELECT:
                size = size(expr.select().operand(), variables);
                break;
            case LIST:
                size = sumOfElements(expr.list().elements(), variables);
                break;
            case MAP:
                size = 0;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    size += Math.max(1, size(entry.key(), variables)) + Math.max(1, size(entry.value(), variables));
                }
                break;
            case CALL:
                size = call(expr.call(), variables);
                break;
            case COMPREHENSION:
                size = comprehension(expr.comprehension(), variables);
                break;
            default:
                size = 1;
        }
        if (isScalar(expr)) {
            return 1;
        }
        if (size > EvaluationBudget.LIMIT) {
            throw InvalidConditionException.at(
                    ast,
                    expr,
                    String.format(
                            Locale.ROOT,
                            "this expression could build about %.1e characters for fields of %,d characters, more than the "
                                    + "%,d a condition may build per record; expressions that multiply the size of strings "
                                    + "(such as replace chains, or replace, join or + repeated by a comprehension) are refused "
                                    + "so one record cannot exhaust the worker's memory",
                            size,
                            (long) ASSUMED_FIELD_SIZE,
                            EvaluationBudget.LIMIT));
        }
        return size;
    }

    private boolean isScalar(CelExpr expr) {
        Optional<CelType> type = ast.getType(expr.id());
        if (type.isEmpty()) {
            return false;
        }
        CelKind kind = type.get().kind();
        return kind == CelKind.BOOL
                || kind == CelKind.INT
                || kind == CelKind.UINT
                || kind == CelKind.DOUBLE
                || kind == CelKind.NULL_TYPE
                || kind == CelKind.TIMESTAMP
                || kind == CelKind.DURATION
                || kind == CelKind.TYPE;
    }

    private static double constant(CelConstant constant) {
        switch (constant.getKind()) {
            case STRING_VALUE:
                return constant.stringValue().length();
            case BYTES_VALUE:
                return constant.bytesValue().size();
            default:
                return 1;
        }
    }

    private double sumOfElements(List<CelExpr> elements, Map<String, Double> variables)
            throws InvalidConditionException {
        double sum = 0;
        for (CelExpr element : elements) {
            sum += Math.max(1, size(element, variables));
        }
        return sum;
    }

    private double call(CelExpr.CelCall call, Map<String, Double> variables) throws InvalidConditionException {
        double[] args = new double[call.args().size() + (call.target().isPresent() ? 1 : 0)];
        int i = 0;
        if (call.target().isPresent()) {
            args[i++] = size(call.target().get(), variables);
        }
        for (CelExpr arg : call.args()) {
            args[i++] = size(arg, variables);
        }
        List<CelExpr> operands =
                call.target().isPresent() ? prepend(call.target().get(), call.args()) : call.args();
        switch (call.function()) {
            case "replace":
                return replace(args, operands);
            case "join":
                return args.length == 1 ? args[0] : args[0] + args[0] * args[1];
            case "split":
                return 2 * args[0] + 1;
            case "_?_:_":
                return Math.max(args[1], args[2]);
            case "_[_]":
                return args[0];
            default: {
                double sum = 0;
                for (double arg : args) {
                    sum += arg;
                }
                return sum;
            }
        }
    }

    /** At most (size / |target|) occurrences, each adding (|replacement| - |target|); an empty target matches everywhere. */
    private static double replace(double[] args, List<CelExpr> operands) {
        double subject = args[0];
        double replacement = args[2];
        CelExpr target = operands.get(1);
        double occurrences;
        double growth;
        if (isStringConstant(target) && !target.constant().stringValue().isEmpty()) {
            int length = target.constant().stringValue().length();
            occurrences = Math.ceil(subject / length);
            growth = Math.max(0, replacement - length);
        } else {
            occurrences = subject + 1;
            growth = replacement;
        }
        if (operands.size() > 3
                && operands.get(3).exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && operands.get(3).constant().getKind() == CelConstant.Kind.INT64_VALUE
                && operands.get(3).constant().int64Value() >= 0) {
            occurrences = Math.min(occurrences, operands.get(3).constant().int64Value());
        }
        return subject + occurrences * growth;
    }

    private static boolean isStringConstant(CelExpr expr) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE;
    }

    private double comprehension(CelExpr.CelComprehension c, Map<String, Double> variables)
            throws InvalidConditionException {
        double range = size(c.iterRange(), variables);
        double iterations = Math.min(range, maxIterations);
        double initial = size(c.accuInit(), variables);
        double wholeRange = step(c, variables, range);
        double perIteration = step(c, variables, 0);
        double accumulated = initial + wholeRange + Math.max(0, iterations - 1) * perIteration;
        Map<String, Double> after = new HashMap<>(variables);
        after.put(c.accuVar(), accumulated);
        return size(c.result(), after);
    }

    /** The size added by one step whose element has size {@code element}, with an empty accumulator. */
    private double step(CelExpr.CelComprehension c, Map<String, Double> variables, double element)
            throws InvalidConditionException {
        Map<String, Double> inside = new HashMap<>(variables);
        inside.put(c.iterVar(), element);
        if (!c.iterVar2().isEmpty()) {
            inside.put(c.iterVar2(), element);
        }
        inside.put(c.accuVar(), 0.0);
        size(c.loopCondition(), inside);
        return size(c.loopStep(), inside);
    }

    private static List<CelExpr> prepend(CelExpr first, List<CelExpr> rest) {
        List<CelExpr> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
