package org.feynet.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * A real function of one variable, the pre-activation z, as written on the right-hand side of
 * {@code activation sigma(z) = ...}. Plain data with one syntactic query ({@link #hasKink}): symbolic
 * differentiation lives in {@code org.feynet.derive}, numerical evaluation in {@link ScalarFunction}.
 */
public sealed interface ScalarExpr {

    /** The variable z. */
    record Variable(String name) implements ScalarExpr {}

    /** A literal real number. */
    record Constant(double value) implements ScalarExpr {}

    /** -x. */
    record Negate(ScalarExpr operand) implements ScalarExpr {}

    /** left op right, with op one of + - * / ^. */
    record Binary(Operator operator, ScalarExpr left, ScalarExpr right) implements ScalarExpr {}

    /** A named function applied to arguments; max takes two, the others one. */
    record Call(Function function, List<ScalarExpr> arguments) implements ScalarExpr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    enum Operator { ADD, SUBTRACT, MULTIPLY, DIVIDE, POWER }

    /**
     * A text that determines {@code expr}: two expressions have the same identity exactly when they are equal
     * (records compared component by component). It is the prefix form {@code OP(left,right)}, {@code FN(args)},
     * {@code neg(x)}, {@code c(value)} with the shortest decimal that reads back as the same double, and
     * {@code v(length:name)}, whose length prefix keeps any name from being read as more syntax. Disk-cache keys use
     * it instead of the records' generated {@code toString}, whose first call in a JVM costs several milliseconds of
     * start-up (the JDK links it at run time, docs/BENCHMARKS.md).
     */
    static String identity(ScalarExpr expr) {
        StringBuilder out = new StringBuilder();
        appendIdentity(expr, out);
        return out.toString();
    }

    private static void appendIdentity(ScalarExpr expr, StringBuilder out) {
        if (expr instanceof Variable v) {
            out.append("v(").append(v.name().length()).append(':').append(v.name()).append(')');
        } else if (expr instanceof Constant c) {
            out.append("c(").append(Double.toString(c.value())).append(')');
        } else if (expr instanceof Negate n) {
            out.append("neg(");
            appendIdentity(n.operand(), out);
            out.append(')');
        } else if (expr instanceof Binary b) {
            out.append(b.operator().name()).append('(');
            appendIdentity(b.left(), out);
            out.append(',');
            appendIdentity(b.right(), out);
            out.append(')');
        } else {
            Call call = (Call) expr;
            out.append(call.function().name()).append('(');
            for (int i = 0; i < call.arguments().size(); i++) {
                out.append(i > 0 ? "," : "");
                appendIdentity(call.arguments().get(i), out);
            }
            out.append(')');
        }
    }

    /**
     * True when {@code expr} calls abs or max anywhere: a syntactic test for a kink, where sigma'' has a delta
     * function and Gaussian expectations need an exact engine rather than quadrature of derivatives.
     */
    static boolean hasKink(ScalarExpr expr) {
        if (expr instanceof Call c) {
            return c.function() == Function.ABS || c.function() == Function.MAX
                    || c.arguments().stream().anyMatch(ScalarExpr::hasKink);
        }
        if (expr instanceof Binary b) {
            return hasKink(b.left()) || hasKink(b.right());
        }
        if (expr instanceof Negate n) {
            return hasKink(n.operand());
        }
        return false;
    }

    /**
     * True when {@code expr} contains the variable anywhere (a constant subexpression, such as the exponent 2 of
     * z^2, is differentiated as a constant).
     */
    static boolean dependsOnVariable(ScalarExpr expr) {
        if (expr instanceof Variable) {
            return true;
        }
        if (expr instanceof Negate n) {
            return dependsOnVariable(n.operand());
        }
        if (expr instanceof Binary b) {
            return dependsOnVariable(b.left()) || dependsOnVariable(b.right());
        }
        if (expr instanceof Call c) {
            return c.arguments().stream().anyMatch(ScalarExpr::dependsOnVariable);
        }
        return false;
    }

    /**
     * The degree of {@code expr} as a polynomial in the variable, when it is one: sums, products, quotients by
     * constants and non-negative integer powers of polynomials, with constant subexpressions of degree 0; empty for
     * anything else (a function of the variable, a division by it, a power with another exponent) and for degrees
     * above {@value #MAX_POLYNOMIAL_DEGREE}, which are treated as any other smooth function.
     */
    static OptionalInt polynomialDegree(ScalarExpr expr) {
        if (!dependsOnVariable(expr)) {
            return OptionalInt.of(0);
        }
        if (expr instanceof Variable) {
            return OptionalInt.of(1);
        }
        if (expr instanceof Negate n) {
            return polynomialDegree(n.operand());
        }
        if (expr instanceof Binary b) {
            OptionalInt left = polynomialDegree(b.left());
            OptionalInt right = polynomialDegree(b.right());
            if (left.isEmpty() || right.isEmpty()) {
                return OptionalInt.empty();
            }
            return switch (b.operator()) {
                case ADD, SUBTRACT -> OptionalInt.of(Math.max(left.getAsInt(), right.getAsInt()));
                case MULTIPLY -> bounded((long) left.getAsInt() + right.getAsInt());
                case DIVIDE -> right.getAsInt() == 0 ? left : OptionalInt.empty();
                case POWER -> b.right() instanceof Constant c && c.value() >= 0 && c.value() <= MAX_POLYNOMIAL_DEGREE
                        && c.value() == Math.rint(c.value())
                        ? bounded((long) left.getAsInt() * (long) c.value()) : OptionalInt.empty();
            };
        }
        return OptionalInt.empty();
    }

    /**
     * The largest degree {@link #polynomialDegree} reports: the fixed exact rule for degree D has about 8 D nodes per
     * dimension (a nested power such as ((z^64)^64)^64 would ask for millions), and such powers overflow doubles long
     * before (z^32 at variance 100 is 10^32).
     */
    int MAX_POLYNOMIAL_DEGREE = 32;

    /** A degree, or empty beyond {@link #MAX_POLYNOMIAL_DEGREE}. */
    private static OptionalInt bounded(long degree) {
        return degree <= MAX_POLYNOMIAL_DEGREE ? OptionalInt.of((int) degree) : OptionalInt.empty();
    }

    /** The elementary functions a model file may use; {@code arity} arguments each. */
    enum Function {
        EXP(1), LOG(1), TANH(1), ERF(1), SIN(1), COS(1), SQRT(1), ABS(1), SIGMOID(1), MAX(2);

        private final int arity;

        Function(int arity) {
            this.arity = arity;
        }

        public int arity() {
            return arity;
        }

        /** The lower-case name used in model files. */
        public String sourceName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
