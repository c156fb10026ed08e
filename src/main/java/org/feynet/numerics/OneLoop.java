package org.feynet.numerics;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The one-loop (order 1/n) statistics of a collective field O-hat, the mean over n iid copies of a single-copy vector
 * O, whose exact law is exp(-n H(O-hat)) times its law under a reference measure nu* with E_nu*[O] = O*, where O* is
 * the saddle point: H(O*) = 0 and grad H(O*) = 0. This is the loop machinery shared by the weight-tied network
 * ({@link CollectiveFieldTheory}, n the width) and the O(N) vector model ({@link VectorModelLargeN}, n = N).
 *
 * <h2>Formulas</h2>
 * With x = sqrt(n) (O-hat - O*), Sigma = Cov_nu*(O) and kappa3^{abc} = E_nu*[dO_a dO_b dO_c] (dO = O - O*), the law
 * of x under nu*^n is N(0, Sigma) (1 + kappa3.He3(x) / (6 sqrt n) + ...), so that
 * E[f(x)] = E_Sigma[f] + kappa3^{bcd} E_Sigma[d_b d_c d_d f] / (6 sqrt n), while
 * n H = x.H2.x/2 + H3[x, x, x] / (6 sqrt n) + O(1/n). Tilting N(0, Sigma) by exp(-x.H2.x/2) gives N(0, Sigma'), and
 * with kappa3[M]_a = sum_bc kappa3^{abc} M_bc and H3[M]_a = sum_bc H3_abc M_bc,
 * <pre>
 *   V  = lim n Cov(O-hat)        = Sigma' = Sigma (1 + H2 Sigma)^-1,                                  (OL1)
 *   K1 = lim n (E[O-hat] - O*)   = -1/2 (1 + Sigma H2)^-1 kappa3[M] - 1/2 Sigma' H3[Sigma'],            (OL2)
 *   M  = (1 + H2 Sigma)^-1 H2 = H2 - H2 Sigma' H2,                                                        (OL3)
 * </pre>
 * the first term of K1 from the Edgeworth correction (d_b d_c d_d of x_a exp(-x.H2.x/2), averaged under Sigma'),
 * the second from the cubic vertex (-H3[x,x,x]/6 against x_a: three Wick pairings). Neither needs Sigma^-1.
 *
 * <p>Use: {@link #of} with Sigma and H2, contract kappa3 with {@link #tilt()} (the caller knows kappa3 only through
 * such contractions, e.g. by quadrature), then {@link #meanShift} gives K1 and {@link #covariance()} gives V.
 */
public final class OneLoop {

    /** kappa3 or H3 contracted with a symmetric matrix on its last two indices. */
    @FunctionalInterface
    public interface Contraction {
        double[] apply(double[][] matrix);
    }

    private final RealMatrix sigmaPrime;
    private final double[][] tilt;
    private final RealMatrix leftInverse;

    private OneLoop(RealMatrix sigmaPrime, double[][] tilt, RealMatrix leftInverse) {
        this.sigmaPrime = sigmaPrime;
        this.tilt = tilt;
        this.leftInverse = leftInverse;
    }

    /**
     * The Gaussian fluctuations about the saddle point: Sigma' (OL1, symmetrised), the tilt M (OL3) and
     * (1 + Sigma H2)^-1.
     *
     * @param sigma the reference covariance Sigma = Cov_nu*(O), m x m
     * @param h2    the Hessian of H at O*, m x m
     * @throws NumericalTrouble when 1 + H2 Sigma is singular (the saddle point is not a minimum of the action)
     */
    public static OneLoop of(double[][] sigma, double[][] h2) {
        int m = h2.length;
        RealMatrix s = MatrixUtils.createRealMatrix(sigma);
        RealMatrix h = MatrixUtils.createRealMatrix(h2);
        RealMatrix id = MatrixUtils.createRealIdentityMatrix(m);
        LUDecomposition left = new LUDecomposition(id.add(s.multiply(h)));
        LUDecomposition right = new LUDecomposition(id.add(h.multiply(s)));
        if (!left.getSolver().isNonSingular() || !right.getSolver().isNonSingular()) {
            throw new NumericalTrouble("1 + H2 Sigma is singular at the saddle point: the Gaussian fluctuations of"
                    + " the collective field do not exist (a flat direction of the action)");
        }
        RealMatrix leftInverse = left.getSolver().getInverse();
        RealMatrix prime = s.multiply(right.getSolver().getInverse());
        RealMatrix sigmaPrime = prime.add(prime.transpose()).scalarMultiply(0.5);
        double[][] tilt = h.subtract(h.multiply(sigmaPrime).multiply(h)).getData();
        return new OneLoop(sigmaPrime, tilt, leftInverse);
    }

    /** M = (1 + H2 Sigma)^-1 H2 (OL3), the matrix kappa3 is contracted with in K1 (a copy). */
    public double[][] tilt() {
        double[][] c = new double[tilt.length][];
        for (int i = 0; i < tilt.length; i++) {
            c[i] = tilt[i].clone();
        }
        return c;
    }

    /** V = Sigma' (OL1), the leading n Cov(O-hat). */
    public double[][] covariance() {
        return sigmaPrime.getData();
    }

    /**
     * K1 (OL2), the 1/n mean shift lim n (E[O-hat] - O*).
     *
     * @param kappaTilt kappa3[M], the third cumulant contracted with {@link #tilt()}
     * @param h3        the contraction s -&gt; H3[s] of the third derivative of H at O*
     */
    public double[] meanShift(double[] kappaTilt, Contraction h3) {
        int m = kappaTilt.length;
        double[] edgeworth = leftInverse.operate(kappaTilt);
        double[] vertex = sigmaPrime.operate(h3.apply(sigmaPrime.getData()));
        double[] k1 = new double[m];
        for (int a = 0; a < m; a++) {
            k1[a] = -0.5 * edgeworth[a] - 0.5 * vertex[a];
        }
        return k1;
    }

    /**
     * K1 (OL2) for a caller that knows kappa3 as a contraction.
     *
     * @param kappa3 the contraction s -&gt; kappa3[s] of the reference third cumulant
     * @param h3     the contraction s -&gt; H3[s] of the third derivative of H at O*
     */
    public double[] meanShift(Contraction kappa3, Contraction h3) {
        return meanShift(kappa3.apply(tilt()), h3);
    }
}
