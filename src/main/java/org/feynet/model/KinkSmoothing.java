package org.feynet.model;

import java.util.List;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Negate;
import org.feynet.model.ScalarExpr.Operator;

/**
 * The smooth family sigma_beta of a kinked activation, sigma_beta -> sigma uniformly as beta -> infinity: every kink
 * of the expression ({@link ScalarExpr#hasKink}: a call of max or abs) is replaced by the softplus of inverse width
 * beta, decided from the expression alone (relu, leaky relu max(a z, z), abs, shifted relu, sums of them):
 * <pre>
 *   max(a, b) -> b + s_beta(a - b),   abs(a) = max(a, -a) -> -a + s_beta(2 a),
 *   s_beta(x) = log(1 + e^{beta x}) / beta = max(0, x) + log(1 + e^{-beta |x|}) / beta,
 * </pre>
 * the second form of s_beta free of overflow. 0 &lt;= s_beta(x) - max(0, x) &lt;= log(2) / beta, s_beta' = sigmoid(beta x)
 * is smooth, and s_beta'' = beta sigmoid'(beta x) is a peak of width 1/beta and unit mass: the kink's delta function.
 * The rewritten expression still calls max and abs (inside s_beta, where they are harmless: its value and slope are
 * continuous, {@link ActivationSlope} differentiates it exactly away from x = 0, and x = 0 itself has probability
 * zero), so it is evaluated by {@link ScalarFunction} and {@link ActivationSlope} as any expression; it is not meant
 * for {@link ScalarExpr#hasKink}.
 */
public final class KinkSmoothing {

    private KinkSmoothing() {}

    /** {@code expr} with every max and abs replaced by its softplus smoothing of inverse width {@code beta} (> 0). */
    public static ScalarExpr smoothed(ScalarExpr expr, double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("the smoothing's beta must be positive (got " + beta + ")");
        }
        return rewrite(expr, beta);
    }

    private static ScalarExpr rewrite(ScalarExpr expr, double beta) {
        if (expr instanceof Negate n) {
            return new Negate(rewrite(n.operand(), beta));
        }
        if (expr instanceof Binary b) {
            return new Binary(b.operator(), rewrite(b.left(), beta), rewrite(b.right(), beta));
        }
        if (expr instanceof Call c) {
            List<ScalarExpr> arguments = c.arguments().stream().map(a -> rewrite(a, beta)).toList();
            if (c.function() == Function.MAX) {
                ScalarExpr a = arguments.get(0);
                ScalarExpr b = arguments.get(1);
                return new Binary(Operator.ADD, b, softplus(new Binary(Operator.SUBTRACT, a, b), beta));
            }
            if (c.function() == Function.ABS) {
                ScalarExpr a = arguments.get(0);
                return new Binary(Operator.ADD, new Negate(a),
                        softplus(new Binary(Operator.MULTIPLY, new Constant(2), a), beta));
            }
            return new Call(c.function(), arguments);
        }
        return expr;
    }

    /** s_beta(x) = max(0, x) + log(1 + exp(-beta |x|)) / beta. */
    static ScalarExpr softplus(ScalarExpr x, double beta) {
        ScalarExpr tail = new Call(Function.LOG, List.of(new Binary(Operator.ADD, new Constant(1),
                new Call(Function.EXP, List.of(new Binary(Operator.MULTIPLY, new Constant(-beta),
                        new Call(Function.ABS, List.of(x))))))));
        return new Binary(Operator.ADD, new Call(Function.MAX, List.of(new Constant(0), x)),
                new Binary(Operator.DIVIDE, tail, new Constant(beta)));
    }
}
