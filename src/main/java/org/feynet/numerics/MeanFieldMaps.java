package org.feynet.numerics;

/**
 * The infinite-width maps of a multilayer perceptron (PDLT chapter 5) for one activation and one pair of
 * hyperparameters, as Gaussian expectations of an engine ({@link GaussianMoments}):
 * <pre>
 *   single input:  f(K)        = Cb + Cw &lt;sigma(z)^2&gt;_K                              (PDLT eq. 5.1)
 *   two inputs:    h(K, K12)   = Cb + Cw &lt;sigma(u1) sigma(u2)&gt;_{[[K, K12], [K12, K]]}
 *   parallel:      chi_par(K)  = f'(K) = (Cw/2) &lt;(sigma^2)''(z)&gt;_K                   (Price's theorem)
 *   perpendicular: chi_perp(K) = Cw &lt;sigma'(z)^2&gt;_K                                 (PDLT eq. 5.11)
 *   correlation:   chi_c(K, K12) = d h / d K12 = Cw &lt;sigma'(u1) sigma'(u2)&gt;
 * </pre>
 * The derivative (sigma^2)'' is taken in the sense of distributions, as the engines do (for ReLU it is 2 theta(z)),
 * so chi_par is the derivative of the kernel map also for activations with a kink. At K12 = K the correlation
 * susceptibility is chi_perp; it is computed from the one-sample expectation there, whose covariance is regular.
 *
 * <p>Immutable; each call is one Gaussian expectation of the engine, with the engine's accuracy.
 *
 * @param engine the Gaussian expectations of the activation
 * @param cb     bias variance, at least 0
 * @param cw     weight variance (times the width), positive
 */
public record MeanFieldMaps(GaussianMoments engine, double cb, double cw) {

    public MeanFieldMaps {
        if (engine == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        if (!(cb >= 0) || !(cw > 0) || Double.isInfinite(cb) || Double.isInfinite(cw)) {
            throw new IllegalArgumentException("need Cb >= 0 and Cw > 0, both finite (got Cb = " + cb + ", Cw = " + cw + ")");
        }
    }

    /** The same activation at other hyperparameters. */
    public MeanFieldMaps at(double otherCb, double otherCw) {
        return new MeanFieldMaps(engine, otherCb, otherCw);
    }

    /** f(K) = Cb + Cw &lt;sigma^2&gt;_K, the single-input kernel map. */
    public double kernel(double k) {
        return cb + cw * engine.expect(one(k), new int[] {2}, new int[] {0});
    }

    /** chi_par(K) = f'(K) = (Cw/2) &lt;(sigma^2)''&gt;_K. */
    public double chiParallel(double k) {
        return 0.5 * cw * engine.expect(one(k), new int[] {2}, new int[] {2});
    }

    /** chi_perp(K) = Cw &lt;sigma'^2&gt;_K. */
    public double chiPerpendicular(double k) {
        return cw * engine.expect(one(k), new int[][] {{0, 2}}, new int[] {0});
    }

    /** h(K, K12) = Cb + Cw &lt;sigma(u1) sigma(u2)&gt; with u ~ N(0, [[K, K12], [K12, K]]), |K12| &lt; K. */
    public double offDiagonal(double k, double k12) {
        return cb + cw * engine.expect(two(k, k12), new int[] {1, 1}, new int[] {0, 0});
    }

    /** chi_c(K, K12) = Cw &lt;sigma'(u1) sigma'(u2)&gt; with u ~ N(0, [[K, K12], [K12, K]]), |K12| &lt; K. */
    public double chiCorrelation(double k, double k12) {
        return cw * engine.expect(two(k, k12), new int[][] {{0, 1}, {0, 1}}, new int[] {0, 0});
    }

    private static double[][] one(double k) {
        return new double[][] {{k}};
    }

    private static double[][] two(double k, double k12) {
        return new double[][] {{k, k12}, {k12, k}};
    }
}
