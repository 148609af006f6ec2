package dev.telemetry.connect.transforms.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import java.util.Optional;

/**
 * A condition that does not parse or does not type-check. Carries the 1-based position of the first problem so the
 * caller can name it in a {@code ConfigException}.
 */
public final class InvalidConditionException extends Exception {

    private final int line;
    private final int column;
    private final String reason;

    InvalidConditionException(int line, int column, String reason, String details) {
        super("line " + line + ", column " + column + ": " + reason + (details.isEmpty() ? "" : "\n" + details));
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** A problem with one sub-expression of a parsed condition, at that sub-expression's position. */
    static InvalidConditionException at(CelAbstractSyntaxTree ast, CelExpr expr, String reason) {
        CelSource source = ast.getSource();
        CelSourceLocation location = Optional.ofNullable(
                        source.getPositionsMap().get(expr.id()))
                .flatMap(source::getOffsetLocation)
                .orElse(CelSourceLocation.of(1, 0));
        return new InvalidConditionException(Math.max(location.getLine(), 1), location.getColumn() + 1, reason, "");
    }

    /** 1-based line of the first problem. */
    public int line() {
        return line;
    }

    /** 1-based column of the first problem. */
    public int column() {
        return column;
    }

    /** The first problem, without position or source excerpt. */
    public String reason() {
        return reason;
    }
}
