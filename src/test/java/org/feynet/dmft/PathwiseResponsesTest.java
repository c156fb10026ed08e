package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The pathwise responses against two independent references: (1) for sigma(h) = h every neuron's derivative is the
 * same deterministic operator, so the population average must equal the deep-linear closed form
 * A = (I - M N)^{-1} M, B = N (I - M N)^{-1} of {@link LinearLayer} to rounding, whatever the noise; (2) for tanh,
 * one neuron's derivatives dg/du and d tanh(h)/dr must equal central finite differences of its integrated trajectory
 * (this checks the sigma'' z term, absent in the linear case). Inputs: random kernels (one of rank 2 like the repeated
 * input gram, one of full rank), random causal responses and residuals at gamma0 = 0.9, as in {@link LinearLayerTest}.
 */
class PathwiseResponsesTest {

    private final TimeGrid grid = new TimeGrid(3, 12, 3);
    private final int d = grid.dimension();

    @Test
    void linearNeuronsGiveTheDeepLinearResponsesExactly() {
        LayerInputs in = inputs(new SplittableRandom(3));
        LayerKernels exact = new LinearLayer(grid).solve(2, in);
        SampledLayer sampled = new SampledLayer(grid, z -> z, z -> 1, 3, 2 * d + 10, 5, Dynamics.Options.RIDGE,
                ResponseEstimator.PATHWISE);
        LayerKernels pathwise = sampled.solve(2, in);
        assertClose(exact.responseToR(), pathwise.responseToR(), 1e-10);
        assertClose(exact.responseToU(), pathwise.responseToU(), 1e-10);
        // whitened noise: the linear layer's kernels are exact too
        assertClose(exact.phi(), pathwise.phi(), 1e-9);
        assertClose(exact.g(), pathwise.g(), 1e-9);
    }

    @Test
    void tanhNeuronDerivativesAgreeWithFiniteDifferencesOfItsTrajectory() {
        SplittableRandom random = new SplittableRandom(7);
        LayerInputs in = inputs(random);
        DoubleUnaryOperator slope = z -> 1 / (Math.cosh(z) * Math.cosh(z));
        SampledLayer layer = new SampledLayer(grid, Math::tanh, slope, 3, 2 * d, 1, 0, ResponseEstimator.PATHWISE);
        double[][] m = in.operatorOnG(grid);
        double[][] n = in.operatorOnSigma(grid);
        double[] u = new double[d];
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = random.nextGaussian();
            r[i] = random.nextGaussian();
        }
        double[][] path = layer.trajectory(u, r, m, n);
        PathwiseResponses pathwise = new PathwiseResponses(grid, slope, SampledLayer.CURVATURE_STEP, false);
        double[][] dgdu = pathwise.average(new double[][] {path[0]}, new double[][] {path[1]}, m, n, true);
        double[][] dsdr = pathwise.average(new double[][] {path[0]}, new double[][] {path[1]}, m, n, false);
        double eps = 1e-5;
        double largest = 0;
        for (int j = 0; j < d; j++) {
            double[][] uPlus = layer.trajectory(shifted(u, j, eps), r, m, n);
            double[][] uMinus = layer.trajectory(shifted(u, j, -eps), r, m, n);
            double[][] rPlus = layer.trajectory(u, shifted(r, j, eps), m, n);
            double[][] rMinus = layer.trajectory(u, shifted(r, j, -eps), m, n);
            for (int i = 0; i < d; i++) {
                double g = (uPlus[3][i] - uMinus[3][i]) / (2 * eps);
                double s = (rPlus[2][i] - rMinus[2][i]) / (2 * eps);
                largest = Math.max(largest, Math.abs(g));
                // the finite difference has error eps^2 |third derivative| ~ 1e-10 and rounding ~ 1e-16 / eps
                assertEquals(g, dgdu[i][j], 1e-7, "dg/du at " + i + ", " + j);
                assertEquals(s, dsdr[i][j], 1e-7, "d sigma/dr at " + i + ", " + j);
            }
        }
        // the derivatives are O(1), so the tolerance is a real test
        assertEquals(1, Math.signum(largest - 0.5));
    }

    private LayerInputs inputs(SplittableRandom random) {
        return RandomLayerInputs.draw(grid, random);
    }

    private static double[] shifted(double[] x, int j, double by) {
        double[] y = x.clone();
        y[j] += by;
        return y;
    }

    private static void assertClose(double[][] expected, double[][] actual, double tolerance) {
        double scale = Math.max(1, Dense.maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance * scale, "entry " + i + ", " + j);
            }
        }
    }
}
