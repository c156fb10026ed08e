package org.feynet.codegen;

import org.matheclipse.core.interfaces.IExpr;

/**
 * Prints a Symja expression in the variable z as a Java double expression. Integer powers become products
 * through {@code ipow}, E^x becomes Math.exp(x), Sech becomes 1/Math.cosh, Erf calls Hipparchus.
 */
final class JavaExpression {

    private JavaExpression() {}

    static String of(IExpr e) {
        if (e.isNumber()) {
            if (!e.isRational()) {
                return literal(e.evalDouble());
            }
            String[] parts = e.toString().split("/");
            return parts.length == 1 ? literal(Double.parseDouble(parts[0]))
                    : "(" + literal(Double.parseDouble(parts[0])) + "/" + literal(Double.parseDouble(parts[1])) + ")";
        }
        if (e.isSymbol()) {
            return symbol(e.toString());
        }
        String head = e.head().toString();
        switch (head) {
            case "Plus":
                return join(e, " + ");
            case "Times":
                return join(e, " * ");
            case "Power":
                return power(e.getAt(1), e.getAt(2));
            default:
                return function(head, e);
        }
    }

    private static String symbol(String name) {
        switch (name) {
            case "z":
                return "z";
            case "Pi":
                return "Math.PI";
            case "E":
                return "Math.E";
            default:
                throw new IllegalArgumentException("unexpected symbol " + name + " in an activation derivative");
        }
    }

    private static String join(IExpr e, String op) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 1; i <= e.argSize(); i++) {
            s.append(i > 1 ? op : "").append(of(e.getAt(i)));
        }
        return s.append(')').toString();
    }

    private static String power(IExpr base, IExpr exponent) {
        if (base.isSymbol() && base.toString().equals("E")) {
            return "Math.exp(" + of(exponent) + ")";
        }
        if (exponent.isInteger()) {
            return "ipow(" + of(base) + ", " + exponent.toIntDefault() + ")";
        }
        if (exponent.toString().equals("1/2")) {
            return "Math.sqrt(" + of(base) + ")";
        }
        if (exponent.toString().equals("-1/2")) {
            return "(1.0 / Math.sqrt(" + of(base) + "))";
        }
        return "Math.pow(" + of(base) + ", " + of(exponent) + ")";
    }

    private static String function(String head, IExpr e) {
        String arg = of(e.getAt(1));
        if (head.equals("Max") || head.equals("Min")) {
            StringBuilder s = new StringBuilder(arg);
            for (int i = 2; i <= e.argSize(); i++) {
                s.insert(0, "Math." + head.toLowerCase(java.util.Locale.ROOT) + "(").append(", ")
                        .append(of(e.getAt(i))).append(')');
            }
            return s.toString();
        }
        switch (head) {
            case "Tanh":
                return "Math.tanh(" + arg + ")";
            case "Sech":
                return "(1.0 / Math.cosh(" + arg + "))";
            case "Cosh":
                return "Math.cosh(" + arg + ")";
            case "Sinh":
                return "Math.sinh(" + arg + ")";
            case "Sin":
                return "Math.sin(" + arg + ")";
            case "Cos":
                return "Math.cos(" + arg + ")";
            case "Exp":
                return "Math.exp(" + arg + ")";
            case "Log":
                return "Math.log(" + arg + ")";
            case "Sqrt":
                return "Math.sqrt(" + arg + ")";
            case "Abs":
                return "Math.abs(" + arg + ")";
            case "Erf":
                return "org.hipparchus.special.Erf.erf(" + arg + ")";
            case "Erfc":
                return "org.hipparchus.special.Erf.erfc(" + arg + ")";
            case "Sec":
                return "(1.0 / Math.cos(" + arg + "))";
            case "Csch":
                return "(1.0 / Math.sinh(" + arg + "))";
            case "Coth":
                return "(1.0 / Math.tanh(" + arg + "))";
            case "Tan":
                return "Math.tan(" + arg + ")";
            default:
                throw new IllegalArgumentException("no Java form for " + head + " in " + e);
        }
    }

    private static String literal(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }
}
