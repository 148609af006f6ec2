package dev.telemetry.connect.transforms.condition;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction.Overload.Arithmetic;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * Compiles condition text with Google's Common Expression Language (CEL). CEL is sandboxed by design: an expression
 * can only read the variables it is given and call the functions declared here; it has no access to Java classes,
 * files, the network or the system, and every evaluation terminates. Its work is bounded too: comprehensions by
 * iterations, regular expressions by program size, and the values an expression builds by a compile-time estimate
 * ({@link ResultSizeEstimate}) and a per-record budget enforced by the functions that can outgrow their inputs
 * ({@link BoundedFunctions}, {@link EvaluationBudget}).
 *
 * <p>Every identifier in an expression is a top-level field of the record value, declared with CEL's dynamic type,
 * because the record schema is not known when the transform is configured. Nested fields are selected with dots
 * ({@code data.response_time}); map entries also with {@code map['key']}.
 *
 * <p>Numbers: every numeric record value (int8 to int64, float32, float64, decimal) reaches CEL as a double, so
 * {@code slow_queries / queries > 0.01} divides as a user expects rather than truncating. Integer literals mix with
 * them freely: comparisons are heterogeneous, and {@code + - * / %} are declared for double and int operands in either
 * order. Integers above 2^53 lose precision; use {@code int(x)} where an integer is needed ({@code int(seq) % 2 == 0}).
 */
public final class ConditionCompiler {

    /** CEL type names; an identifier with one of these names is the type, never a field. */
    private static final Set<String> TYPE_NAMES =
            Set.of("bool", "bytes", "double", "dyn", "int", "list", "map", "null_type", "string", "type", "uint");

    /** Bounds on work per evaluation, so one hostile expression cannot stall a task. */
    private static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

    private static final int MAX_REGEX_PROGRAM_SIZE = 5_000;
    private static final int MAX_EXPRESSION_LENGTH = 10_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
            .build();

    private static final Cel BASE = baseEnvironment();

    private ConditionCompiler() {}

    /** Parses, type-checks and plans {@code expression}; refuses it with the position of the first problem. */
    public static Condition compile(String expression) throws InvalidConditionException {
        if (expression == null || expression.isBlank()) {
            throw new InvalidConditionException(1, 1, "the condition is empty", "");
        }
        CelValidationResult parsed = BASE.parse(expression);
        if (parsed.hasError()) {
            throw invalid(parsed);
        }
        Set<String> fields = referencedFields(astOf(parsed));
        CelBuilder builder = BASE.toCelBuilder();
        for (String field : fields) {
            builder.addVar(field, SimpleType.DYN);
        }
        Cel cel = builder.build();
        CelValidationResult checked = cel.check(astOf(parsed));
        if (checked.hasError()) {
            throw invalid(checked);
        }
        CelAbstractSyntaxTree ast = astOf(checked);
        checkRegexLiterals(ast);
        ResultSizeEstimate.check(ast, fields, MAX_COMPREHENSION_ITERATIONS);
        CelKind resultKind = ast.getResultType().kind();
        if (resultKind != CelKind.BOOL && resultKind != CelKind.DYN) {
            throw new InvalidConditionException(
                    1,
                    1,
                    "a condition must be a boolean expression, but this one gives "
                            + ast.getResultType().name(),
                    "");
        }
        try {
            return new Condition(
                    expression,
                    cel.createProgram(ast),
                    RequiredFields.of(ast.getExpr(), fields),
                    DirectEvaluator.plan(ast.getExpr(), fields, MAX_REGEX_PROGRAM_SIZE));
        } catch (CelEvaluationException e) {
            throw new InvalidConditionException(1, 1, e.getMessage(), "");
        }
    }

