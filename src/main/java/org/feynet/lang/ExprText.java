package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;

/** Writes an expression back as source text, for messages: {@code W[l+1] . sigma(z[l])}, {@code 1/n^2}. */
final class ExprText {

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    private ExprText() {}

    static String of(Expr expr) {
        if (expr instanceof Expr.Number n) {
            return n.text();
        }
        if (expr instanceof Expr.Symbol s) {
            return s.name();
        }
        if (expr instanceof Expr.Negate n) {
            return "-" + wrap(n.operand(), UNARY);
        }
        if (expr instanceof Expr.Binary b) {
            int level = level(b.operator());
            boolean rightAssociative = b.operator() == Expr.Operator.POWER;
            String left = wrap(b.left(), rightAssociative ? level + 1 : level);
            String right = wrap(b.right(), rightAssociative ? level - 1 : level + 1);
            String symbol = b.operator().symbol();
            boolean spaced = level == SUM || b.operator() == Expr.Operator.CONTRACT;
            return left + (spaced ? " " + symbol + " " : symbol) + right;
        }
        if (expr instanceof Expr.Call c) {
            return c.function().text() + "(" + list(c.arguments()) + ")";
        }
        if (expr instanceof Expr.Index i) {
            return i.name().text() + "[" + of(i.index()) + "]";
        }
        return "[" + list(((Expr.ListLiteral) expr).elements()) + "]";
    }

    /** A number as a person would write it: 2 rather than 2.0. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String wrap(Expr expr, int least) {
        String text = of(expr);
        return precedence(expr) < least ? "(" + text + ")" : text;
    }

    private static int precedence(Expr expr) {
        if (expr instanceof Expr.Binary b) {
            return level(b.operator());
        }
        if (expr instanceof Expr.Negate) {
            return UNARY;
        }
        return ATOM;
    }

    private static int level(Expr.Operator operator) {
        switch (operator) {
            case ADD:
            case SUBTRACT:
                return SUM;
            case POWER:
                return POWER;
            default:
                return PRODUCT;
        }
    }

    private static String list(List<Expr> exprs) {
        List<String> parts = new ArrayList<>();
        for (Expr e : exprs) {
            parts.add(of(e));
        }
        return String.join(", ", parts);
    }
}
