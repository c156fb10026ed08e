package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Exact Gaussian moments for sigma(z) = max(0, z).
 *
 * <h2>Factors</h2>
 * For one sample, with theta the Heaviside step and delta^(n) the n-th derivative of Dirac's delta
 * (derivatives in the sense of distributions):
 * <pre>
 *   m = 0:       factor 1 (d = 0), or 0 (d > 0);
 *   d <= m:      (d/dz)^d relu(z)^m = m!/(m-d)! z^{m-d} theta(z)           ("polynomial" factor);
 *   d >  m >= 1: (d/dz)^d relu(z)^m = m! delta^(d-m-1)(z)                   ("delta" factor).
 * </pre>
 * The derivative sigma' = theta is a factor of the same kind: relu(z)^m theta(z)^j = z^m theta(z) for j &gt;= 1, and
 * the last two rules hold for z^0 theta(z) = theta(z) too (theta itself for d = 0, delta^(d-1)(z) for d &gt;= 1);
 * see {@link #expectWithDerivativeFactors}. As a factor, sigma^(k) for k &gt;= 2 is zero almost everywhere (the
 * pointwise derivative, see {@link GaussianMoments}), and so is the product.
 *
 * <h2>Supported cases</h2>
 * <ul>
 * <li>Only polynomial factors, 1..6 distinct samples, any powers (up to 16 per sample): truncated moments
 *     E[prod z_x^{a_x} theta(z_x)] by the Stein/Tallis recursion of {@link TruncatedMoments} down to
 *     orthant probabilities ({@link OrthantProbability}; P_4, P_5 and P_6 by Plackett's reduction, P_6 a
 *     nested 1-D integral). Five and six samples are what the six-point cumulant T6 at order 1/n^2 needs
 *     (E[prod relu(z_x)^{m_x}] with total power 6). This covers all
 *     moments without derivatives (E[relu^2] = K/2, E[relu^4] = 3K^2/2, the arc-cosine kernel, ...).</li>
 * <li>Delta factors with at most two distinct samples, any derivative order up to 8 per sample
 *     (this is, by Price's theorem, every kernel derivative of E[relu(z1)^m1 relu(z2)^m2]):
 *   <ul>
 *   <li>one sample: E[delta^(n)(z)] = K^{-(n+1)/2} He_n(0) / sqrt(2 pi);</li>
 *   <li>delta on z1, polynomial z2^b theta(z2) on z2: with beta = K12/K11, v = K22 - K12^2/K11,
 *       E = (-1)^n sum_i C(n,i) phi_{K11}^(n-i)(0) beta^i v^{(b-i)/2} M_b^(i)(0), where
 *       M_b(mu) = E[(mu+g)^b theta(mu+g)], g ~ N(0,1), so M_b' = b M_{b-1}, M_0' = phi (the law of z2
 *       given z1 is N(beta z1, v); Leibniz rule on d^n/dz1^n [phi_{K11}(z1) E(z2^b theta(z2) | z1)] at 0);</li>
 *   <li>two delta factors: E[delta^(i)(z1) delta^(j)(z2)] = (-1)^{i+j} d_1^i d_2^j phi_K(0), the sum over
 *       perfect matchings of i copies of 1 and j of 2 of prod(-P_ab), P = K^{-1} (the Isserlis
 *       expansion of exp(-z^T P z / 2)), times phi_K(0) = 1 / (2 pi sqrt(det K)).</li>
 *   </ul></li>
 * <li>Delta factors with three or four distinct samples, by conditioning on the sample x of a delta
 *     factor delta^(k)(z_x) (the one of lowest order k). Given z_x = t the others are
 *     z_rest = mu t + xi, mu = K_{rest,x} / K_xx, xi ~ N(0, Kc), Kc = K_rest - K_{rest,x} K_{x,rest} / K_xx
 *     (the Schur complement), so with F the product of the other factors and G(t) = E[F(mu t + xi)]
 *     (smooth in t, Kc being positive definite),
 *   <pre>
 *   E[delta^(k)(z_x) F] = int delta^(k)(t) phi(t; K_xx) G(t) dt = (-1)^k d^k/dt^k [phi(t; K_xx) G(t)]_{t=0}
 *                       = (-1)^k sum_{i <= k} C(k, i) phi^(k-i)(0; K_xx) G^(i)(0),
 *   phi^(p)(0; s) = s^{-(p+1)/2} He_p(0) / sqrt(2 pi)   (zero for odd p),
 *   G^(i)(0) = E[(mu . grad)^i F(xi)] = sum_{|j| = i} (i! / prod_y j_y!) prod_y mu_y^{j_y} E_Kc[prod_y f_y^(j_y)(xi_y)],
 *   </pre>
 *     (Leibniz and the multinomial theorem), where f_y^(j) is again a factor: (z^a theta)^(j) =
 *     a!/(a-j)! z^{a-j} theta for j <= a and a! delta^(j-a-1) for j > a, (delta^(a))^(j) = delta^(a+j).
 *     Each inner moment has one sample fewer and goes through the same evaluation (merging, closed
 *     forms, or a further conditioning), so four samples reduce to three, then to the two-sample
 *     formulas above or to truncated moments. (This is plain Gaussian conditioning; by Price's theorem,
 *     R. Price, IRE Trans. Inf. Theory 4 (1958) 69, E_K[d_a d_b F] = (1 + delta_ab) dE_K[F]/dK_ab, as in
 *     PDLT, Roberts, Yaida &amp; Hanin, "The Principles of Deep Learning Theory" (2022), section 4.1, the
 *     results are kernel derivatives of lower moments, which the tests check by finite differences.)
 *     Derivative orders up to 8 per sample (the interface limit), powers up to 16; tested for total
 *     derivative order up to 8 and total power up to 6. The number of
 *     inner moments is at most C(k + r, r) for r remaining samples (84 for four samples and k = 6); every
 *     term is exact (closed forms and the orthant probabilities of at most three samples, since an inner
 *     moment has at most three). The same route also reproduces the two-sample formulas (a test).</li>
 * </ul>
 * Delta factors with five or six distinct samples (after merging) throw {@link UnsupportedOperationException}.
 *
 * <h2>Degenerate covariances</h2>
 * A sample of zero variance has z = 0: a factor z^a theta(z) with a >= 1 makes the moment 0; theta(0) and
 * delta(0) are undefined there ({@link NumericalTrouble}). Samples with correlation +-1 (within 1e-12 in
 * 1 - r^2) are merged: z_y = c z_x with c = sqrt(K_yy/K_xx) turns two polynomial factors into
 * c^{a_y} z_x^{a_x+a_y} theta(z_x) for r = +1, and into 0 for r = -1 (theta(z) theta(-z) = 0 a.e.); with a
 * delta factor the moment is singular ({@link NumericalTrouble}, as it diverges when r -> +-1). A
 * covariance of three or more samples still singular after merging raises {@link NumericalTrouble}.
 * The conditional covariances Kc of the conditioning step are Schur complements of a positive definite K,
 * whose eigenvalues lie between the extreme ones of K, so they are no worse conditioned; the same checks
 * run on them, and a conditional variance below 1e-14 of the scale of K (a sample determined by the
 * conditioned one) raises {@link NumericalTrouble}.
 *
 * <h2>Accuracy</h2>
 * About 1e-14 relative for well-conditioned kernels (tests compare against closed forms, finite
 * differences in K, Gauss–Hermite and Monte Carlo); three- and four-sample moments with delta factors
 * (total derivative order up to 8, total power up to 6, correlations up to 0.9) agree with
 * one-dimensional integrals for one-factor kernels to 3e-14 relative and with the two-sample formulas,
 * via the conditioning route, to 2e-14. It degrades like 1e-16 / (1 - r^2)^{p} for
 * correlations r near +-1, where the moments with delta factors grow like (1 - r^2)^{-p} themselves.
 * Five- and six-sample moments without derivatives inherit the quadrature accuracy of P_5 (about 1e-15)
 * and P_6 (about 1e-14 absolute): tests compare them with one-dimensional integrals for equicorrelated
 * kernels to 1e-12 relative and with 10^6 Monte Carlo draws within five standard errors.
 */
public final class ReluMoments implements GaussianMoments {

    static final double MERGE_TOLERANCE = 1e-12;
    /** A variance at most this times the largest one is zero (the sample is z = 0). */
    static final double ZERO_VARIANCE = 1e-14;
    /** The largest power per sample that the engine accepts. */
    static final int MAX_POWER = 16;

    /** One sample's factor: coef * z^a theta(z) (delta == false) or coef * delta^(a)(z) (delta == true). */
    private static final class Factor {
        int sample;
        double coef;
        int order;
        boolean delta;
    }

    /** Relative size of the ridge added to a rank-deficient covariance (see {@link #expect}). */
    static final double RIDGE = 1e-7;

    /**
     * {@inheritDoc}
     *
     * <p>A rank-deficient covariance of three or more samples without derivatives (raw inputs of dimension n0
     * give a first-layer metric of rank at most n0 + 1, so P > n0 + 1 inputs make it singular) is handled by a
     * ridge: the moment M(eps) at K + eps I is smooth in eps with M(eps) = M(0) + c eps + O(eps^{3/2}) (the
     * O(eps^{3/2}) from the (1 - rho)^{3/2} behaviour of the arc-cosine kernel at rho = 1), so the Richardson
     * combination 2 M(eps) - M(2 eps) with eps = {@value #RIDGE} times the largest variance is accurate to about
     * 1e-10 relative (a rank-2 case with known value agrees to 1e-10). With derivatives a singular covariance
     * is reported as {@link NumericalTrouble}: step and delta factors are ill-defined or diverge there.
     */
    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        try {
            return expect(covariance, powers, derivatives, false);
        } catch (NumericalTrouble singular) {
            return ridgeExtrapolated(covariance, powers, derivatives, singular);
        }
    }

    /** 2 M(eps) - M(2 eps) for the moment M at K + eps I (see above); rethrows {@code singular} with derivatives. */
    private static double ridgeExtrapolated(double[][] covariance, int[] powers, int[] derivatives,
                                            NumericalTrouble singular) {
        for (int x = 0; x < powers.length; x++) {
            if (derivatives[x] > 0) {
                throw singular;
            }
        }
        double scale = largestVariance(covariance);
        if (!(scale > 0)) {
            throw singular;
        }
        double eps = RIDGE * scale;
        return 2 * expect(ridged(covariance, eps), powers, derivatives, false)
                - expect(ridged(covariance, 2 * eps), powers, derivatives, false);
    }

    private static double[][] ridged(double[][] k, double eps) {
        double[][] out = new double[k.length][];
        for (int i = 0; i < k.length; i++) {
            out[i] = k[i].clone();
            out[i][i] += eps;
        }
        return out;
    }

    /**
     * As {@link #expect(double[][], int[], int[])}, but with {@code conditionFirst} the first step conditions
     * on a delta factor even for two samples (a second route to the closed two-sample formulas, for tests).
     */
    static double expect(double[][] covariance, int[] powers, int[] derivatives, boolean conditionFirst) {
        double[][] k2 = validate(covariance, powers, derivatives);
        if (differentiatesAConstant(powers, derivatives)) {
            return 0.0;
        }
        return evaluated(k2, factors(powers, derivatives), conditionFirst,
            () -> "powers " + Arrays.toString(powers) + ", derivatives " + Arrays.toString(derivatives));
    }

    /**
     * {@inheritDoc}
     *
     * <p>For ReLU, sigma' = theta and the pointwise sigma^(k) for k &gt;= 2 is 0 almost everywhere: a product with such a
     * factor has expectation 0, whatever its outer derivatives (the derivatives of the zero function). A product with
     * factors sigma and
     * sigma' only is relu(z)^{m_0} theta(z)^{m_1} = z^{m_0} theta(z) (theta(z) when m_0 = 0), a factor of the kind
     * the class comment describes, with the same outer derivatives (z^a theta(z) and its distributional
     * derivatives, a = m_0). When m_0 &gt;= 1 at every sample with factors it equals relu(z)^{m_0}, and the moment
     * is {@link #expect(double[][], int[], int[])} with powers m_0 (ridge included); a factor theta alone takes the
     * same evaluation without the ridge (a step's moment is not smooth enough in the kernel for the extrapolation, so
     * singular covariances of three or more samples are {@link NumericalTrouble}).
     */
    @Override
    public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance, factors, derivatives, MAX_POWER);
        if (vanishingFactor(factors)) {
            return 0.0;
        }
        int[] powers = new int[k2.length];
        boolean stepAlone = false;
        for (int x = 0; x < k2.length; x++) {
            powers[x] = DerivativeFactors.power(factors[x], 0);
            stepAlone |= powers[x] == 0 && DerivativeFactors.power(factors[x], 1) > 0;
        }
        if (!stepAlone) {
            return expect(covariance, powers, derivatives);
        }
        List<Factor> list = new ArrayList<>();
        for (int x = 0; x < k2.length; x++) {
            if (DerivativeFactors.count(factors[x]) > 0) {
                list.add(polynomialFactor(x, powers[x], derivatives[x]));
            } else if (derivatives[x] > 0) {
                return 0.0; // a derivative of the constant 1
            }
        }
        return evaluated(k2, list, false,
            () -> "factors " + Arrays.deepToString(factors) + ", derivatives " + Arrays.toString(derivatives));
    }

    /** Whether some sample holds a factor sigma^(k), k &gt;= 2, which is 0 almost everywhere for ReLU. */
    private static boolean vanishingFactor(int[][] factors) {
        for (int[] row : factors) {
            if (DerivativeFactors.highestOrder(row) >= 2) {
                return true;
            }
        }
        return false;
    }

    /** evaluate() on checked arguments, with {@code what} (the arguments) in the messages of its troubles. */
    private static double evaluated(double[][] k2, List<Factor> factors, boolean conditionFirst,
                                    Supplier<String> what) {
        double value;
        try {
            value = evaluate(k2, factors, largestVariance(k2), false, conditionFirst);
        } catch (NumericalTrouble t) {
            throw new NumericalTrouble(t.getMessage() + " (" + what.get() + ")");
        }
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("ReLU moment is not finite (" + value + ") for " + what.get());
        }
        return value;
    }

    /** The engine's argument checks ({@link Covariance}); the symmetric part of the covariance. */
    private static double[][] validate(double[][] covariance, int[] powers, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance, powers, derivatives, MAX_POWER);
        return k2;
    }

    /** True when some sample has power 0 and derivatives: a derivative of the constant 1, so the moment is 0. */
    private static boolean differentiatesAConstant(int[] powers, int[] derivatives) {
        for (int x = 0; x < powers.length; x++) {
            if (powers[x] == 0 && derivatives[x] > 0) {
                return true;
            }
        }
        return false;
    }

    /** One factor (d/dz)^d relu(z)^m for each sample with m &gt;= 1 (see the class comment), in sample order. */
    private static List<Factor> factors(int[] powers, int[] derivatives) {
        List<Factor> factors = new ArrayList<>();
        for (int x = 0; x < powers.length; x++) {
            if (powers[x] > 0) {
                factors.add(polynomialFactor(x, powers[x], derivatives[x]));
            }
        }
        return factors;
    }

    /**
     * (d/dz)^d z^a theta(z) at sample x: a!/(a-d)! z^{a-d} theta(z) for d &lt;= a, a! delta^(d-a-1)(z) for d &gt; a
     * (relu(z)^a for a &gt;= 1, the step theta(z) for a = 0).
     */
    private static Factor polynomialFactor(int x, int a, int d) {
        Factor f = new Factor();
        f.sample = x;
        f.delta = d > a;
        f.coef = f.delta ? factorial(a) : factorial(a) / factorial(a - d);
        f.order = f.delta ? d - a - 1 : a - d;
        return f;
    }

    /** max(0, max_x K_xx), the scale of the zero-variance test. */
    private static double largestVariance(double[][] k2) {
        double scale = 0.0;
        for (int x = 0; x < k2.length; x++) {
            scale = Math.max(scale, k2[x][x]);
        }
        return scale;
    }

    /**
     * E[prod_f f(z_{f.sample})] for z ~ N(0, k2), in four steps: zero variances, merging of samples with
     * correlation +-1, the singularity check, then the closed forms or the conditioning on a delta factor. The
     * factors are consumed (merging changes them). {@code conditioned}: k2 is a conditional covariance given
     * z_x = 0 for a delta factor's sample x, so a vanishing variance means a sample tied to z_x (a singular moment).
     */
    private static double evaluate(double[][] k2, List<Factor> factors, double scale, boolean conditioned,
                                   boolean conditionFirst) {
        if (vanishesAtZeroVariance(k2, factors, scale, conditioned) || vanishesWhenMerged(k2, factors)) {
            return 0.0;
        }
        DistinctSamples distinct = new DistinctSamples(k2, factors);
        distinct.requireNonsingular();
        return closedFormOrConditioned(distinct, scale, conditionFirst);
    }

    /**
     * The zero-variance step: a sample with variance at most {@value #ZERO_VARIANCE} of the scale (or a zero scale)
     * has z = 0, so its factor z^a theta(z), a &gt;= 1, makes the moment vanish (true); theta(0) and delta(0) are
     * undefined, and for a conditional covariance the sample is tied to the conditioned one ({@link NumericalTrouble}).
     * The first such sample decides; false when there is none.
     */
    private static boolean vanishesAtZeroVariance(double[][] k2, List<Factor> factors, double scale,
                                                  boolean conditioned) {
        for (Factor f : factors) {
            if (k2[f.sample][f.sample] <= ZERO_VARIANCE * scale || scale == 0.0) {
                if (conditioned) {
                    throw new NumericalTrouble("ReLU moment with a delta factor is singular: sample " + f.sample
                        + " is determined by the sample of the delta factor (conditional variance "
                        + k2[f.sample][f.sample] + ")");
                }
                if (!f.delta && f.order >= 1) {
                    return true;
                }
                throw new NumericalTrouble("ReLU moment undefined: sample " + f.sample
                    + " has zero variance and factor " + describe(f));
            }
        }
        return false;
    }

    /**
     * The merging step: samples with correlation +-1 (1 - r^2 at most {@value #MERGE_TOLERANCE}) are z_y = c z_x,
     * c = sqrt(K_yy/K_xx). For r = +1 two polynomial factors become c^{a_y} z_x^{a_x+a_y} theta(z_x) (the list
     * shrinks); for r = -1 the moment vanishes (true: theta(z) theta(-c z) = 0 almost everywhere); with a delta
     * factor it is singular ({@link NumericalTrouble}).
     */
    private static boolean vanishesWhenMerged(double[][] k2, List<Factor> factors) {
        boolean merged = true;
        while (merged) {
            merged = false;
            search:
            for (int p = 0; p < factors.size(); p++) {
                for (int q = p + 1; q < factors.size(); q++) {
                    Factor a = factors.get(p);
                    Factor b = factors.get(q);
                    double kaa = k2[a.sample][a.sample];
                    double kbb = k2[b.sample][b.sample];
                    double r = k2[a.sample][b.sample] / Math.sqrt(kaa * kbb);
                    if (1 - r * r > MERGE_TOLERANCE) {
                        continue;
                    }
                    if (a.delta || b.delta) {
                        throw new NumericalTrouble("ReLU moment with derivatives is singular: samples " + a.sample
                            + " and " + b.sample + " have correlation " + r + " (factors " + describe(a)
                            + ", " + describe(b) + ")");
                    }
                    if (r < 0) {
                        return true;
                    }
                    a.coef *= b.coef * Math.pow(Math.sqrt(kbb / kaa), b.order);
                    a.order += b.order;
                    factors.remove(q);
                    merged = true;
                    break search;
                }
            }
        }
        return false;
    }

    /** The factors left after merging, their covariance and the product of their coefficients. */
    private static final class DistinctSamples {
        final List<Factor> factors;
        final double[][] cov;
        final double coef;

        DistinctSamples(double[][] k2, List<Factor> factors) {
            int n = factors.size();
            double c = 1.0;
            double[][] sub = new double[n][n];
            for (int a = 0; a < n; a++) {
                c *= factors.get(a).coef;
                for (int b = 0; b < n; b++) {
                    sub[a][b] = k2[factors.get(a).sample][factors.get(b).sample];
                }
            }
            this.factors = factors;
            this.cov = sub;
            this.coef = c;
        }

        int size() {
            return factors.size();
        }

        Factor get(int a) {
            return factors.get(a);
        }

        /**
         * The singularity check: three or more distinct samples need a positive definite covariance (smallest
         * eigenvalue above {@value #MERGE_TOLERANCE} of the largest), else {@link NumericalTrouble}.
         */
        void requireNonsingular() {
            int n = size();
            if (n < 3) {
                return;
            }
            double[] eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(cov)).getEigenvalues();
            double max = 0.0;
            double min = Double.POSITIVE_INFINITY;
            for (double v : eig) {
                max = Math.max(max, Math.abs(v));
                min = Math.min(min, v);
            }
            if (min <= MERGE_TOLERANCE * max) {
                throw new NumericalTrouble("ReLU moment: the covariance of " + n + " distinct samples is singular "
                    + "(eigenvalue " + min + " of " + max + "); only samples with correlation +-1 are merged");
            }
        }

        /** The position of the delta factor of lowest order (the fewest Leibniz terms when conditioned on), or -1. */
        int lowestDelta() {
            int deltaAt = -1;
            for (int a = 0; a < size(); a++) {
                Factor f = get(a);
                if (f.delta && (deltaAt < 0 || f.order < get(deltaAt).order)) {
                    deltaAt = a;
                }
            }
            return deltaAt;
        }
    }

    /**
     * The dispatch: no factor left gives the coefficient; without delta factors, truncated moments; one delta
     * factor alone, or two samples, the closed forms (unless {@code conditionFirst}); otherwise conditioning on
     * the delta factor of lowest order (at most four samples).
     */
    private static double closedFormOrConditioned(DistinctSamples s, double scale, boolean conditionFirst) {
        int n = s.size();
        int deltaAt = s.lowestDelta();
        if (n == 0) {
            return s.coef;
        }
        if (deltaAt >= 0 && n > 4) {
            throw new UnsupportedOperationException("exact ReLU moments with derivative (delta) factors of " + n
                + " distinct samples (at most 4; without delta factors up to 6)");
        }
        if (deltaAt < 0) {
            int[] a = new int[n];
            for (int x = 0; x < n; x++) {
                a[x] = s.get(x).order;
            }
            return s.coef * new TruncatedMoments(s.cov).moment(a);
        }
        if (n == 1) {
            return s.coef * deltaOne(s.cov[0][0], s.get(0).order);
        }
        if (n == 2 && !conditionFirst) {
            return s.coef * twoSamplesWithDelta(s.cov, s.get(0), s.get(1));
        }
        int[] orders = new int[n];
        boolean[] deltas = new boolean[n];
        for (int a = 0; a < n; a++) {
            orders[a] = s.get(a).order;
            deltas[a] = s.get(a).delta;
        }
        return s.coef * conditionOnDelta(s.cov, orders, deltas, deltaAt, scale);
    }

    /** The two-sample closed forms for unit coefficients, at least one factor being a delta. */
    private static double twoSamplesWithDelta(double[][] cov, Factor f0, Factor f1) {
        if (f0.delta && f1.delta) {
            return deltaDelta(cov, f0.order, f1.order);
        } else if (f0.delta) {
            return deltaPolynomial(cov[0][0], cov[0][1], cov[1][1], f0.order, f1.order);
        } else {
            return deltaPolynomial(cov[1][1], cov[0][1], cov[0][0], f1.order, f0.order);
        }
    }

    /**
     * E[delta^(k)(z_x) prod_{y != x} f_y(z_y)] for unit coefficients (k = orders[x]), by conditioning on z_x:
     * <pre>
     *   = (-1)^k sum_{i <= k} C(k, i) phi^(k-i)(0; K_xx) G^(i)(0),
     *   G^(i)(0) = sum_{|j| = i} i! / prod_y j_y!  prod_y mu_y^{j_y}  E_{Kc}[ prod_y f_y^(j_y)(xi_y) ],
     * </pre>
     * mu = K_{rest,x} / K_xx, Kc = K_rest - K_{rest,x} K_{x,rest} / K_xx, phi^(p)(0; s) = s^{-(p+1)/2} He_p(0)
     * / sqrt(2 pi) (zero for odd p). The inner moments go back through {@link #evaluate}.
     */
    private static double conditionOnDelta(double[][] cov, int[] orders, boolean[] deltas, int x, double scale) {
        int n = cov.length;
        int r = n - 1;
        int[] rest = new int[r];
        for (int a = 0, b = 0; a < n; a++) {
            if (a != x) {
                rest[b++] = a;
            }
        }
        double kxx = cov[x][x];
        double[] mu = new double[r];
        double[][] kc = new double[r][r];
        for (int a = 0; a < r; a++) {
            mu[a] = cov[rest[a]][x] / kxx;
            for (int b = 0; b < r; b++) {
                kc[a][b] = cov[rest[a]][rest[b]] - cov[rest[a]][x] * cov[x][rest[b]] / kxx;
            }
        }
        int k = orders[x];
        double[] gDer = new double[k + 1];
        int[] j = new int[r];
        // enumerate all j with |j| <= k and k - |j| even (phi^(odd)(0) = 0)
        accumulate(kc, orders, deltas, rest, mu, j, 0, 0, k, gDer, scale);
        double sum = 0.0;
        double binom = 1.0;
        for (int i = 0; i <= k; i++) {
            int p = k - i;
            if (p % 2 == 0) {
                double density = Math.pow(kxx, -0.5 * (p + 1)) * hermiteAtZero(p) / Math.sqrt(2 * Math.PI);
                sum += binom * density * gDer[i];
            }
            binom = binom * (k - i) / (i + 1);
        }
        return sign(k) * sum;
    }

    private static void accumulate(double[][] kc, int[] orders, boolean[] deltas, int[] rest, double[] mu, int[] j,
                                   int pos, int used, int k, double[] gDer, double scale) {
        int r = rest.length;
        if (pos == r) {
            if ((k - used) % 2 != 0) {
                return;
            }
            double weight = factorial(used);
            for (int a = 0; a < r; a++) {
                weight *= Math.pow(mu[a], j[a]) / factorial(j[a]);
            }
            if (weight == 0.0) {
                return;
            }
            List<Factor> factors = new ArrayList<>(r);
            for (int a = 0; a < r; a++) {
                factors.add(differentiate(a, orders[rest[a]], deltas[rest[a]], j[a]));
            }
            gDer[used] += weight * evaluate(kc, factors, scale, true, false);
            return;
        }
        for (int v = 0; used + v <= k; v++) {
            if (v > 0 && mu[pos] == 0.0) {
                break;
            }
            j[pos] = v;
            accumulate(kc, orders, deltas, rest, mu, j, pos + 1, used + v, k, gDer, scale);
        }
        j[pos] = 0;
    }

    /** (d/dz)^j of a unit factor z^a theta(z) (a!/(a-j)! z^{a-j} theta(z), or a! delta^(j-a-1)) or delta^(a). */
    private static Factor differentiate(int sample, int order, boolean delta, int j) {
        Factor f = new Factor();
        f.sample = sample;
        if (delta) {
            f.delta = true;
            f.coef = 1.0;
            f.order = order + j;
        } else if (j <= order) {
            f.delta = false;
            f.coef = factorial(order) / factorial(order - j);
            f.order = order - j;
        } else {
            f.delta = true;
            f.coef = factorial(order);
            f.order = j - order - 1;
        }
        return f;
    }

    private static String describe(Factor f) {
        return f.delta ? "delta^(" + f.order + ")" : "z^" + f.order + " theta(z)";
    }

    /** E[delta^(n)(z)], z ~ N(0, k). */
    static double deltaOne(double k, int n) {
        return Math.pow(k, -0.5 * (n + 1)) * hermiteAtZero(n) / Math.sqrt(2 * Math.PI);
    }

    /**
     * E[delta^(n)(z1) z2^b theta(z2)] for (z1, z2) ~ N(0, [[k11, k12], [k12, k22]]).
     */
    static double deltaPolynomial(double k11, double k12, double k22, int n, int b) {
        double beta = k12 / k11;
        double v = k22 - k12 * k12 / k11;
        if (!(v > 0)) {
            throw new NumericalTrouble("ReLU moment is singular: conditional variance " + v);
        }
        double sum = 0.0;
        double binom = 1.0;
        for (int i = 0; i <= n; i++) {
            int p = n - i;
            double density = Math.pow(k11, -0.5 * (p + 1)) * sign(p) * hermiteAtZero(p) / Math.sqrt(2 * Math.PI);
            double mDer;
            if (i <= b) {
                mDer = factorial(b) / factorial(b - i) * halfMoment(b - i);
            } else {
                int q = i - b - 1; // phi^(q)(0) = (-1)^q He_q(0) phi(0)
                mDer = factorial(b) * sign(q) * hermiteAtZero(q) / Math.sqrt(2 * Math.PI);
            }
            double h = Math.pow(beta, i) * Math.pow(v, 0.5 * (b - i)) * mDer;
            sum += binom * density * h;
            binom = binom * (n - i) / (i + 1);
        }
        return sign(n) * sum;
    }

    /** E[delta^(i)(z1) delta^(j)(z2)]: (-1)^{i+j} d_1^i d_2^j phi_K at 0. */
    static double deltaDelta(double[][] k, int i, int j) {
        if ((i + j) % 2 == 1) {
            return 0.0;
        }
        double det = k[0][0] * k[1][1] - k[0][1] * k[0][1];
        if (!(det > 0)) {
            throw new NumericalTrouble("ReLU moment is singular: det K = " + det);
        }
        double p11 = k[1][1] / det;
        double p22 = k[0][0] / det;
        double p12 = -k[0][1] / det;
        double sum = 0.0;
        for (int p = i % 2; p <= Math.min(i, j); p += 2) {
            if ((j - p) % 2 != 0) {
                continue;
            }
            double count = binomial(i, p) * binomial(j, p) * factorial(p)
                * doubleFactorial(i - p - 1) * doubleFactorial(j - p - 1);
            sum += count * Math.pow(-p11, (i - p) / 2) * Math.pow(-p22, (j - p) / 2) * Math.pow(-p12, p);
        }
        return sign(i + j) * sum / (2 * Math.PI * Math.sqrt(det));
    }

    /** M_a(0) = E[g^a theta(g)], g ~ N(0,1): 2^{a/2} Gamma((a+1)/2) / (2 sqrt(pi)). */
    static double halfMoment(int a) {
        if (a % 2 == 0) {
            return 0.5 * doubleFactorial(a - 1);
        }
        return doubleFactorial(a - 1) / Math.sqrt(2 * Math.PI);
    }

    /** He_n(0): 0 for odd n, (-1)^{n/2} (n-1)!! for even n. */
    static double hermiteAtZero(int n) {
        if (n % 2 == 1) {
            return 0.0;
        }
        return sign(n / 2) * doubleFactorial(n - 1);
    }

    private static double sign(int n) {
        return n % 2 == 0 ? 1.0 : -1.0;
    }

    static double factorial(int n) {
        double f = 1.0;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    /** n!! with (-1)!! = 0!! = 1. */
    static double doubleFactorial(int n) {
        double f = 1.0;
        for (int i = n; i > 1; i -= 2) {
            f *= i;
        }
        return f;
    }

    private static double binomial(int n, int r) {
        return factorial(n) / (factorial(r) * factorial(n - r));
    }
}
