package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.ActivationSlope;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Operator;
import org.junit.jupiter.api.Test;

class ActivationJetTest {

    private static final ScalarExpr Z = new ScalarExpr.Variable("z");

    private static ScalarExpr call(Function f, ScalarExpr... args) {
        return new Call(f, List.of(args));
    }

    private static ScalarExpr op(Operator o, ScalarExpr l, ScalarExpr r) {
        return new Binary(o, l, r);
    }

    private static ScalarExpr c(double v) {
        return new Constant(v);
    }

    private static final List<ScalarExpr> EXPRESSIONS = List.of(
            call(Function.TANH, Z),
            DntkPassTest.gelu().expression(),
            DntkPassTest.softplus().expression(),
            call(Function.SIGMOID, op(Operator.MULTIPLY, c(1.3), Z)),
            call(Function.SIN, Z),
            call(Function.COS, op(Operator.MULTIPLY, c(2), Z)),
            op(Operator.POWER, Z, c(3)),
            op(Operator.DIVIDE, Z, op(Operator.ADD, c(1), op(Operator.POWER, Z, c(2)))),
            call(Function.SQRT, op(Operator.ADD, c(1), op(Operator.MULTIPLY, Z, Z))),
            op(Operator.POWER, c(2), Z),
            call(Function.EXP, new ScalarExpr.Negate(op(Operator.MULTIPLY, Z, Z))),
            op(Operator.MULTIPLY, call(Function.ABS, Z), Z),
            op(Operator.SUBTRACT, call(Function.MAX, c(0), Z), op(Operator.POWER, Z, c(2.5))));

    /** The k-th derivative of the jet. */
    private static DoubleUnaryOperator derivative(ActivationJet jet, int k) {
        return z -> {
            double[] out = new double[3];
            jet.derivatives(z, out);
            return out[k];
        };
    }

    /**
     * sigma' equals {@link ActivationSlope}'s (an independent implementation of the chain rule), and sigma'' and
     * sigma''' equal central differences of the jet's sigma' and sigma'' with h = 1e-5 (error h^2 f''' / 6 plus
     * rounding eps / h, both below 1e-9 here; tolerance 1e-7 relative).
     */
    @Test
    void derivativesAgreeWithTheSlopeAndWithFiniteDifferences() {
        double h = 1e-5;
        for (ScalarExpr expr : EXPRESSIONS) {
            ActivationJet jet = ActivationJet.of(expr);
            DoubleUnaryOperator slope = ActivationSlope.of(expr);
            for (double z : new double[] {0.3, 0.7, 1.9, 2.6}) {
                double point = expr instanceof Binary b && b.operator() == Operator.SUBTRACT ? z : (z - 1.4) * 1.5;
                double d1 = derivative(jet, 0).applyAsDouble(point);
                assertEquals(slope.applyAsDouble(point), d1, 1e-13 * Math.max(1, Math.abs(d1)), expr + " at " + point);
                for (int k = 1; k < 3; k++) {
                    DoubleUnaryOperator lower = derivative(jet, k - 1);
                    double expected = (lower.applyAsDouble(point + h) - lower.applyAsDouble(point - h)) / (2 * h);
                    double actual = derivative(jet, k).applyAsDouble(point);
                    assertEquals(expected, actual, 1e-7 * Math.max(1, Math.abs(expected)),
                            "derivative " + (k + 1) + " of " + expr + " at " + point);
                }
            }
        }
    }
}
