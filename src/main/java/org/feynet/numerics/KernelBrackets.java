package org.feynet.numerics;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.feynet.model.ActivationSlope;

/**
 * The two elementwise Gaussian maps of an infinite-width kernel recursion on P samples (PDLT section 4.1 notation):
 * for z ~ N(0, K), K (P x P) positive semidefinite,
 * <pre>
 *   S[K]_ab = &lt;sigma_a sigma_b&gt;_K = E[sigma(z_a) sigma(z_b)],      D[K]_ab = &lt;sigma'_a sigma'_b&gt;_K.
 * </pre>
 * Each entry is a two-sample expectation under the 2 x 2 block [[K_aa, K_ab], [K_ab, K_bb]] (one sample when a = b).
 * The exact engines of this package ({@link ReluMoments}, {@link SinMoments}, {@link LinearMoments},
 * {@link PiecewiseLinearMoments}, via {@link GaussianEngines}) answer for the activations they cover; any other
 * (tanh, erf, gelu, ...) is integrated by product Gauss–Hermite quadrature in Cholesky coordinates,
 * z_a = sqrt(K_aa) u, z_b = (K_ab / sqrt(K_aa)) u + sqrt(K_bb - K_ab^2 / K_aa) v, u, v iid N(0, 1), with
 * {@link GaussHermiteRule} of N = min(160 max(1, K_aa, K_bb), 1600) nodes per coordinate, rounded up to a multiple
 * of 32 (the order needed grows like the variance, see {@link GaussHermiteMoments}; doubling it changes tanh's S and
 * D by less than 1e-12 on the example's kernels); sigma' comes from forward-mode
 * differentiation of the activation's expression ({@link ActivationSlope}), exact to rounding. Node pairs with
 * weight product below 1e-30 are skipped.
 */
public final class KernelBrackets {

    private static final int MIN_NODES = 160;
    private static final int MAX_NODES = 1600;
    private static final int NODE_STEP = 32;
    private static final double PRUNE = 1e-30;

    private final GaussianMoments exact;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;
    private final double nodeScale;

    private KernelBrackets(GaussianMoments exact, DoubleUnaryOperator sigma, DoubleUnaryOperator slope,
                           double nodeScale) {
        this.exact = exact;
        this.sigma = sigma;
        this.slope = slope;
        this.nodeScale = nodeScale;
    }

    /** S and D of one kernel. */
    public record Brackets(double[][] sigmaSigma, double[][] slopeSlope) {}

    /**
     * The maps for {@code activation}: an exact engine where {@link GaussianEngines} has one without generated
     * derivatives (relu, other piecewise powers, sin, the identity), quadrature otherwise.
     *
     * @throws UnsupportedOperationException for a kink that no exact engine handles
     */
    public static KernelBrackets forActivation(Activation activation) {
        GaussianEngines.requireSupported(activation);
        boolean exactEngine = activation.closedForm() == ClosedForm.RELU || activation.closedForm() == ClosedForm.SIN
                || activation.closedForm() == ClosedForm.LINEAR || ScalarExpr.hasKink(activation.expression());
        if (exactEngine) {
            ActivationJet unused = (z, out) -> {
                throw new IllegalStateException("the exact engines need no derivatives");
            };
            return new KernelBrackets(GaussianEngines.forActivation(activation, unused), null, null, 1);
        }
        return quadrature(activation, 1);
    }

    /**
     * Quadrature whatever the activation (tests compare it with the exact engines), with {@code nodeScale} times
     * the default node counts.
     */
    public static KernelBrackets quadrature(Activation activation, double nodeScale) {
        return new KernelBrackets(null, ScalarFunction.of(activation.expression()),
                ActivationSlope.of(activation.expression()), nodeScale);
    }

    /**
     * S[K] and D[K].
     *
     * @throws NumericalTrouble when K has a negative or non-finite entry on the diagonal, |K_ab| exceeds
     *                          sqrt(K_aa K_bb) beyond rounding, or an expectation is not finite
     */
    public Brackets of(double[][] k) {
        int p = k.length;
        double[][] ss = new double[p][p];
        double[][] dd = new double[p][p];
        for (int a = 0; a < p; a++) {
            if (!(k[a][a] >= 0) || Double.isInfinite(k[a][a])) {
                throw new NumericalTrouble("the kernel has diagonal entry K[" + a + "][" + a + "] = " + k[a][a]
                        + " (not a finite variance)");
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double[] pair = a == b ? single(k[a][a]) : pair(k[a][a], k[a][b], k[b][b]);
                if (!Double.isFinite(pair[0]) || !Double.isFinite(pair[1])) {
                    throw new NumericalTrouble("a Gaussian expectation of the activation is not finite at the kernel"
                            + " entry (" + a + ", " + b + ")");
                }
                ss[a][b] = ss[b][a] = pair[0];
                dd[a][b] = dd[b][a] = pair[1];
            }
        }
        return new Brackets(ss, dd);
    }

