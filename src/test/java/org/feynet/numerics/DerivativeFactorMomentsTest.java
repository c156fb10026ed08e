package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gaussian moments of products of derivatives of smooth activations (sin, linear, tanh), and their merging by
 * {@link MomentTable}. The exact engines are compared with Gauss–Hermite quadrature on the same activation's jet; the
 * quadrature's own accuracy on such products is checked by doubling its nodes.
 */
class DerivativeFactorMomentsTest {

    private static final double[][] K3 = {{1.1, 0.4, -0.3}, {0.4, 0.8, 0.25}, {-0.3, 0.25, 1.4}};

    /**
     * Measured worst error 9e-14 relative (absolute below 1e-3) over 25 cases with sigma'..sigma''' factors: the
     * quadrature of sin is accurate to about 1e-13 (GaussHermiteMoments' accuracy table), the exact sum to a few ulps
     * of its largest term; the tolerance 1e-11 leaves a margin of 100.
     */
    @Test
    void sinProductsOfDerivativesAgreeWithGaussHermiteOnTheSinJet() {
        GaussianMoments exact = new SinMoments();
        GaussianMoments quadrature = new GaussHermiteMoments(TestJets.SIN);
        for (RandomProducts.Case c : mixedCases(3, 2)) {
            assertClose(quadrature.expect(c.covariance(), c.factors(), c.derivatives()),
                exact.expect(c.covariance(), c.factors(), c.derivatives()), 1e-11, 1e-12, c.toString());
        }
    }

    /**
     * Measured worst error 1.4e-15 (sigma' = 1, sigma'' = 0 in both, and quadrature is exact for polynomials up to
     * rounding).
     */
    @Test
    void linearProductsOfDerivativesAgreeWithGaussHermiteOnTheLinearJet() {
        GaussianMoments exact = new LinearMoments();
        GaussianMoments quadrature = new GaussHermiteMoments(TestJets.LINEAR);
        for (RandomProducts.Case c : mixedCases(2, 2)) {
            assertClose(quadrature.expect(c.covariance(), c.factors(), c.derivatives()),
                exact.expect(c.covariance(), c.factors(), c.derivatives()), 1e-11, 1e-12, c.toString());
        }
    }

    /**
     * tanh has no exact engine: the default rule agrees with the rule of twice the nodes to 1.1e-12 relative
     * (measured, 18 cases on 1..3 samples with sigma'..sigma''' factors and outer derivatives), as for powers of sigma
     * (3e-12), so counting sigma^(k) as a pole of order k + 1 sizes the rule as well.
     */
    @Test
    @Tag("slow")
    void tanhProductsOfDerivativesConvergeUnderNodeDoubling() {
        GaussianMoments quadrature = new GaussHermiteMoments(TestJets.TANH);
        GaussianMoments finer = new GaussHermiteMoments(TestJets.TANH, 2 * GaussHermiteMoments.DEFAULT_NODES);
        for (int n = 1; n <= 3; n++) {
            for (RandomProducts.Case c : RandomProducts.cases(n, 3, 2, 6, 40 + n)) {
                assertClose(finer.expect(c.covariance(), c.factors(), c.derivatives()),
                    quadrature.expect(c.covariance(), c.factors(), c.derivatives()), 1e-10, 1e-12, c.toString());
            }
        }
    }

    /** sin'' = -sin and sin'^2 + sin^2 = 1, exactly, inside any product. */
    @Test
    void sinDerivativesObeyTheirIdentitiesInsideProducts() {
        GaussianMoments sin = new SinMoments();
        int[] d = {1, 0, 2};
        double second = sin.expect(K3, new int[][] {{0, 0, 1}, {0, 1}, {1}}, d);
        double first = sin.expect(K3, new int[][] {{1}, {0, 1}, {1}}, d);
        assertClose(-first, second, 1e-14, 1e-16, "<d_a sin''_a cos_b d_c^2 sin_c> = -<d_a sin_a ...>");
        double sum = sin.expect(K3, new int[][] {{0, 2}, {1}, {0, 1}}, new int[3])
            + sin.expect(K3, new int[][] {{2}, {1}, {0, 1}}, new int[3]);
        double rest = sin.expect(K3, new int[][] {{}, {1}, {0, 1}}, new int[3]);
        assertClose(rest, sum, 1e-14, 1e-16, "<(cos^2 + sin^2)_a sin_b cos_c> = <sin_b cos_c>");
    }

