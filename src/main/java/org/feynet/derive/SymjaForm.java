package org.feynet.derive;

import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Negate;

/** Writes a model expression in Mathematica syntax for Symja, with the variable renamed to z. */
final class SymjaForm {

    private SymjaForm() {}

    static String of(ScalarExpr expr) {
        if (expr instanceof ScalarExpr.Variable) {
            return "z";
        }
        if (expr instanceof Constant c) {
            return number(c.value());
        }
        if (expr instanceof Negate n) {
            return "(-(" + of(n.operand()) + "))";
        }
        if (expr instanceof Binary b) {
            String op = switch (b.operator()) {
                case ADD -> "+";
                case SUBTRACT -> "-";
                case MULTIPLY -> "*";
                case DIVIDE -> "/";
                case POWER -> "^";
            };
            return "(" + of(b.left()) + ")" + op + "(" + of(b.right()) + ")";
        }
        Call c = (Call) expr;
        String arg = of(c.arguments().get(0));
        return switch (c.function()) {
            case EXP -> "Exp[" + arg + "]";
            case LOG -> "Log[" + arg + "]";
            case TANH -> "Tanh[" + arg + "]";
            case ERF -> "Erf[" + arg + "]";
            case SIN -> "Sin[" + arg + "]";
            case COS -> "Cos[" + arg + "]";
            case SQRT -> "Sqrt[" + arg + "]";
            case ABS -> "Abs[" + arg + "]";
            case SIGMOID -> "(1/(1+Exp[-(" + arg + ")]))";
            case MAX -> "Max[" + arg + "," + of(c.arguments().get(1)) + "]";
        };
    }

    /** An exact rational for decimals such as 0.5, so that Symja keeps arithmetic exact. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(value));
        java.math.BigInteger unscaled = d.unscaledValue();
        java.math.BigInteger scale = java.math.BigInteger.TEN.pow(Math.max(d.scale(), 0));
        return "(" + unscaled + "/" + scale + ")";
    }
}