    private double[] single(double kaa) {
        if (exact != null) {
            double[][] cov = {{kaa}};
            return new double[] {exact.expect(cov, new int[][] {{2}}, new int[] {0}),
                    exact.expect(cov, new int[][] {{0, 2}}, new int[] {0})};
        }
        GaussHermiteRule rule = GaussHermiteRule.of(nodes(kaa));
        double s = Math.sqrt(kaa);
        double ss = 0;
        double dd = 0;
        for (int i = 0; i < rule.size(); i++) {
            double z = s * rule.node(i);
            double f = sigma.applyAsDouble(z);
            double g = slope.applyAsDouble(z);
            ss += rule.weight(i) * f * f;
            dd += rule.weight(i) * g * g;
        }
        return new double[] {ss, dd};
    }

    private double[] pair(double kaa, double kab, double kbb) {
        double limit = Math.sqrt(kaa * kbb);
        if (!(Math.abs(kab) <= limit * (1 + 1e-9) + 1e-300)) {
            throw new NumericalTrouble("the kernel is not positive semidefinite: |K_ab| = " + Math.abs(kab)
                    + " > sqrt(K_aa K_bb) = " + limit);
        }
        if (exact != null) {
            double[][] cov = {{kaa, kab}, {kab, kbb}};
            if (Math.abs(kab) >= limit * (1 - 1e-12)) {
                cov = nearestSingular(kaa, kab, kbb);
            }
            return new double[] {exact.expect(cov, new int[][] {{1}, {1}}, new int[] {0, 0}),
                    exact.expect(cov, new int[][] {{0, 1}, {0, 1}}, new int[] {0, 0})};
        }
        if (kaa == 0) {
            return new double[] {sigma.applyAsDouble(0) * mean(sigma, kbb), slope.applyAsDouble(0) * mean(slope, kbb)};
        }
        GaussHermiteRule rule = GaussHermiteRule.of(nodes(Math.max(kaa, kbb)));
        double sa = Math.sqrt(kaa);
        double shift = kab / sa;
        double sb = Math.sqrt(Math.max(0, kbb - shift * shift));
        double ss = 0;
        double dd = 0;
        for (int i = 0; i < rule.size(); i++) {
            double wi = rule.weight(i);
            double za = sa * rule.node(i);
            double fa = sigma.applyAsDouble(za);
            double ga = slope.applyAsDouble(za);
            double fb = 0;
            double gb = 0;
            for (int j = 0; j < rule.size(); j++) {
                double w = rule.weight(j);
                if (wi * w < PRUNE) {
                    break;
                }
                double zb = shift * rule.node(i) + sb * rule.node(j);
                fb += w * sigma.applyAsDouble(zb);
                gb += w * slope.applyAsDouble(zb);
            }
            ss += wi * fa * fb;
            dd += wi * ga * gb;
        }
        return new double[] {ss, dd};
    }

    private double mean(DoubleUnaryOperator f, double variance) {
        GaussHermiteRule rule = GaussHermiteRule.of(nodes(variance));
        double s = Math.sqrt(variance);
        double sum = 0;
        for (int i = 0; i < rule.size(); i++) {
            sum += rule.weight(i) * f.applyAsDouble(s * rule.node(i));
        }
        return sum;
    }

    /** A perfectly correlated pair as the exact engines accept it (rank one, by construction). */
    private static double[][] nearestSingular(double kaa, double kab, double kbb) {
        double c = Math.copySign(Math.sqrt(kaa * kbb), kab);
        return new double[][] {{kaa, c}, {c, kbb}};
    }

    private int nodes(double variance) {
        double wanted = NODE_STEP * Math.ceil(nodeScale * MIN_NODES * Math.max(1, variance) / NODE_STEP);
        return (int) Math.min(MAX_NODES * nodeScale, wanted);
    }
}