    /** A product of powers of sigma alone takes the three-argument path, whatever the length of the rows. */
    @Test
    void powersOfSigmaGiveTheThreeArgumentNumbersToTheBit() {
        for (GaussianMoments engine : engines()) {
            for (RandomProducts.Case c : RandomProducts.cases(3, 0, 2, 5, 7)) {
                int[] powers = new int[3];
                int[][] padded = new int[3][];
                for (int x = 0; x < 3; x++) {
                    powers[x] = c.factors()[x][0];
                    padded[x] = new int[] {powers[x], 0, 0};
                }
                double plain = engine.expect(c.covariance(), powers, c.derivatives());
                assertEquals(plain, engine.expect(c.covariance(), c.factors(), c.derivatives()), 0.0, c.toString());
                assertEquals(plain, engine.expect(c.covariance(), padded, c.derivatives()), 0.0, c.toString());
            }
        }
    }

    /**
     * Each engine's own evaluation of products of derivatives, given powers of sigma alone, reproduces the
     * three-argument numbers to rounding (measured: identical on these cases; tolerance 1e-12).
     */
    @Test
    void derivativeFactorEvaluationReproducesPowersOfSigma() {
        for (GaussianMoments engine : engines()) {
            for (RandomProducts.Case c : RandomProducts.cases(3, 0, 2, 5, 8)) {
                int[] powers = Arrays.stream(c.factors()).mapToInt(row -> row[0]).toArray();
                assertClose(engine.expect(c.covariance(), powers, c.derivatives()),
                    engine.expectWithDerivativeFactors(c.covariance(), c.factors(), c.derivatives()), 1e-12, 1e-14,
                    engine.getClass().getSimpleName() + " " + c);
            }
        }
    }

    /**
     * Price's theorem for F = sigma'_0 sigma_1 sigma_2: d&lt;F&gt;/dK_01 = &lt;d_0 d_1 F&gt; and d&lt;F&gt;/dK_00 =
     * (1/2) &lt;d_0^2 F&gt;, the kernel derivatives by the five-point stencil with h = 1e-3 (truncation h^4 f^(5) /
     * 30, about 1e-13; rounding 1e-16 / h for sin, and the quadrature's 1e-13 / h for tanh): measured worst 1.7e-13
     * (sin) and 1.6e-12 (tanh) relative; tolerance 1e-8.
     */
    @Test
    void kernelDerivativesOfProductsOfDerivativesAreTheirOuterDerivatives() {
        int[][] f = {{0, 1}, {1}, {1}};
        for (GaussianMoments engine : List.of(new SinMoments(), new GaussHermiteMoments(TestJets.TANH))) {
            double offDiagonal = engine.expect(K3, f, new int[] {1, 1, 0});
            assertTrue(Math.abs(offDiagonal) > 1e-3, "a case that does not vanish by symmetry: " + offDiagonal);
            assertClose(offDiagonal, kernelDerivative(engine, K3, f, 0, 1), 1e-8, 1e-10, "d/dK_01");
            double diagonal = 0.5 * engine.expect(K3, f, new int[] {2, 0, 0});
            assertClose(diagonal, kernelDerivative(engine, K3, f, 0, 0), 1e-8, 1e-10, "d/dK_00");
        }
    }

    /** d&lt;F&gt;_K / dK_ab (K_ab and K_ba together) by the five-point stencil with h = 1e-3. */
    static double kernelDerivative(GaussianMoments engine, double[][] k, int[][] f, int a, int b) {
        double h = 1e-3;
        double[] at = new double[5];
        for (int s = -2; s <= 2; s++) {
            double[][] moved = Arrays.stream(k).map(double[]::clone).toArray(double[][]::new);
            moved[a][b] += s * h;
            if (a != b) {
                moved[b][a] += s * h;
            }
            at[s + 2] = engine.expect(moved, f, new int[k.length]);
        }
        return (8 * (at[3] - at[1]) - (at[4] - at[0])) / (12 * h);
    }

