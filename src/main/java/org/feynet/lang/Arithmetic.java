package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.ScalarExpr;

/**
 * Translates arithmetic (numbers, names, + - * / ^, unary minus and calls of {@link Functions}) into a
 * {@link ScalarExpr}. The caller says what each bare name means; function names, arities and the
 * max(0, x) form are checked here. Indexing, lists and the contraction '.' are not arithmetic.
 */
final class Arithmetic {

    /** What a bare name stands for here; throws a {@link SourceError} when it stands for nothing. */
    interface Names {
        ScalarExpr resolve(Expr.Symbol symbol);
    }

    private final Names names;
    private final String expected;

    private Arithmetic(Names names, String expected) {
        this.names = names;
        this.expected = expected;
    }

    /** {@code expr} as a ScalarExpr; {@code expected} ("a number") completes error messages. */
    static ScalarExpr translate(Expr expr, Names names, String expected) {
        return new Arithmetic(names, expected).translate(expr);
    }

    private ScalarExpr translate(Expr expr) {
        if (expr instanceof Expr.Number n) {
            return new ScalarExpr.Constant(n.value());
        }
        if (expr instanceof Expr.Symbol s) {
            return names.resolve(s);
        }
        if (expr instanceof Expr.Negate n) {
            return new ScalarExpr.Negate(translate(n.operand()));
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b);
        }
        if (expr instanceof Expr.Call c) {
            return call(c);
        }
        if (expr instanceof Expr.Index i) {
            throw new SourceError(i.position(), "unexpected indexed name '" + ExprText.of(i) + "', expected " + expected);
        }
        throw new SourceError(expr.position(), "unexpected list '" + ExprText.of(expr) + "', expected " + expected);
    }

    private ScalarExpr binary(Expr.Binary b) {
        ScalarExpr.Operator operator;
        switch (b.operator()) {
            case ADD:
                operator = ScalarExpr.Operator.ADD;
                break;
            case SUBTRACT:
                operator = ScalarExpr.Operator.SUBTRACT;
                break;
            case MULTIPLY:
                operator = ScalarExpr.Operator.MULTIPLY;
                break;
            case DIVIDE:
                operator = ScalarExpr.Operator.DIVIDE;
                break;
            case POWER:
                operator = ScalarExpr.Operator.POWER;
                break;
            default:
                throw new SourceError(b.position(), "unexpected contraction '.' in '" + ExprText.of(b)
                        + "', expected " + expected, "'.' contracts weights with a layer in layer equations; '*' multiplies");
        }
        return new ScalarExpr.Binary(operator, translate(b.left()), translate(b.right()));
    }

    private ScalarExpr call(Expr.Call c) {
        String name = c.function().text();
        if (!Functions.isKnown(name)) {
            throw new SourceError(c.function().position(),
                    "unknown function '" + name + "', expected one of " + Functions.allowed());
        }
        int arity = Functions.arity(name);
        if (c.arguments().size() != arity) {
            throw new SourceError(c.function().position(), name + " takes " + arity
                    + (arity == 1 ? " argument" : " arguments") + ", found " + c.arguments().size());
        }
        boolean zeroFirst = isZero(c.arguments().get(0));
        if (name.equals("max") && !zeroFirst && !isZero(c.arguments().get(1))) {
            throw new SourceError(c.function().position(),
                    "max needs the number 0 as one argument, expected max(0, x)");
        }
        List<ScalarExpr> arguments = new ArrayList<>();
        for (Expr argument : c.arguments()) {
            arguments.add(translate(argument));
        }
        return Functions.apply(name, arguments, zeroFirst);
    }

    private static boolean isZero(Expr expr) {
        return expr instanceof Expr.Number n && n.value() == 0;
    }
}
