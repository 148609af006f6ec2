package dev.telemetry.connect.transforms.condition;

import com.google.re2j.Pattern;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a direct evaluator for the common subset of conditions (field reads, constants, comparisons, logic, arithmetic,
 * {@code in}, {@code matches}, {@code contains}/{@code startsWith}/{@code endsWith}, {@code size}, {@code has}),
 * planned from the type-checked CEL syntax tree. CEL's general interpreter costs several hundred nanoseconds per
 * condition, mostly in per-call dispatch and bookkeeping; this subset runs in tens.
 *
 * <p>It reproduces CEL's semantics: heterogeneous numeric equality and ordering, error and unknown absorption by
 * {@code &&}, {@code ||} and {@code ?:}, and this bundle's mixed int/double arithmetic. Absent fields and errors are
 * one value, {@link #NO_VALUE}, because a condition only asks "is it true". Wherever the semantics get subtle (integer
 * overflow, division by zero, NaN against an int, timestamps, bytes, lists compared as values) it answers
 * {@link #FALLBACK} and the caller evaluates the whole condition with CEL itself. An expression using anything outside
 * the subset is not planned at all. A property test checks that both paths agree.
 */
final class DirectEvaluator {

    /** The value of an absent field, or of an expression that is an error or unknown in CEL. */
    static final Object NO_VALUE = new Object();
    /** "Ask CEL": the direct evaluator does not decide this case. */
    static final Object FALLBACK = new Object();
    /** CEL's {@code null} constant. */
    private static final Object NULL = new Object();

    private static final double EXACT_LONG_LIMIT = 9007199254740992.0; // 2^53

    /** One planned sub-expression. */
    interface Node {
        Object eval(RecordActivation activation);
    }

    /** Signals an expression outside the subset while planning. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private DirectEvaluator() {}

    /** The planned condition, or null when the expression uses anything outside the subset. */
    static Node plan(CelExpr expr, Set<String> fields, int maxRegexProgramSize) {
        try {
            return new Planner(fields, maxRegexProgramSize).node(expr);
        } catch (Unsupported e) {
            return null;
        }
    }

    private static final class Planner {
        private final Set<String> fields;
        private final int maxRegexProgramSize;

        Planner(Set<String> fields, int maxRegexProgramSize) {
            this.fields = fields;
            this.maxRegexProgramSize = maxRegexProgramSize;
        }

        Node node(CelExpr expr) throws Unsupported {
            switch (expr.exprKind().getKind()) {
                case CONSTANT: {
                    Object constant = constant(expr.constant());
                    return a -> constant;
                }
                case IDENT: {
                    String name = expr.ident().name();
                    if (!fields.contains(name)) {
                        throw new Unsupported();
                    }
                    return a -> a.celValueOrNoValue(name);
                }
                case SELECT:
                    return select(
                            node(expr.select().operand()),
                            expr.select().field(),
                            expr.select().testOnly());
                case LIST: {
                    if (!expr.list().optionalIndices().isEmpty()) {
                        throw new Unsupported();
                    }
                    List<Node> elements = new ArrayList<>();
                    for (CelExpr e : expr.list().elements()) {
                        elements.add(node(e));
                    }
                    return a -> list(elements, a);
                }
                case CALL:
                    return call(expr.call());
                default:
                    throw new Unsupported();
            }
        }

        private Node call(CelExpr.CelCall call) throws Unsupported {
            List<Node> args = new ArrayList<>();
            if (call.target().isPresent()) {
                args.add(node(call.target().get()));
            }
            String function = call.function();
            if (function.equals("matches")) {
                return matches(call, args);
            }
            for (CelExpr arg : call.args()) {
                args.add(node(arg));
            }
            switch (function) {
                case "_&&_":
                    return and(args.get(0), args.get(1));
                case "_||_":
                    return or(args.get(0), args.get(1));
                case "!_":
                    return a -> not(args.get(0).eval(a));
                case "_?_:_":
                    return conditional(args.get(0), args.get(1), args.get(2));
                case "_==_":
                    return binary(args, DirectEvaluator::equal);
                case "_!=_":
                    return binary(args, (x, y) -> not(equal(x, y)));
                case "_<_":
                    return binary(args, (x, y) -> order(x, y, c -> c < 0));
                case "_<=_":
                    return binary(args, (x, y) -> order(x, y, c -> c <= 0));
                case "_>_":
                    return binary(args, (x, y) -> order(x, y, c -> c > 0));
                case "_>=_":
                    return binary(args, (x, y) -> order(x, y, c -> c >= 0));
                case "_+_":
                    return binary(args, DirectEvaluator::add);
                case "_-_":
                    return binary(args, (x, y) -> arithmetic(x, y, Math::subtractExact, (p, q) -> p - q));
                case "_*_":
                    return binary(args, (x, y) -> arithmetic(x, y, Math::multiplyExact, (p, q) -> p * q));
                case "_/_":
                    return binary(args, (x, y) -> arithmetic(x, y, DirectEvaluator::divideExact, (p, q) -> p / q));
                case "_%_":
                    return binary(args, (x, y) -> arithmetic(x, y, DirectEvaluator::moduloExact, (p, q) -> p % q));
                case "-_":
                    return unaryMinus(args.get(0));
                case "@in":
                    return binary(args, DirectEvaluator::in);
                case "contains":
                    return binary(args, (x, y) -> strings(x, y, String::contains));
                case "startsWith":
                    return binary(args, (x, y) -> strings(x, y, String::startsWith));
                case "endsWith":
                    return binary(args, (x, y) -> strings(x, y, String::endsWith));
                case "size":
                    if (args.size() != 1) {
                        throw new Unsupported();
                    }
                    return a -> size(args.get(0).eval(a));
                default:
                    throw new Unsupported();
            }
        }

        private Node matches(CelExpr.CelCall call, List<Node> targetOrEmpty) throws Unsupported {
            List<CelExpr> rest = call.args();
            CelExpr patternExpr = rest.get(rest.size() - 1);
            if (patternExpr.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT
                    || patternExpr.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                throw new Unsupported();
            }
            Pattern pattern = Pattern.compile(patternExpr.constant().stringValue());
            if (maxRegexProgramSize >= 0 && pattern.programSize() > maxRegexProgramSize) {
                throw new Unsupported();
            }
            Node subject = targetOrEmpty.isEmpty() ? node(rest.get(0)) : targetOrEmpty.get(0);
            return a -> {
                Object s = subject.eval(a);
                if (s == FALLBACK) {
                    return FALLBACK;
                }
                return s instanceof String
                        ? (Object) pattern.matcher((String) s).find()
                        : NO_VALUE;
            };
        }

        private static Object constant(CelConstant constant) throws Unsupported {
            switch (constant.getKind()) {
                case NULL_VALUE:
                    return NULL;
                case BOOLEAN_VALUE:
                    return constant.booleanValue();
                case INT64_VALUE:
                    return constant.int64Value();
                case DOUBLE_VALUE:
                    return constant.doubleValue();
                case STRING_VALUE:
                    return constant.stringValue();
                default:
                    throw new Unsupported();
            }
        }
    }

    private interface Binary {
        Object apply(Object x, Object y);
    }

    private interface Comparison {
        boolean holds(int compared);
    }

    private interface LongOp {
        long apply(long x, long y);
    }

    private interface DoubleOp {
        double apply(double x, double y);
    }

    private interface StringTest {
        boolean test(String x, String y);
    }

    /** A strict binary function: FALLBACK wins, then NO_VALUE, then the function decides. */
    private static Node binary(List<Node> args, Binary fn) throws Unsupported {
        if (args.size() != 2) {
            throw new Unsupported();
        }
        Node left = args.get(0);
        Node right = args.get(1);
        return a -> {
            Object x = left.eval(a);
            if (x == FALLBACK) {
                return FALLBACK;
            }
            Object y = right.eval(a);
            if (y == FALLBACK) {
                return FALLBACK;
            }
            if (x == NO_VALUE || y == NO_VALUE) {
                return NO_VALUE;
            }
            return fn.apply(x, y);
        };
    }

    private static Node and(Node left, Node right) {
        return a -> {
            Object x = left.eval(a);
            if (x == FALLBACK || x == Boolean.FALSE) {
                return x;
            }
            if (x != NO_VALUE && !(x instanceof Boolean)) {
                return NO_VALUE;
            }
            Object y = right.eval(a);
            if (y == FALLBACK || y == Boolean.FALSE) {
                return y;
            }
            return x == Boolean.TRUE && y == Boolean.TRUE ? Boolean.TRUE : NO_VALUE;
        };
    }

    private static Node or(Node left, Node right) {
        return a -> {
            Object x = left.eval(a);
            if (x == FALLBACK || x == Boolean.TRUE) {
                return x;
            }
            if (x != NO_VALUE && !(x instanceof Boolean)) {
                return NO_VALUE;
            }
            Object y = right.eval(a);
            if (y == FALLBACK || y == Boolean.TRUE) {
                return y;
            }
            return x == Boolean.FALSE && y == Boolean.FALSE ? Boolean.FALSE : NO_VALUE;
        };
    }

    private static Node conditional(Node condition, Node whenTrue, Node whenFalse) {
        return a -> {
            Object c = condition.eval(a);
            if (c == FALLBACK) {
                return FALLBACK;
            }
            if (c == Boolean.TRUE) {
                return whenTrue.eval(a);
            }
            return c == Boolean.FALSE ? whenFalse.eval(a) : NO_VALUE;
        };
    }

    private static Object not(Object x) {
        if (x instanceof Boolean) {
            return !(Boolean) x;
        }
        return x == FALLBACK ? FALLBACK : NO_VALUE;
    }

    private static boolean isScalar(Object x) {
        return x instanceof String || x instanceof Boolean || x instanceof Double || x instanceof Long || x == NULL;
    }

    /** CEL equality on scalars; anything else is left to CEL. */
    private static Object equal(Object x, Object y) {
        if (!isScalar(x) || !isScalar(y)) {
            return FALLBACK;
        }
        if (x instanceof Double && y instanceof Double) {
            // CEL-Java's answer for NaN == NaN differs from IEEE 754's; leave NaN to CEL so both paths agree.
            if (((Double) x).isNaN() || ((Double) y).isNaN()) {
                return FALLBACK;
            }
            return (double) (Double) x == (double) (Double) y;
        }
        if (x instanceof Number && y instanceof Number) {
            return compareMixed(x, y) == 0;
        }
        return x.equals(y);
    }

    /** Compares Double with Long as CEL does (Double.compare against the long as a double); FALLBACK-worthy cases out. */
    private static int compareMixed(Object x, Object y) {
        if (x instanceof Long && y instanceof Long) {
            return Long.compare((Long) x, (Long) y);
        }
        boolean xLong = x instanceof Long;
        double d = xLong ? (Double) y : (Double) x;
        double l = xLong ? (double) (Long) x : (double) (Long) y;
        int c = Double.compare(d, l);
        return xLong ? -c : c;
    }

    private static boolean mixedIsExact(Object x, Object y) {
        Object l = x instanceof Long ? x : y;
        Object d = x instanceof Long ? y : x;
        return Math.abs((Long) l) <= EXACT_LONG_LIMIT && !Double.isNaN((Double) d);
    }

    private static Object order(Object x, Object y, Comparison comparison) {
        if (!isScalar(x) || !isScalar(y)) {
            return FALLBACK;
        }
        if (x instanceof Double && y instanceof Double) {
            double p = (Double) x;
            double q = (Double) y;
            // Primitive comparison, as CEL's double overloads: false for NaN, -0.0 equals 0.0.
            return p < q ? comparison.holds(-1) : p > q ? comparison.holds(1) : p == q && comparison.holds(0);
        }
        if (x instanceof Long && y instanceof Long) {
            return comparison.holds(Long.compare((Long) x, (Long) y));
        }
        if (x instanceof Number && y instanceof Number) {
            return mixedIsExact(x, y) ? (Object) comparison.holds(compareMixed(x, y)) : FALLBACK;
        }
        if (x instanceof String && y instanceof String) {
            return comparison.holds(((String) x).compareTo((String) y));
        }
        if (x instanceof Boolean && y instanceof Boolean) {
            return comparison.holds(Boolean.compare((Boolean) x, (Boolean) y));
        }
        return NO_VALUE;
    }

    private static Object add(Object x, Object y) {
        if (x instanceof String && y instanceof String) {
            // Past the budget, CEL's bounded '+' reports it; the direct evaluator only builds what fits.
            long length = (long) ((String) x).length() + ((String) y).length();
            return length > EvaluationBudget.LIMIT ? FALLBACK : (String) x + y;
        }
        return arithmetic(x, y, Math::addExact, Double::sum);
    }

    /** Int with int in exact long arithmetic (overflow and division by zero go to CEL); otherwise in double. */
    private static Object arithmetic(Object x, Object y, LongOp longOp, DoubleOp doubleOp) {
        if (!isScalar(x) || !isScalar(y)) {
            return FALLBACK;
        }
        if (x instanceof Long && y instanceof Long) {
            try {
                return longOp.apply((Long) x, (Long) y);
            } catch (ArithmeticException e) {
                return FALLBACK;
            }
        }
        if (x instanceof Number && y instanceof Number) {
            return doubleOp.apply(((Number) x).doubleValue(), ((Number) y).doubleValue());
        }
        return NO_VALUE;
    }

    private static long divideExact(long x, long y) {
        if (y == 0 || (x == Long.MIN_VALUE && y == -1)) {
            throw new ArithmeticException();
        }
        return x / y;
    }

    private static long moduloExact(long x, long y) {
        if (y == 0 || (x == Long.MIN_VALUE && y == -1)) {
            throw new ArithmeticException();
        }
        return x % y;
    }

    private static Node unaryMinus(Node operand) {
        return a -> {
            Object x = operand.eval(a);
            if (x == FALLBACK || x == NO_VALUE) {
                return x;
            }
            if (x instanceof Double) {
                return -(Double) x;
            }
            if (x instanceof Long) {
                return (Long) x == Long.MIN_VALUE ? FALLBACK : (Object) (-(Long) x);
            }
            return isScalar(x) ? NO_VALUE : FALLBACK;
        };
    }

    private static Object list(List<Node> elements, RecordActivation a) {
        List<Object> values = new ArrayList<>(elements.size());
        boolean noValue = false;
        for (Node element : elements) {
            Object v = element.eval(a);
            if (v == FALLBACK) {
                return FALLBACK;
            }
            noValue |= v == NO_VALUE;
            values.add(v);
        }
        return noValue ? NO_VALUE : values;
    }

    private static Object in(Object x, Object container) {
        if (container instanceof List) {
            Object found = Boolean.FALSE;
            for (Object element : (List<?>) container) {
                Object same = equal(x, element);
                if (same == FALLBACK) {
                    return FALLBACK;
                }
                if (same == Boolean.TRUE) {
                    found = Boolean.TRUE;
                }
            }
            return found;
        }
        if (container instanceof Map && x instanceof String) {
            return ((Map<?, ?>) container).containsKey(x);
        }
        return FALLBACK;
    }

    private static Object strings(Object x, Object y, StringTest test) {
        if (x instanceof String && y instanceof String) {
            return test.test((String) x, (String) y);
        }
        return isScalar(x) && isScalar(y) ? NO_VALUE : FALLBACK;
    }

    private static Object size(Object x) {
        if (x == NO_VALUE || x == FALLBACK) {
            return x;
        }
        if (x instanceof String) {
            String s = (String) x;
            return (long) s.codePointCount(0, s.length());
        }
        if (x instanceof List) {
            return (long) ((List<?>) x).size();
        }
        if (x instanceof Map) {
            return (long) ((Map<?, ?>) x).size();
        }
        return isScalar(x) ? NO_VALUE : FALLBACK;
    }

    private static Node select(Node operand, String field, boolean testOnly) {
        return a -> {
            Object x = operand.eval(a);
            if (x == FALLBACK || x == NO_VALUE) {
                return x;
            }
            if (x instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) x;
                if (testOnly) {
                    return map.containsKey(field);
                }
                return map.containsKey(field) ? map.get(field) : NO_VALUE;
            }
            return isScalar(x) || x instanceof List ? NO_VALUE : FALLBACK;
        };
    }
}