    @Test
    void momentTableMergesFactorsBySample() {
        GaussianMoments sin = new SinMoments();
        MomentTable table = new MomentTable(sin, K3);
        double[][] k00 = {{K3[0][0]}};
        assertEquals(sin.expect(k00, new int[][] {{0, 2}}, new int[] {0}),
            table.atom(new int[] {0, 0}, new int[] {1, 1}, new int[0]), 0.0, "sigma'_0 sigma'_0 = <sigma'^2> at 0");
        double[][] k12 = {{K3[1][1], K3[1][2]}, {K3[2][1], K3[2][2]}};
        assertEquals(sin.expect(k12, new int[][] {{0, 1, 1}, {1}}, new int[] {2, 0}),
            table.atom(new int[] {2, 1, 1}, new int[] {0, 2, 1}, new int[] {1, 1}), 0.0, "rows by order, by sample");
        assertEquals(0.0, table.atom(new int[] {0, 1}, new int[] {1, 1}, new int[] {2}), "no factor at sample 2");
        assertEquals(table.atom(new int[] {2, 0, 2}, new int[] {1}),
            table.atom(new int[] {2, 0, 2}, new int[] {0, 0, 0}, new int[] {1}), 0.0, "orders 0: powers of sigma");
        double first = table.atom(new int[] {0, 2}, new int[] {1, 0}, new int[] {0});
        assertEquals(first, table.atom(new int[] {2, 0}, new int[] {0, 1}, new int[] {0}), 0.0, "cached, any order");
    }

    @Test
    void malformedProductsAreRefusedAtTheBoundary() {
        GaussianMoments sin = new SinMoments();
        double[][] k = {{1.0}};
        assertMessage(() -> sin.expect(k, new int[][] {{0, 0, 0, 0, 0, 0, 1}}, new int[] {3}), "sigma^(9)");
        assertMessage(() -> new GaussHermiteMoments(TestJets.TANH).expect(k, new int[][] {{0, 0, 0, 0, 0, 1}},
            new int[] {4}), "at most 8 derivatives");
        assertMessage(() -> sin.expect(k, new int[][] {{1, -1}}, new int[] {0}), "factors[0][1] = -1 is negative");
        assertMessage(() -> sin.expect(k, new int[][] {{1}, {1}}, new int[] {0}), "2 rows for a 1x1 covariance");
        assertMessage(() -> sin.expect(k, new int[][] {null}, new int[] {0}), "factors[0] must not be null");
        assertMessage(() -> sin.expect(k, (int[][]) null, new int[] {0}), "factors must not be null");
        assertMessage(() -> sin.expect(k, new int[][] {{0, 1}}, new int[] {0, 0}), "derivatives has 2 entries");
        MomentTable table = new MomentTable(sin, K3);
        assertMessage(() -> table.atom(new int[] {0, 1}, new int[] {1}, new int[0]), "2 samples for 1 factor orders");
        assertMessage(() -> table.atom(new int[] {0}, new int[] {-1}, new int[0]), "factor order -1 is negative");
    }

    static void assertMessage(Runnable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** Every engine with powers of sigma: sin, linear, tanh quadrature, ReLU, abs, the squared ReLU. */
    private static List<GaussianMoments> engines() {
        return List.of(new SinMoments(), new LinearMoments(), new GaussHermiteMoments(TestJets.TANH),
            new ReluMoments(), new PiecewiseLinearMoments(1, 1), new PiecewiseLinearMoments(1, 0, 2));
    }

    /** 8 cases each on 1, 2, 3 samples and one on 4 samples, factors sigma^(0..maxOrder). */
    private static List<RandomProducts.Case> mixedCases(int maxOrder, int maxOuter) {
        List<RandomProducts.Case> cases = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            cases.addAll(RandomProducts.cases(n, maxOrder, maxOuter, 8, 20 + n));
        }
        cases.addAll(RandomProducts.cases(4, maxOrder, maxOuter, 1, 24));
        return cases;
    }
}
