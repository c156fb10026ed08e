package org.feynet.numerics;

/**
 * Gaussian expectations of products of derivatives of powers of the activation, the only numbers the
 * recursions need (PDLT section 4.1 notation: the brackets with a subscript kernel).
 *
 * <p>For distinct samples x = 0 .. k-1 with covariance K (k x k, symmetric positive semidefinite) it returns
 * <pre>
 *   E_{z ~ N(0, K)} [ prod_x  (d/dz_x)^{derivatives[x]} ( sigma(z_x)^{powers[x]} ) ]
 * </pre>
 * and, for the NTK, whose recursions hold sigma' as a factor, the same with products of derivatives of sigma:
 * <pre>
 *   E_{z ~ N(0, K)} [ prod_x  (d/dz_x)^{d_x} prod_k ( sigma^(k)(z_x) )^{m_{x,k}} ],
 * </pre>
 * for instance &lt;sigma'_a sigma'_b&gt; (m_{a,1} = m_{b,1} = 1), &lt;sigma'_a^2 sigma_c&gt; or &lt;d_e (sigma'_e
 * sigma_e)&gt;. The outer derivatives d/dz_x are understood in the sense of distributions (for ReLU, d/dz theta is a
 * delta function), so by Price's theorem these are derivatives of Gaussian expectations with respect to the kernel:
 * for a != b,
 * d&lt;F&gt;_K / dK_ab = &lt;d_a d_b F&gt;_K (K_ab and K_ba moved together), and d&lt;F&gt;_K / dK_aa = (1/2)
 * &lt;d_a^2 F&gt;_K. The factors sigma^(k), by contrast, are the derivatives a network's parameter derivatives
 * hold, taken pointwise as automatic differentiation takes them: for an activation with a kink, sigma^(k) beyond the
 * last derivative that is a function (relu: sigma'' on) vanishes almost everywhere, and a product with such a factor
 * has expectation 0, the value that sampling real networks measures.
 *
 * <h2>Limits</h2>
 * At most {@value Covariance#MAX_SAMPLES} distinct samples. Every sample needs at most
 * {@value GaussHermiteMoments#MAX_DERIVATIVE} derivatives of sigma: d_x for a power of sigma, and k + d_x for a
 * factor sigma^(k) (the jets, {@link ActivationJet}, provide sigma^(0..8)). Engines state their further limits, and
 * refuse with {@link UnsupportedOperationException} what they cannot compute exactly.
 */
public interface GaussianMoments {

    /**
     * @param covariance  k x k covariance of the distinct samples, 1 <= k <= 6 (engines may support fewer)
     * @param powers      powers[x] >= 0, how many factors sigma(z_x) the product holds
     * @param derivatives derivatives[x] >= 0, how many derivatives d/dz_x act on that product
     * @return the expectation
     * @throws NumericalTrouble when the result is not finite or the covariance is not positive semidefinite
     */
    double expect(double[][] covariance, int[] powers, int[] derivatives);

    /**
     * The expectation of a product of derivatives of sigma, E[prod_x (d/dz_x)^{d_x} prod_k (sigma^(k)(z_x))^{m_{x,k}}].
     * A product of powers of sigma alone (every m_{x,k} = 0 for k &gt;= 1) goes to {@link #expect(double[][], int[],
     * int[])} with powers m_{x,0}, and gives the same number to the last bit; any other to
     * {@link #expectWithDerivativeFactors}.
     *
     * @param covariance  k x k covariance of the distinct samples, 1 <= k <= 6 (engines may support fewer)
     * @param factors     factors[x][k] >= 0, the power of sigma^(k)(z_x) in the product at sample x (k = 0, 1, ..;
     *                    rows may be of any length, missing entries are zero)
     * @param derivatives derivatives[x] >= 0, how many derivatives d/dz_x act on that sample's whole product; the
     *                    highest k with factors[x][k] &gt; 0 plus derivatives[x] is at most
     *                    {@value GaussHermiteMoments#MAX_DERIVATIVE}
     * @return the expectation
     * @throws IllegalArgumentException      when the arguments are malformed or beyond the limits above
     * @throws UnsupportedOperationException when the engine has no exact value for such a product (delta-function
     *                                       factors of a kink)
     * @throws NumericalTrouble              when the result is not finite or the covariance is not positive
     *                                       semidefinite
     */
    default double expect(double[][] covariance, int[][] factors, int[] derivatives) {
        int[] powers = DerivativeFactors.plainPowers(covariance, factors);
        return powers != null ? expect(covariance, powers, derivatives)
                : expectWithDerivativeFactors(covariance, factors, derivatives);
    }

    /**
     * The engine's evaluation of {@link #expect(double[][], int[][], int[])} for products holding derivatives of
     * sigma; callers use that method. Implementations check all their arguments, and are also correct for products
     * of powers of sigma alone (to rounding, not necessarily to the bit of {@link #expect(double[][], int[], int[])}).
     */
    double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives);
}
