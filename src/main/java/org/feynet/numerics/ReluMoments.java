package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 *
 * <h2>Supported cases</h2>
 * <ul>
 * <li>Only polynomial factors, 1..4 distinct samples, any powers: truncated moments
 *     E[prod z_x^{a_x} theta(z_x)] by the Stein/Tallis recursion of {@link TruncatedMoments} down to
 *     orthant probabilities ({@link OrthantProbability}; P_4 by Plackett's reduction). This covers all
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
 * </ul>
 * Anything else (a delta factor with three or four distinct samples) throws
 * {@link UnsupportedOperationException} naming the case.
 *
 * <h2>Degenerate covariances</h2>
 * A sample of zero variance has z = 0: a factor z^a theta(z) with a >= 1 makes the moment 0; theta(0) and
 * delta(0) are undefined there ({@link NumericalTrouble}). Samples with correlation +-1 (within 1e-12 in
 * 1 - r^2) are merged: z_y = c z_x with c = sqrt(K_yy/K_xx) turns two polynomial factors into
 * c^{a_y} z_x^{a_x+a_y} theta(z_x) for r = +1, and into 0 for r = -1 (theta(z) theta(-z) = 0 a.e.); with a
 * delta factor the moment is singular ({@link NumericalTrouble}, as it diverges when r -> +-1). A
 * covariance of three or more samples still singular after merging raises {@link NumericalTrouble}.
 *
 * <h2>Accuracy</h2>
 * About 1e-14 relative for well-conditioned kernels (tests compare against closed forms, finite
 * differences in K, Gauss–Hermite and Monte Carlo); it degrades like 1e-16 / (1 - r^2)^{p} for
 * correlations r near +-1, where the moments with delta factors grow like (1 - r^2)^{-p} themselves.
 */
public final class ReluMoments implements GaussianMoments {

    static final double MERGE_TOLERANCE = 1e-12;

    /** One sample's factor: coef * z^a theta(z) (delta == false) or coef * delta^(a)(z) (delta == true). */
    private static final class Factor {
        int sample;
        double coef;
        int order;
        boolean delta;
    }

    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance);
        int k = k2.length;
        if (k > 4) {
            throw new UnsupportedOperationException("exact ReLU moments of " + k
                    + " distinct samples (at most 4: the orthant probabilities are implemented up to P_4)");
        }
        Covariance.checkCounts("powers", powers, k, 16);
        Covariance.checkCounts("derivatives", derivatives, k, GaussHermiteMoments.MAX_DERIVATIVE);
        double scale = 0.0;
        for (int x = 0; x < k; x++) {
            scale = Math.max(scale, k2[x][x]);
        }
        double coef = 1.0;
        List<Factor> factors = new ArrayList<>();
        for (int x = 0; x < k; x++) {
            int m = powers[x];
            int d = derivatives[x];
            if (m == 0) {
                if (d > 0) {
                    return 0.0;
                }
                continue;
            }
            Factor f = new Factor();
            f.sample = x;
            f.delta = d > m;
            f.coef = f.delta ? factorial(m) : factorial(m) / factorial(m - d);
            f.order = f.delta ? d - m - 1 : m - d;
            factors.add(f);
        }
        // zero variances
        for (Factor f : factors) {
            if (k2[f.sample][f.sample] <= 1e-14 * scale || scale == 0.0) {
                if (!f.delta && f.order >= 1) {
                    return 0.0;
                }
                throw new NumericalTrouble("ReLU moment undefined: sample " + f.sample
                    + " has zero variance and factor " + describe(f) + " (powers " + Arrays.toString(powers)
                    + ", derivatives " + Arrays.toString(derivatives) + ")");
            }
        }
        // merge samples with correlation +-1
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
                        return 0.0; // theta(z) theta(-c z) = 0 almost everywhere
                    }
                    a.coef *= b.coef * Math.pow(Math.sqrt(kbb / kaa), b.order);
                    a.order += b.order;
                    factors.remove(q);
                    merged = true;
                    break search;
                }
            }
        }
        int n = factors.size();
        double[][] cov = new double[n][n];
        for (int a = 0; a < n; a++) {
            coef *= factors.get(a).coef;
            for (int b = 0; b < n; b++) {
                cov[a][b] = k2[factors.get(a).sample][factors.get(b).sample];
            }
        }
        if (n >= 3) {
            double[] eig = new org.hipparchus.linear.EigenDecompositionSymmetric(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(cov)).getEigenvalues();
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
        boolean anyDelta = false;
        for (Factor f : factors) {
            anyDelta |= f.delta;
        }
        double value;
        if (n == 0) {
            value = 1.0;
        } else if (!anyDelta) {
            int[] a = new int[n];
            for (int x = 0; x < n; x++) {
                a[x] = factors.get(x).order;
            }
            value = new TruncatedMoments(cov).moment(a);
        } else if (n == 1) {
            value = deltaOne(cov[0][0], factors.get(0).order);
        } else if (n == 2) {
            Factor f0 = factors.get(0);
            Factor f1 = factors.get(1);
            if (f0.delta && f1.delta) {
                value = deltaDelta(cov, f0.order, f1.order);
            } else if (f0.delta) {
                value = deltaPolynomial(cov[0][0], cov[0][1], cov[1][1], f0.order, f1.order);
            } else {
                value = deltaPolynomial(cov[1][1], cov[0][1], cov[0][0], f1.order, f0.order);
            }
        } else {
            throw new UnsupportedOperationException("ReLU moments with a delta-function factor (derivative "
                + "order above the power) are implemented for at most 2 distinct samples; got " + n
                + " samples with powers " + Arrays.toString(powers) + " and derivatives "
                + Arrays.toString(derivatives));
        }
        value *= coef;
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("ReLU moment is not finite (" + value + ") for powers "
                + Arrays.toString(powers) + ", derivatives " + Arrays.toString(derivatives));
        }
        return value;
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
