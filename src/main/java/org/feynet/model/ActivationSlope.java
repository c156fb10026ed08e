package org.feynet.model;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Negate;
import org.feynet.model.ScalarExpr.Variable;

/**
 * sigma'(z), the first derivative of an activation, in double precision: forward-mode differentiation of its
 * expression tree, the chain rule applied node by node with every node's value taken from
 * {@link ScalarFunction}. Exact up to rounding wherever the expression is differentiable, and cheap enough for the
 * n P evaluations per layer of the NTK sampler (the symbolic derivatives of org.feynet.derive would need Symja and
 * a compiler).
 *
 * <p>Rules: (u v)' = u' v + u v', (u / v)' = (u' v - u v') / v^2, (u^c)' = c u^(c-1) u' for an exponent free
 * of z (0 for c = 0), (u^v)' = u^v (v' log u + v u' / u) otherwise; exp' = exp, log'(u) = 1/u, tanh'(u) = 1/cosh^2(u),
 * erf'(u) = (2/sqrt(pi)) exp(-u^2), sin' = cos, cos' = -sin, sqrt'(u) = 1/(2 sqrt(u)),
 * sigmoid'(u) = e / (1 + e)^2 with e = exp(-|u|) (no cancellation in the tails). At kinks, which Gaussian
 * preactivations hit with probability zero: abs'(0) = 0, and max(u, v)' = u' where u &gt;= v, v' elsewhere, so
 * relu'(0) = 0 for max(0, z).
 */
public final class ActivationSlope {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private ActivationSlope() {}

    /** z -> d expr / dz at z. */
    public static DoubleUnaryOperator of(ScalarExpr expr) {
        if (expr instanceof Variable) {
            return z -> 1;
        }
        if (expr instanceof Constant) {
            return z -> 0;
        }
        if (expr instanceof Negate n) {
            DoubleUnaryOperator d = of(n.operand());
            return z -> -d.applyAsDouble(z);
        }
        if (expr instanceof Binary b) {
            return binary(b);
        }
        return call((Call) expr);
    }

    private static DoubleUnaryOperator binary(Binary b) {
        DoubleUnaryOperator u = ScalarFunction.of(b.left());
        DoubleUnaryOperator v = ScalarFunction.of(b.right());
        DoubleUnaryOperator du = of(b.left());
        DoubleUnaryOperator dv = of(b.right());
        return switch (b.operator()) {
            case ADD -> z -> du.applyAsDouble(z) + dv.applyAsDouble(z);
            case SUBTRACT -> z -> du.applyAsDouble(z) - dv.applyAsDouble(z);
            case MULTIPLY -> z -> du.applyAsDouble(z) * v.applyAsDouble(z) + u.applyAsDouble(z) * dv.applyAsDouble(z);
            case DIVIDE -> z -> {
                double w = v.applyAsDouble(z);
                return (du.applyAsDouble(z) * w - u.applyAsDouble(z) * dv.applyAsDouble(z)) / (w * w);
            };
            case POWER -> power(b, u, v, du, dv);
        };
    }

    private static DoubleUnaryOperator power(Binary b, DoubleUnaryOperator u, DoubleUnaryOperator v,
                                             DoubleUnaryOperator du, DoubleUnaryOperator dv) {
        if (!ScalarExpr.dependsOnVariable(b.right())) {
            return z -> {
                double c = v.applyAsDouble(z);
                return c == 0 ? 0 : c * Math.pow(u.applyAsDouble(z), c - 1) * du.applyAsDouble(z);
            };
        }
        DoubleUnaryOperator value = ScalarFunction.of(b);
        return z -> {
            double base = u.applyAsDouble(z);
            return value.applyAsDouble(z) * (dv.applyAsDouble(z) * Math.log(base)
                    + v.applyAsDouble(z) * du.applyAsDouble(z) / base);
        };
    }

    private static DoubleUnaryOperator call(Call c) {
        DoubleUnaryOperator u = ScalarFunction.of(c.arguments().get(0));
        DoubleUnaryOperator du = of(c.arguments().get(0));
        if (c.function() == ScalarExpr.Function.MAX) {
            return max(c, u, du);
        }
        DoubleUnaryOperator outer = switch (c.function()) {
            case EXP -> Math::exp;
            case LOG -> x -> 1 / x;
            case TANH -> ActivationSlope::tanhSlope;
            case ERF -> x -> TWO_OVER_SQRT_PI * Math.exp(-x * x);
            case SIN -> Math::cos;
            case COS -> x -> -Math.sin(x);
            case SQRT -> x -> 0.5 / Math.sqrt(x);
            case ABS -> Math::signum;
            case SIGMOID -> ActivationSlope::sigmoidSlope;
            case MAX -> throw new IllegalStateException("max is differentiated by its own rule");
        };
        return z -> outer.applyAsDouble(u.applyAsDouble(z)) * du.applyAsDouble(z);
    }

    private static double tanhSlope(double x) {
        double cosh = Math.cosh(x);
        return 1 / (cosh * cosh);
    }

    private static double sigmoidSlope(double x) {
        double e = Math.exp(-Math.abs(x));
        return e / ((1 + e) * (1 + e));
    }

    private static DoubleUnaryOperator max(Call c, DoubleUnaryOperator u, DoubleUnaryOperator du) {
        DoubleUnaryOperator v = ScalarFunction.of(c.arguments().get(1));
        DoubleUnaryOperator dv = of(c.arguments().get(1));
        return z -> u.applyAsDouble(z) >= v.applyAsDouble(z) ? du.applyAsDouble(z) : dv.applyAsDouble(z);
    }
}
