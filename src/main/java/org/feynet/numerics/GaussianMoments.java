package org.feynet.numerics;

/**
 * Gaussian expectations of products of derivatives of powers of the activation, the only numbers the
 * recursions need (PDLT section 4.1 notation: the brackets with a subscript kernel).
 *
 * <p>For distinct samples x = 0 .. k-1 with covariance K (k x k, symmetric positive semidefinite) it returns
 * <pre>
 *   E_{z ~ N(0, K)} [ prod_x  (d/dz_x)^{derivatives[x]} ( sigma(z_x)^{powers[x]} ) ]
 * </pre>
 * Derivatives are understood in the sense of distributions (for ReLU, sigma'' is a delta function), so
 * by Price's theorem these are derivatives of Gaussian expectations with respect to the kernel.
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
}