    private static CelAbstractSyntaxTree astOf(CelValidationResult result) throws InvalidConditionException {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw invalid(result);
        }
    }

    private static Set<String> referencedFields(CelAbstractSyntaxTree parsed) {
        Set<String> names = new LinkedHashSet<>();
        CelNavigableAst.fromAst(parsed)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT)
                .map(e -> e.ident().name())
                .filter(name -> !TYPE_NAMES.contains(name))
                .forEach(names::add);
        // Comprehension variables are bound by the macro; declaring them as fields would be harmless but misleading.
        Set<String> bound = new HashSet<>();
        CelNavigableAst.fromAst(parsed)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)
                .forEach(e -> {
                    bound.add(e.comprehension().iterVar());
                    bound.add(e.comprehension().iterVar2());
                    bound.add(e.comprehension().accuVar());
                });
        names.removeAll(bound);
        return names;
    }

    /** CEL compiles regex patterns at evaluation; a constant pattern is checked here so a typo fails configure(). */
    private static void checkRegexLiterals(CelAbstractSyntaxTree ast) throws InvalidConditionException {
        List<CelExpr> patterns = CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
                        && e.call().function().equals("matches"))
                .map(e -> e.call().args().get(e.call().args().size() - 1))
                .filter(arg -> arg.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && arg.constant().getKind() == CelConstant.Kind.STRING_VALUE)
                .collect(Collectors.toList());
        for (CelExpr pattern : patterns) {
            try {
                Pattern.compile(pattern.constant().stringValue());
            } catch (PatternSyntaxException e) {
                throw InvalidConditionException.at(ast, pattern, "invalid regular expression: " + e.getDescription());
            }
        }
    }

    private static InvalidConditionException invalid(CelValidationResult result) {
        List<CelIssue> errors = result.getErrors();
        CelIssue first = errors.get(0);
        CelSourceLocation location = first.getSourceLocation();
        int line = Math.max(location.getLine(), 1);
        int column = Math.max(location.getColumn() + 1, 1);
        return new InvalidConditionException(line, column, first.getMessage(), result.getErrorString());
    }

    private static Cel baseEnvironment() {
        // The functions that can outgrow their inputs run on BoundedFunctions' budgeted bindings instead of the
        // library's: the checker keeps the library's declarations, the runtime leaves its bindings out.
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .filterFunctions((function, overload) ->
                                overload != Arithmetic.ADD_STRING && overload != Arithmetic.ADD_BYTES)
                        .build())
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional())
                .addRuntimeLibraries(
                        CelExtensions.strings(EnumSet.complementOf(
                                EnumSet.of(CelStringExtensions.Function.REPLACE, CelStringExtensions.Function.JOIN))),
                        CelExtensions.optional())
                .addFunctionBindings(BoundedFunctions.bindings());
        mixedArithmetic(builder, "_+_", "add", Double::sum);
        mixedArithmetic(builder, "_-_", "subtract", (a, b) -> a - b);
        mixedArithmetic(builder, "_*_", "multiply", (a, b) -> a * b);
        mixedArithmetic(builder, "_/_", "divide", (a, b) -> a / b);
        mixedArithmetic(builder, "_%_", "modulo", (a, b) -> a % b);
        builder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(
                "_%_",
                CelOverloadDecl.newGlobalOverload(
                        "modulo_double", SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.DOUBLE)));
        builder.addFunctionBindings(
                CelFunctionBinding.from("modulo_double", Double.class, Double.class, (a, b) -> a % b));
        return builder.build();
    }

    /** Declares {@code op} for (double, int) and (int, double), computed in double. */
    private static void mixedArithmetic(CelBuilder builder, String op, String name, BinaryOperator<Double> fn) {
        String doubleInt = name + "_double_int";
        String intDouble = name + "_int_double";
        builder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(
                op,
                CelOverloadDecl.newGlobalOverload(doubleInt, SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.INT),
                CelOverloadDecl.newGlobalOverload(intDouble, SimpleType.DOUBLE, SimpleType.INT, SimpleType.DOUBLE)));
        builder.addFunctionBindings(
                CelFunctionBinding.from(doubleInt, Double.class, Long.class, (a, b) -> fn.apply(a, b.doubleValue())),
                CelFunctionBinding.from(intDouble, Long.class, Double.class, (a, b) -> fn.apply(a.doubleValue(), b)));
    }
}
