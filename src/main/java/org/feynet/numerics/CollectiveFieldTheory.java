package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * The O(1/n) statistics of the kernels R^(t)_ab = (1/n) sum_i z^(t)_{i;a} z^(t)_{i;b} of a network
 * z^(t+1) = b + W sigma(z^(t)), t = 1..T-1, with weight-tied (the same W, b at every step) or untied weights, by the
 * collective-field route: saddle point, Gaussian fluctuations and the cubic vertex of the action
 * {@link CollectiveFieldAction} (the one-loop expansion in 1/n).
 *
 * <h2>Formulas</h2>
 * O(z) is the single-neuron vector (phi_f phi_g ; z_f z_g) of the action's coordinates and O-hat its mean over the
 * n neurons; the exact law of O-hat is exp(-n H(O-hat)) times its law under n iid copies of nu*. With
 * x = sqrt(n) (O-hat - O*), Sigma = Cov_nu*(O), kappa3^{abc} = E_nu*[dO_a dO_b dO_c] (dO = O - O*), the law of x under
 * nu*^n is N(0, Sigma) (1 + kappa3.He3(x) / (6 sqrt n) + ...), and by the Edgeworth identity
 * E[f(x)] = E_Sigma[f] + kappa3^{bcd} E_Sigma[d_b d_c d_d f] / (6 sqrt n), while
 * n H = x.H2.x/2 + H3[x, x, x] / (6 sqrt n) + O(1/n). Tilting N(0, Sigma) by exp(-x.H2.x/2) gives N(0, Sigma') and,
 * with kappa3[M]_a = sum_bc kappa3^{abc} M_bc = E[dO_a dO^T M dO] and H3[M]_a = sum_bc H3_abc M_bc,
 * <pre>
 *   V4 = lim n Cov(O-hat)            = Sigma' = Sigma (1 + H2 Sigma)^-1,
 *   K1 = lim n (E[O-hat] - O*)       = -1/2 (1 + Sigma H2)^-1 kappa3[(1 + H2 Sigma)^-1 H2] - 1/2 Sigma' H3[Sigma'],
 * </pre>
 * the first term from the Edgeworth correction (d_b d_c d_d of x_a exp(-x.H2.x/2), averaged under Sigma'), the
 * second from the cubic vertex (-H3[x,x,x]/6 against x_a: three Wick pairings); these formulas live in the loop
 * machinery {@link OneLoop}, shared with the O(N) vector model. Neither needs Sigma^-1 (Sigma is
 * singular for a linear sigma, whose phi-pairs equal z-pairs). The entries for R^(t) are the R-coordinates (t, a),
 * (t, b); R^(1) is exactly the kernel of n iid Gaussian rows (K1 = 0, V4 = K_ac K_bd + K_ad K_bc). The saddle point
 * K0 = C* is {@link TiedKernels#twoStep} (untied: its same-step blocks).
 *
 * <h2>Numerics</h2>
 * Sigma and kappa3[M] are Gaussian expectations over the T P dimensional process nu*, computed by randomised
 * quasi-Monte Carlo: a Sobol sequence (Hipparchus) with S independent uniform random shifts modulo 1 (Cranley and
 * Patterson), mapped to normals by the inverse normal distribution function and correlated by the pivoted Cholesky
 * root. Each shift gives an independent estimate of K1 and V4 (both expectations from its own points); the result is
 * their mean and its standard error the spread over shifts divided by sqrt(S). Cost O(S N m^2) for m coordinates
 * (m = (T-1)P((T-1)P+1) tied).
 */
public final class CollectiveFieldTheory {

    /**
     * The quasi-Monte Carlo rule: {@code shifts} random shifts of the first {@code points} Sobol points, seeded.
     */
    public record Quadrature(int shifts, int points, long seed) {

        public static final Quadrature DEFAULT = new Quadrature(16, 1 << 13, 1);

        public Quadrature {
            if (shifts < 2) {
                throw new IllegalArgumentException("need at least 2 random shifts for an error estimate, got " + shifts);
            }
            if (points < 2 || Integer.bitCount(points) != 1) {
                throw new IllegalArgumentException("the number of Sobol points must be a power of 2, got " + points);
            }
        }
    }

    /**
     * The statistics of R^(t) at step t (1-based), each with its quadrature standard error (0 when exact), and the
     * per-shift estimates of K1 ([a][b][shift], all shifts from the same points at every step, so that a combination
     * of several steps' K1 has its error from the spread of the same combination over the shifts).
     */
    public record Step(int step, double[][] k0, double[][] k1, double[][][][] v4, double[][] k1Error,
                       double[][][][] v4Error, double[][][] k1Shifts) {}

    /**
     * All steps, and the infinite-width two-step kernel K0_two_step[t-1][s-1][a][b] (untied: zero off the diagonal
     * in time for t or s &gt;= 2).
     */
    public record Result(boolean tied, List<Step> steps, double[][][][] twoStep) {

        public Step step(int t) {
            return steps.get(t - 1);
        }

        /** The largest quadrature standard error of any K1 or V4 entry. */
        public double largestError() {
            double worst = 0;
            for (Step s : steps) {
                for (double[] row : s.k1Error()) {
                    for (double e : row) {
                        worst = Math.max(worst, e);
                    }
                }
                for (double[][][] a : s.v4Error()) {
                    for (double[][] b : a) {
                        for (double[] c : b) {
                            for (double e : c) {
                                worst = Math.max(worst, e);
                            }
                        }
                    }
                }
            }
            return worst;
        }
    }

    /** The standard deviation of the proposal normals of the importance-weighted quasi-Monte Carlo. */
    static final double SPREAD = 1.2;

    private final DoubleUnaryOperator sigma;
    private final double[][] gram;
    private final int steps;
    private final int inputs;
    private final double[][][][] twoStep;
    private final CollectiveFieldAction action;
    private final int[][] pairs;
    private final double[] oStar;
    private final double[][] cStar;

    private CollectiveFieldTheory(DoubleUnaryOperator sigma, GaussianMoments engine, double cb, double cw,
                                  double[][] gram, int steps, boolean tied) {
        this.sigma = sigma;
        this.gram = gram;
        this.steps = steps;
        this.inputs = gram.length;
        double[][][][] c = TiedKernels.twoStep(engine, cb, cw, gram, steps);
        if (!tied) {
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < steps; s++) {
                    if (s != t && (s > 0 || t > 0)) {
                        c[t][s] = new double[inputs][inputs];
                    }
                }
            }
        }
        this.twoStep = c;
        int n = (steps - 1) * inputs;
        double[][] cStar = new double[n][n];
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                cStar[f][g] = c[f / inputs + 1][g / inputs + 1][f % inputs][g % inputs];
            }
        }
        this.cStar = cStar;
        this.action = steps > 1 ? new CollectiveFieldAction(cb, cw, cStar, inputs, tied) : null;
        this.pairs = steps > 1 ? action.pairs() : new int[0][];
        this.oStar = new double[2 * pairs.length];
        for (int u = 0; u < pairs.length; u++) {
            int f = pairs[u][0];
            int g = pairs[u][1];
            oStar[u] = phiPhi(engine, c, f, g);
            oStar[pairs.length + u] = cStar[f][g];
        }
    }

    /**
     * The coordinates of the action (the Phi and R pairs it depends on): 2 N(N+1)/2 for tied weights, 2 (T-1) P(P+1)/2
     * untied, N = (T-1) P.
     */
    public static long coordinates(int steps, int inputs, boolean tied) {
        long n = (long) (steps - 1) * inputs;
        return tied ? n * (n + 1) : (long) (steps - 1) * inputs * (inputs + 1);
    }

    /**
     * An estimate of the CPU seconds of {@link #evaluate} on the 2-core development machine: every point of every
     * shift costs about m^2 operations (the covariance of the coordinates and kappa3's quadratic form, twice), every
     * shift m^3 (the one-loop inversions), at about 6 ns each (measured on the idle machine: 100 s for m = 342,
     * T = 10 steps of two inputs, with 2^13 points x 16 shifts, estimated 96 s; for m = 110 5.8 s against 9.6 s, and
     * 57 s with 2^17 points against 152 s: a bound rather than a forecast for small m).
     */
    public static double estimatedSeconds(int steps, int inputs, boolean tied, Quadrature rule) {
        double m = coordinates(steps, inputs, tied);
        return 6e-9 * rule.shifts() * (rule.points() * m * m + m * m * m);
    }

    /**
     * The statistics of every step.
     *
     * @param sigma  the activation, pointwise
     * @param engine Gaussian expectations of the activation (for the saddle point)
     * @param gram   K^(1), the covariance of z^(1)
     * @param steps  T &gt;= 1
     * @throws NumericalTrouble when a kernel is not finite, not positive semidefinite, or C* is singular
     */
    public static Result evaluate(DoubleUnaryOperator sigma, GaussianMoments engine, double cb, double cw,
                                  double[][] gram, int steps, boolean tied, Quadrature quadrature) {
        if (steps < 1) {
            throw new IllegalArgumentException("need at least one step, got " + steps);
        }
        return new CollectiveFieldTheory(sigma, engine, cb, cw, gram, steps, tied).run(quadrature);
    }

    private Result run(Quadrature quadrature) {
        int m = oStar.length;
        List<double[]> estimates = new ArrayList<>();
        if (m > 0) {
            double[][] h2 = action.hessian();
            PivotedCholesky root = PivotedCholesky.of("the saddle-point covariance of z(1..T)", processCovariance());
            double[][] r = root.root();
            double[][] base = sobol(root.rank(), quadrature.points());
            SplittableRandom random = new SplittableRandom(quadrature.seed());
            double[][] shifts = new double[quadrature.shifts()][root.rank()];
            List<double[][]> covariances = new ArrayList<>();
            double[][] pooled = new double[m][m];
            for (double[] shift : shifts) {
                for (int k = 0; k < shift.length; k++) {
                    shift[k] = random.nextDouble();
                }
                double[][] sigma = covariance(deviations(base, r, shift));
                exactGaussianBlock(sigma);
                covariances.add(sigma);
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        pooled[a][b] += sigma[a][b] / shifts.length;
                    }
                }
            }
            Fluctuations all = new Fluctuations(pooled, h2);
            double[] kappaPooled = new double[m];
            for (int s = 0; s < shifts.length; s++) {
                double[][] dO = deviations(base, r, shifts[s]);
                Fluctuations own = new Fluctuations(covariances.get(s), h2);
                double[][] kappas = kappa3(dO, own.tilt, all.tilt);
                addGaussianCumulant(kappas[0], own.tilt);
                addGaussianCumulant(kappas[1], all.tilt);
                estimates.add(own.statistics(kappas[0], action));
                for (int a = 0; a < m; a++) {
                    kappaPooled[a] += kappas[1][a] / shifts.length;
                }
            }
            estimates.add(0, all.statistics(kappaPooled, action));
        }
        List<Step> out = new ArrayList<>();
        out.add(firstStep(quadrature.shifts()));
        for (int t = 2; t <= steps; t++) {
            out.add(step(t, estimates));
        }
        return new Result(action != null && action.tied(), out, twoStep);
    }

    /** The covariance of nu* over z(1..T): K^(1) for step 1, independent of C* on steps 2..T. */
    private double[][] processCovariance() {
        int d = steps * inputs;
        double[][] k = new double[d][d];
        for (int f = 0; f < d; f++) {
            for (int g = 0; g < d; g++) {
                int t = f / inputs;
                int s = g / inputs;
                k[f][g] = (t == 0) != (s == 0) ? 0 : twoStep[t][s][f % inputs][g % inputs];
            }
        }
        return k;
    }

    /** The first {@code count} points of the Sobol sequence in {@code dimension} dimensions. */
    private static double[][] sobol(int dimension, int count) {
        SobolSequenceGenerator generator = new SobolSequenceGenerator(Math.max(dimension, 1));
        double[][] points = new double[count][];
        for (int i = 0; i < count; i++) {
            points[i] = generator.nextVector();
        }
        return points;
    }

    /**
     * dO = O(z) - O* at every point of one random shift of the base points, and in the last column the importance
     * weight of the point: the normals are drawn with standard deviation {@link #SPREAD} and reweighted by
     * prod_k phi(g_k) / phi_SPREAD(g_k), which makes the integrands (polynomials in z times the weight) bounded on
     * the unit cube, where quasi-Monte Carlo converges, instead of unbounded in its corners.
     */
    private double[][] deviations(double[][] base, double[][] root, double[] shift) {
        NormalDistribution normal = new NormalDistribution(0, 1);
        int rank = shift.length;
        int d = steps * inputs;
        int m = oStar.length;
        int half = pairs.length;
        double[][] dO = new double[base.length][m + 1];
        double[] g = new double[rank];
        double[] z = new double[d];
        double[] phi = new double[d];
        for (int i = 0; i < base.length; i++) {
            for (int k = 0; k < rank; k++) {
                double u = base[i][k] + shift[k];
                u = u - Math.floor(u);
                g[k] = SPREAD * normal.inverseCumulativeProbability(Math.min(Math.max(u, 1e-17), 1 - 1e-16));
            }
            double logWeight = 0;
            for (int k = 0; k < rank; k++) {
                logWeight += Math.log(SPREAD) - 0.5 * g[k] * g[k] * (1 - 1 / (SPREAD * SPREAD));
            }
            dO[i][m] = Math.exp(logWeight);
            for (int f = 0; f < d; f++) {
                double sum = 0;
                for (int k = 0; k < rank; k++) {
                    sum += root[f][k] * g[k];
                }
                z[f] = sum;
                phi[f] = sigma.applyAsDouble(sum);
            }
            for (int u = 0; u < half; u++) {
                int f = pairs[u][0];
                int h = pairs[u][1];
                dO[i][u] = phi[f] * phi[h] - oStar[u];
                dO[i][half + u] = z[f + inputs] * z[h + inputs] - oStar[half + u];
            }
        }
        return dO;
    }

    /** The weighted covariance of the rows of dO about their weighted mean (dO is centred in place). */
    private static double[][] covariance(double[][] dO) {
        double total = centre(dO);
        int m = dO[0].length - 1;
        double[][] sigma = new double[m][m];
        for (double[] x : dO) {
            double w = x[m] / total;
            for (int a = 0; a < m; a++) {
                double xa = w * x[a];
                double[] row = sigma[a];
                for (int b = a; b < m; b++) {
                    row[b] += xa * x[b];
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                sigma[b][a] = sigma[a][b];
            }
        }
        return sigma;
    }

    /**
     * kappa3[M]_a = weighted mean of dO_a (dO^T M dO) over the (centred) rows, for the two matrices M given, without
     * the part where a, b and c are all R-coordinates (Gaussian, added exactly by {@link #addGaussianCumulant}).
     */
    private static double[][] kappa3(double[][] dO, double[][] first, double[][] second) {
        double total = centre(dO);
        int m = first.length;
        double[][] kappa = new double[2][m];
        int half = m / 2;
        for (double[] x : dO) {
            double w = x[m] / total;
            double q1 = w * quadratic(first, x, 0);
            double q2 = w * quadratic(second, x, 0);
            double r1 = w * quadratic(first, x, half);
            double r2 = w * quadratic(second, x, half);
            for (int a = 0; a < half; a++) {
                kappa[0][a] += x[a] * q1;
                kappa[1][a] += x[a] * q2;
            }
            for (int a = half; a < m; a++) {
                kappa[0][a] += x[a] * (q1 - r1);
                kappa[1][a] += x[a] * (q2 - r2);
            }
        }
        return kappa;
    }

    /** sum over a, b &gt;= from of x_a M_ab x_b. */
    private static double quadratic(double[][] matrix, double[] x, int from) {
        double q = 0;
        for (int a = from; a < matrix.length; a++) {
            double sum = 0;
            double[] row = matrix[a];
            for (int b = from; b < matrix.length; b++) {
                sum += row[b] * x[b];
            }
            q += x[a] * sum;
        }
        return q;
    }

    /**
     * The Gaussian fluctuations about the saddle point for one estimate of Sigma, by the shared one-loop machinery
     * {@link OneLoop}: the tilt M = (1 + H2 Sigma)^-1 H2 that kappa3 is contracted with, Sigma' and K1.
     */
    private static final class Fluctuations {

        final double[][] tilt;
        final OneLoop loop;

        Fluctuations(double[][] sigma, double[][] h2) {
            this.loop = OneLoop.of(sigma, h2);
            this.tilt = loop.tilt();
        }

        /** K1 (m entries) then V4 = Sigma' (m x m, row-major), given kappa3[tilt]. */
        double[] statistics(double[] kappa, CollectiveFieldAction action) {
            int m = tilt.length;
            double[] k1 = loop.meanShift(kappa, action::thirdContracted);
            double[][] sigmaPrime = loop.covariance();
            double[] out = new double[m + m * m];
            System.arraycopy(k1, 0, out, 0, m);
            for (int a = 0; a < m; a++) {
                System.arraycopy(sigmaPrime[a], 0, out, m + a * m, m);
            }
            return out;
        }
    }

    /** Step t &gt;= 2: K0 = C*(t, t), and K1, V4 at its R-coordinates, averaged over the shifts with their errors. */
    private Step step(int t, List<double[]> estimates) {
        int m = oStar.length;
        int half = pairs.length;
        int[][] index = new int[inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                index[a][b] = half + pairIndex((t - 2) * inputs + Math.min(a, b), (t - 2) * inputs + Math.max(a, b));
            }
        }
        double[][] k1 = new double[inputs][inputs];
        double[][] k1Error = new double[inputs][inputs];
        double[][][] k1Shifts = new double[inputs][inputs][];
        double[][][][] v4 = new double[inputs][inputs][inputs][inputs];
        double[][][][] v4Error = new double[inputs][inputs][inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                double[] k = meanAndError(estimates, index[a][b]);
                k1[a][b] = k[0];
                k1Error[a][b] = k[1];
                k1Shifts[a][b] = new double[estimates.size() - 1];
                for (int shift = 1; shift < estimates.size(); shift++) {
                    k1Shifts[a][b][shift - 1] = estimates.get(shift)[index[a][b]];
                }
                for (int c = 0; c < inputs; c++) {
                    for (int d = 0; d < inputs; d++) {
                        double[] v = meanAndError(estimates, m + index[a][b] * m + index[c][d]);
                        v4[a][b][c][d] = v[0];
                        v4Error[a][b][c][d] = v[1];
                    }
                }
            }
        }
        return new Step(t, copy(twoStep[t - 1][t - 1]), k1, v4, k1Error, v4Error, k1Shifts);
    }

    private int pairIndex(int f, int g) {
        for (int u = 0; u < pairs.length; u++) {
            if (pairs[u][0] == f && pairs[u][1] == g) {
                return u;
            }
        }
        throw new IllegalStateException("no coordinate (" + f + ", " + g + ")");
    }

    /**
     * Entry k of the pooled estimate (estimates[0], from all points) and its standard error, the spread of the
     * per-shift estimates (estimates[1..S]) divided by sqrt(S).
     */
    private static double[] meanAndError(List<double[]> estimates, int k) {
        int s = estimates.size() - 1;
        double mean = 0;
        for (double[] e : estimates.subList(1, s + 1)) {
            mean += e[k];
        }
        mean /= s;
        double square = 0;
        for (double[] e : estimates.subList(1, s + 1)) {
            square += (e[k] - mean) * (e[k] - mean);
        }
        double value = estimates.get(0)[k];
        double error = Math.sqrt(square / (s - 1) / s);
        if (!Double.isFinite(value) || !Double.isFinite(error)) {
            throw new NumericalTrouble("the one-loop statistics are not finite (entry " + k + ")");
        }
        return new double[] {value, error};
    }

    /** E_nu*[phi_f phi_g]: phi_f = sigma(z) at step f / P + 1, sample f % P, under the saddle-point kernel c. */
    private double phiPhi(GaussianMoments engine, double[][][][] c, int f, int g) {
        int t = f / inputs;
        int s = g / inputs;
        int a = f % inputs;
        int b = g % inputs;
        if (f == g) {
            return engine.expect(new double[][] {{c[t][t][a][a]}}, new int[] {2}, new int[] {0});
        }
        double[][] covariance = {{c[t][t][a][a], c[t][s][a][b]}, {c[s][t][b][a], c[s][s][b][b]}};
        return engine.expect(covariance, new int[] {1, 1}, new int[] {0, 0});
    }

    /**
     * Subtracts the points' own weighted mean from every coordinate (returns the sum of the weights): the sample central moments, whose quasi-Monte Carlo
     * error is far smaller than that of raw moments about the exact mean O* (the product of a mean error with the
     * large mean of dO^T M dO drops out).
     */
    /**
     * Replaces the R-R block of Sigma by its exact Gaussian value: z(2..T) ~ N(0, C*), so by Isserlis
     * Cov(z_f z_g, z_h z_k) = C*_fh C*_gk + C*_fk C*_gh. This control variate removes the quasi-Monte Carlo noise of
     * the unbounded Gaussian fourth moments.
     */
    private void exactGaussianBlock(double[][] sigma) {
        int half = pairs.length;
        for (int u = 0; u < half; u++) {
            for (int v = 0; v < half; v++) {
                int f = pairs[u][0];
                int g = pairs[u][1];
                int h = pairs[v][0];
                int k = pairs[v][1];
                sigma[half + u][half + v] = cStar[f][h] * cStar[g][k] + cStar[f][k] * cStar[g][h];
            }
        }
    }

    /**
     * Adds to kappa3[M]_a, for the R-coordinates a, the exact part sum over R-coordinates b, c of
     * kappa3^{abc} M_bc: the third cumulant of Gaussian quadratics, cum(z_i z_j, z_k z_l, z_p z_q) = sum over the 8
     * cyclic pairings of C*_xy C*_y'w C*_w'x' (x one of i, j and x' the other; y of k, l; w of p, q).
     */
    private void addGaussianCumulant(double[] kappa, double[][] tilt) {
        int half = pairs.length;
        for (int a = 0; a < half; a++) {
            double sum = 0;
            for (int b = 0; b < half; b++) {
                for (int c = 0; c < half; c++) {
                    double mbc = tilt[half + b][half + c];
                    if (mbc != 0) {
                        sum += cumulant(pairs[a], pairs[b], pairs[c]) * mbc;
                    }
                }
            }
            kappa[half + a] += sum;
        }
    }

    private double cumulant(int[] first, int[] second, int[] third) {
        double sum = 0;
        for (int x = 0; x < 2; x++) {
            for (int y = 0; y < 2; y++) {
                for (int w = 0; w < 2; w++) {
                    sum += cStar[first[x]][second[y]] * cStar[second[1 - y]][third[w]] * cStar[third[1 - w]][first[1 - x]];
                }
            }
        }
        return sum;
    }

    private static double centre(double[][] dO) {
        int m = dO[0].length - 1;
        double[] mean = new double[m];
        double total = 0;
        for (double[] x : dO) {
            total += x[m];
            for (int a = 0; a < m; a++) {
                mean[a] += x[m] * x[a];
            }
        }
        for (double[] x : dO) {
            for (int a = 0; a < m; a++) {
                x[a] -= mean[a] / total;
            }
        }
        return total;
    }

    private Step firstStep(int shifts) {
        double[][][][] v4 = new double[inputs][inputs][inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                for (int c = 0; c < inputs; c++) {
                    for (int d = 0; d < inputs; d++) {
                        v4[a][b][c][d] = gram[a][c] * gram[b][d] + gram[a][d] * gram[b][c];
                    }
                }
            }
        }
        return new Step(1, copy(gram), new double[inputs][inputs], v4, new double[inputs][inputs],
                new double[inputs][inputs][inputs][inputs], new double[inputs][inputs][shifts]);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
