package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Gaussian moments of products of derivatives of kinked activations: ReLU (sigma' = theta) and a relu(z)^p +
 * b relu(-z)^p, against closed forms, Monte Carlo, Price's theorem and the linear engine.
 */
class KinkDerivativeFactorMomentsTest {

    private static final double[][] K2 = {{1.3, 0.5}, {0.5, 0.7}};
    private static final double[][] K3 = {{1.1, 0.4, -0.3}, {0.4, 0.8, 0.25}, {-0.3, 0.25, 1.4}};
    private static final double[][] K4 = {
        {1.0, 0.3, -0.2, 0.4}, {0.3, 0.9, 0.2, -0.1}, {-0.2, 0.2, 1.2, 0.35}, {0.4, -0.1, 0.35, 1.1}};

    private final ReluMoments relu = new ReluMoments();

    private static double rho(double[][] k, int a, int b) {
        return k[a][b] / Math.sqrt(k[a][a] * k[b][b]);
    }

    /** &lt;theta&gt;, &lt;sigma'^2&gt;, &lt;theta theta&gt;, &lt;relu theta&gt;, the orthant of three steps, &lt;delta theta&gt;. */
    @Test
    void reluStepMomentsMatchTheirClosedForms() {
        double[][] one = {{1.7}};
        assertEquals(0.5, relu.expect(one, new int[][] {{0, 1}}, new int[] {0}), 1e-15, "<theta> = 1/2");
        assertEquals(0.5, relu.expect(one, new int[][] {{0, 2}}, new int[] {0}), 1e-15, "<sigma'^2> = 1/2");
        assertClose(Math.sqrt(1.7 / (2 * Math.PI)), relu.expect(one, new int[][] {{1, 1}}, new int[] {0}), 1e-15, 0,
            "<sigma sigma'> = <relu>");
        double r = rho(K2, 0, 1);
        assertClose(0.25 + Math.asin(r) / (2 * Math.PI), relu.expect(K2, new int[][] {{0, 1}, {0, 1}}, new int[2]),
            1e-14, 0, "<theta_1 theta_2> = 1/4 + asin(rho) / (2 pi)");
        // Stein: E[z1 g] = K11 E[d_1 g] + K12 E[d_2 g], each a density at 0 times a half-line probability 1/2
        assertClose(Math.sqrt(K2[0][0]) * (1 + r) / (2 * Math.sqrt(2 * Math.PI)),
            relu.expect(K2, new int[][] {{1}, {0, 1}}, new int[2]), 1e-14, 0, "<relu_1 theta_2>");
        assertClose(1 / (2 * Math.sqrt(2 * Math.PI * K2[0][0])),
            relu.expect(K2, new int[][] {{0, 1}, {0, 1}}, new int[] {1, 0}), 1e-14, 0, "<delta_1 theta_2>");
        double orthant = 0.125 + (Math.asin(rho(K3, 0, 1)) + Math.asin(rho(K3, 0, 2)) + Math.asin(rho(K3, 1, 2)))
            / (4 * Math.PI);
        assertClose(orthant, relu.expect(K3, new int[][] {{0, 1}, {0, 1}, {0, 2}}, new int[3]), 1e-14, 0,
            "<theta theta theta> = 1/8 + sum asin(rho) / (4 pi)");
    }

    /**
     * Steps on 2..6 equicorrelated samples (rho = 1/2) give the orthant probabilities 1/(n + 1) (z_x = g_x - g_0 for
     * n + 1 iid normals g: all positive when g_0 is the smallest of them); measured worst error 6e-17.
     */
    @Test
    void reluStepsOnUpToSixSamplesGiveTheEquicorrelatedOrthantProbabilities() {
        for (int n = 2; n <= 6; n++) {
            double[][] k = new double[n][n];
            int[][] steps = new int[n][];
            for (int x = 0; x < n; x++) {
                steps[x] = new int[] {0, 1};
                for (int y = 0; y < n; y++) {
                    k[x][y] = x == y ? 1.0 : 0.5;
                }
            }
            assertClose(1.0 / (n + 1), relu.expect(k, steps, new int[n]), 1e-14, 0, n + " steps");
        }
    }

    /** Correlation +1 merges two steps into one; -1 makes their product vanish (theta(z) theta(-z) = 0). */
    @Test
    void reluStepsOfIdenticalOrOppositeSamplesMerge() {
        double[][] same = {{1.0, 2.0}, {2.0, 4.0}};
        double[][] opposite = {{1.0, -2.0}, {-2.0, 4.0}};
        int[][] steps = {{0, 1}, {0, 1}};
        assertEquals(0.5, relu.expect(same, steps, new int[2]), 1e-15);
        assertEquals(0.0, relu.expect(opposite, steps, new int[2]), 0.0);
    }

    /**
     * Products of relu and theta on 3 and 4 samples without outer derivatives against 4e5 Monte Carlo draws: within five
     * standard errors (measured worst pull 1.1).
     */
    @Test
    void reluProductsWithStepsMatchMonteCarlo() {
        int[][][] cases = {
            {{0, 1}, {1, 1}, {0, 2}}, {{2}, {0, 1}, {1}}, {{1, 2}, {0, 1}, {0, 1}},
            {{0, 1}, {1}, {0, 1}, {2, 1}}, {{0, 1}, {0, 1}, {0, 1}, {1}},
        };
        for (int[][] f : cases) {
            double[][] k = f.length == 3 ? K3 : K4;
            double[] mc = ReluMonteCarlo.estimate(k, z -> kinkProduct(z, f, 1, 0), 400_000, 11);
            double exact = relu.expect(k, f, new int[f.length]);
            assertTrue(Math.abs(exact - mc[0]) <= 5 * mc[1], java.util.Arrays.deepToString(f) + ": exact " + exact
                + ", Monte Carlo " + mc[0] + " +- " + mc[1]);
        }
    }

    /**
     * Price's theorem where the outer derivatives are delta functions: d&lt;F&gt;/dK_ab = &lt;d_a d_b F&gt;, d&lt;F&gt;/dK_aa
     * = (1/2) &lt;d_a^2 F&gt;, for F = theta_0 relu_1, theta_0 theta_1 relu_2 and theta_0 relu_1 theta_2 relu_3 (five-point
     * stencil, h = 1e-3: truncation about 1e-13, rounding 1e-16 / h; measured worst 3.5e-12 relative; tolerance 1e-8).
     */
    @Test
    void reluKernelDerivativesOfStepProductsAreTheirDeltaMoments() {
        int[][] two = {{0, 1}, {1}};
        assertPrice(relu, K2, two, 0, 1);
        assertPrice(relu, K2, two, 0, 0);
        int[][] three = {{0, 1}, {0, 1}, {1}};
        assertPrice(relu, K3, three, 0, 1);
        assertPrice(relu, K3, three, 0, 2);
        assertPrice(relu, K3, three, 1, 1);
        int[][] four = {{0, 1}, {1}, {0, 1}, {1}};
        assertPrice(relu, K4, four, 0, 2);
        assertPrice(relu, K4, four, 1, 2);
    }

    /**
     * A factor sigma'' of ReLU is the pointwise derivative of theta, 0 almost everywhere (what automatic
     * differentiation of a network gives), so the product vanishes even under outer derivatives; a delta function
     * arises only as an outer derivative, and &lt;d_1 theta_1 theta_2&gt; is not 0.
     */
    @Test
    void reluFactorsBeyondTheStepVanish() {
        assertEquals(0.0, relu.expect(K2, new int[][] {{0, 0, 1}, {1}}, new int[2]));
        assertEquals(0.0, relu.expect(K2, new int[][] {{0, 1, 0, 1}, {0, 1}}, new int[] {1, 1}));
        assertTrue(Math.abs(relu.expect(K2, new int[][] {{0, 1}, {0, 1}}, new int[] {1, 0})) > 0.01);
    }

    /** abs: sigma' = sign, so &lt;sigma'_1 sigma'_2&gt; = (2/pi) asin(rho) and sigma'^2 = 1; leaky ReLU likewise. */
    @Test
    void absAndLeakyReluDerivativesMatchTheirClosedForms() {
        double r = rho(K2, 0, 1);
        PiecewiseLinearMoments abs = new PiecewiseLinearMoments(1, 1);
        int[][] slopes = {{0, 1}, {0, 1}};
        assertClose(2 / Math.PI * Math.asin(r), abs.expect(K2, slopes, new int[2]), 1e-13, 0, "<sign sign>");
        assertClose(1.0, abs.expect(new double[][] {{0.6}}, new int[][] {{0, 2}}, new int[1]), 1e-14, 0, "<sign^2>");
        double alpha = 0.1;
        PiecewiseLinearMoments leaky = new PiecewiseLinearMoments(1, -alpha);
        double same = 0.25 + Math.asin(r) / (2 * Math.PI);
        double expected = (1 + alpha * alpha) * same + 2 * alpha * (0.5 - same);
        assertClose(expected, leaky.expect(K2, slopes, new int[2]), 1e-13, 0, "<sigma'_1 sigma'_2> for leaky ReLU");
    }

    /**
     * Leaky ReLU and abs products of sigma and sigma' on three and four samples against 4e5 Monte Carlo draws: within
     * five standard errors (measured worst pull 1.7).
     */
    @Test
    void kinkedProductsOfDerivativesMatchMonteCarlo() {
        int[][][] cases = {{{0, 2}, {1}, {1, 1}}, {{1, 1}, {0, 1}, {2}}, {{0, 1}, {1}, {0, 1}, {1}}};
        double[][] shapes = {{1, -0.1}, {1, 1}};
        for (double[] shape : shapes) {
            PiecewiseLinearMoments engine = new PiecewiseLinearMoments(shape[0], shape[1]);
            for (int[][] f : cases) {
                double[][] k = f.length == 3 ? K3 : K4;
                double[] mc = ReluMonteCarlo.estimate(k, z -> kinkProduct(z, f, shape[0], shape[1]), 400_000,
                    12);
                double exact = engine.expect(k, f, new int[f.length]);
                assertTrue(Math.abs(exact - mc[0]) <= 5 * mc[1], java.util.Arrays.deepToString(f) + " " + shape[1]
                    + ": exact " + exact + ", Monte Carlo " + mc[0] + " +- " + mc[1]);
            }
        }
    }

    /**
     * z = relu(z) - relu(-z): its derivative factors (sigma' = theta(z) + theta(-z) = 1) and outer derivatives (delta
     * functions that cancel) reproduce the linear engine (measured worst 6e-14; tolerance 1e-11).
     */
    @Test
    void identityWrittenWithKinksReproducesTheLinearDerivativeFactors() {
        GaussianMoments identity = new PiecewiseLinearMoments(1, -1);
        GaussianMoments linear = new LinearMoments();
        for (int n = 1; n <= 3; n++) {
            for (RandomProducts.Case c : RandomProducts.cases(n, 1, 2, 6, 60 + n)) {
                assertClose(linear.expect(c.covariance(), c.factors(), c.derivatives()),
                    identity.expect(c.covariance(), c.factors(), c.derivatives()), 1e-11, 1e-12, c.toString());
            }
        }
    }

    /**
     * relu(z)^2: sigma' = 2 relu, sigma'' = 2 theta; z|z|: sigma'' = 2 sign(z). Both reduce to ReLU moments and
     * (2/pi) asin(rho).
     */
    @Test
    void squaredKinksTakeSecondDerivativeFactors() {
        GaussianMoments squared = new PiecewiseLinearMoments(1, 0, 2);
        double viaRelu = 4 * relu.expect(K3, new int[][] {{0, 1}, {1}, {2}}, new int[3]);
        assertClose(viaRelu, squared.expect(K3, new int[][] {{0, 0, 1}, {0, 1}, {1}}, new int[3]), 1e-14, 0,
            "<sigma''_0 sigma'_1 sigma_2> = 4 <theta_0 relu_1 relu_2^2>");
        GaussianMoments zAbsZ = new PiecewiseLinearMoments(1, -1, 2);
        assertClose(4 * 2 / Math.PI * Math.asin(rho(K2, 0, 1)),
            zAbsZ.expect(K2, new int[][] {{0, 0, 1}, {0, 0, 1}}, new int[2]), 1e-13, 0, "<4 sign sign>");
    }

    /**
     * Price's theorem for abs, F = sigma'_0 sigma'_1 sigma_2 (outer derivatives of sign give 2 delta): measured 4e-13
     * relative; tolerance 1e-8.
     */
    @Test
    void absKernelDerivativesAreTheirDeltaMoments() {
        GaussianMoments abs = new PiecewiseLinearMoments(1, 1);
        assertPrice(abs, K3, new int[][] {{0, 1}, {0, 1}, {1}}, 0, 1);
        assertPrice(abs, K3, new int[][] {{0, 1}, {0, 1}, {1}}, 0, 0);
    }

    /** Beyond the last derivative that is a function (sigma' for abs, sigma'' = 2 theta for relu^2) factors vanish. */
    @Test
    void kinkFactorsBeyondTheLastFunctionVanish() {
        assertEquals(0.0, new PiecewiseLinearMoments(1, 1).expect(K2, new int[][] {{0, 0, 1}, {1}}, new int[2]));
        assertEquals(0.0, new PiecewiseLinearMoments(1, 0, 2).expect(K2, new int[][] {{0, 0, 0, 1}, {1}},
            new int[2]));
        assertTrue(Math.abs(new PiecewiseLinearMoments(1, 0, 2).expect(K2, new int[][] {{0, 0, 1}, {1}},
            new int[2])) > 0.01);
    }

    private static void assertPrice(GaussianMoments engine, double[][] k, int[][] f, int a, int b) {
        int[] d = new int[k.length];
        d[a]++;
        d[b]++;
        double outer = (a == b ? 0.5 : 1.0) * engine.expect(k, f, d);
        assertTrue(Math.abs(outer) > 1e-3, "a case that does not vanish by symmetry: " + outer);
        assertClose(outer, DerivativeFactorMomentsTest.kernelDerivative(engine, k, f, a, b), 1e-8, 1e-10,
            "d/dK_" + a + b + " of " + java.util.Arrays.deepToString(f));
    }

    /**
     * prod_x prod_k (sigma^(k)(z_x))^{f[x][k]} for sigma = a relu(z) + b relu(-z) (sigma' = a theta(z) - b theta(-z)),
     * factors sigma and sigma' only.
     */
    private static double kinkProduct(double[] z, int[][] f, double a, double b) {
        double product = 1.0;
        for (int x = 0; x < f.length; x++) {
            double s = z[x] > 0 ? a * z[x] : -b * z[x];
            double slope = z[x] > 0 ? a : -b;
            product *= Math.pow(s, DerivativeFactors.power(f[x], 0)) * Math.pow(slope, DerivativeFactors.power(f[x], 1));
        }
        return product;
    }
}
