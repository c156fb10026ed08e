package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Negate;
import org.feynet.model.ScalarExpr.Operator;
import org.feynet.model.ScalarExpr.Variable;
import org.junit.jupiter.api.Test;

class ActivationSlopeTest {

    private static final ScalarExpr Z = new Variable("z");
    private static final double[] POINTS = {-2.3, -0.7, 0.4, 1.1, 2.9};

    private static ScalarExpr call(Function f, ScalarExpr... args) {
        return new Call(f, List.of(args));
    }

    private static ScalarExpr op(Operator o, ScalarExpr l, ScalarExpr r) {
        return new Binary(o, l, r);
    }

    private static ScalarExpr c(double v) {
        return new Constant(v);
    }

    /** Central difference with Richardson extrapolation: error O(h^4), about 1e-10 here. */
    private static double numericalSlope(DoubleUnaryOperator f, double z) {
        double h = 1e-3;
        double d1 = (f.applyAsDouble(z + h) - f.applyAsDouble(z - h)) / (2 * h);
        double d2 = (f.applyAsDouble(z + h / 2) - f.applyAsDouble(z - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }

    private static void assertSlopeMatchesDifferences(ScalarExpr expr, double[] points) {
        DoubleUnaryOperator f = ScalarFunction.of(expr);
        DoubleUnaryOperator slope = ActivationSlope.of(expr);
        for (double z : points) {
            double expected = numericalSlope(f, z);
            assertEquals(expected, slope.applyAsDouble(z), 1e-8 * Math.max(1, Math.abs(expected)), expr + " at " + z);
        }
    }

    @Test
    void everyElementaryFunctionDifferentiatesLikeItsDifferenceQuotient() {
        for (Function f : Function.values()) {
            ScalarExpr expr = f == Function.MAX
                    ? call(f, op(Operator.MULTIPLY, c(0.5), Z), op(Operator.SUBTRACT, c(1), Z))
                    : call(f, op(Operator.ADD, op(Operator.MULTIPLY, c(0.3), Z), c(3.5)));
            assertSlopeMatchesDifferences(expr, POINTS);
        }
    }

    @Test
    void compositeActivationsDifferentiateByTheChainRule() {
        ScalarExpr gelu = op(Operator.MULTIPLY, op(Operator.MULTIPLY, c(0.5), Z),
                op(Operator.ADD, c(1), call(Function.ERF, op(Operator.DIVIDE, Z, call(Function.SQRT, c(2))))));
        ScalarExpr swish = op(Operator.MULTIPLY, Z, call(Function.SIGMOID, Z));
        ScalarExpr ratio = op(Operator.DIVIDE, call(Function.SIN, Z), op(Operator.ADD, c(2), call(Function.COS, Z)));
        ScalarExpr cube = new Negate(op(Operator.POWER, Z, c(3)));
        ScalarExpr halfPower = op(Operator.POWER, op(Operator.ADD, op(Operator.MULTIPLY, Z, Z), c(1)), c(0.75));
        ScalarExpr variableExponent = op(Operator.POWER, op(Operator.ADD, op(Operator.MULTIPLY, Z, Z), c(1)),
                call(Function.TANH, Z));
        for (ScalarExpr expr : List.of(gelu, swish, ratio, cube, halfPower, variableExponent)) {
            assertSlopeMatchesDifferences(expr, POINTS);
        }
    }

    @Test
    void kinksTakeTheLeftArgumentsSlopeAndTailsStayAccurate() {
        DoubleUnaryOperator relu = ActivationSlope.of(call(Function.MAX, c(0), Z));
        assertEquals(0, relu.applyAsDouble(0));
        assertEquals(0, relu.applyAsDouble(-1e-300));
        assertEquals(1, relu.applyAsDouble(1e-300));
        assertEquals(0, ActivationSlope.of(call(Function.ABS, Z)).applyAsDouble(0));
        assertEquals(Math.exp(-40), ActivationSlope.of(call(Function.SIGMOID, Z)).applyAsDouble(40), 1e-30);
        assertEquals(4 * Math.exp(-60), ActivationSlope.of(call(Function.TANH, Z)).applyAsDouble(30), 1e-38);
        assertEquals(0, ActivationSlope.of(op(Operator.POWER, Z, c(0))).applyAsDouble(0));
    }
}
