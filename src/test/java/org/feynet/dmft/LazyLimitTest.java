package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.TrainingProblem;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lazy limit gamma0 -> 0 of the deep-linear DMFT is kernel regression with the infinite-width NTK. For a linear
 * network of depth L every kernel stays the input gram, Phi^l = Phi^0 and G^l = 1, so K = (L + 1) Phi^0 and
 * f(t) = (I - exp(-K t / P)) y, computed here by an independent eigendecomposition.
 */
class LazyLimitTest {

    @ParameterizedTest(name = "L = {0}")
    @ValueSource(ints = {1, 2, 3})
    void deepLinearLazyLimitIsKernelRegressionWithTheInputGram(int depth) {
        TrainingProblem problem = Problems.of(depth, "z", 1e-3, 6);
        DmftResult result = Dynamics.solve(problem, new Dynamics.Options(40, false, 0, 1, 1, 0.6, 1e-10, 300, true,
                false, false, true));
        double[][] gram = problem.network().inputGram();
        int p = gram.length;
        RealMatrix k = new Array2DRowRealMatrix(gram).scalarMultiply(depth + 1);
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(k);
        double[] y = problem.targets();
        assertTrue(result.converged());
        // the trapezoid rule's error, estimated from N/2 steps, bounds the time discretisation; gamma0^2 = 1e-6
        double tolerance = 3 * result.timeError() + 1e-5;
        assertTrue(result.timeError() < 5e-3, "time error " + result.timeError());
        for (int i = 0; i < result.times().length; i++) {
            double t = result.times()[i];
            RealMatrix decay = eigen.getV().multiply(diagonal(eigen.getEigenvalues(), t / p))
                    .multiply(eigen.getV().transpose());
            for (int mu = 0; mu < p; mu++) {
                double expected = y[mu];
                for (int nu = 0; nu < p; nu++) {
                    expected -= decay.getEntry(mu, nu) * y[nu];
                    assertEquals(k.getEntry(mu, nu), result.full().ntk()[i][mu][nu], 1e-5);
                    assertEquals(k.getEntry(mu, nu), result.approximations().get("static_ntk").ntk()[i][mu][nu], 1e-12);
                }
                assertEquals(expected, result.full().f()[i][mu], tolerance, "f at t = " + t);
                assertEquals(expected, result.approximations().get("static_ntk").f()[i][mu], 1e-12);
            }
        }
    }

    private static RealMatrix diagonal(double[] eigenvalues, double scale) {
        double[][] d = new double[eigenvalues.length][eigenvalues.length];
        for (int e = 0; e < eigenvalues.length; e++) {
            d[e][e] = Math.exp(-eigenvalues[e] * scale);
        }
        return new Array2DRowRealMatrix(d);
    }
}
