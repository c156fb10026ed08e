package org.feynet.numerics;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Gaussian moments of a smooth activation by product Gauss–Hermite quadrature in Cholesky coordinates.
 *
 * <h2>Formula</h2>
 * For k distinct samples with covariance K = L L^T (pivoted Cholesky of rank r, see {@link PivotedCholesky}),
 * z = L u with u ~ N(0, I_r), and
 * <pre>
 *   E[ prod_x f_x(z_x) ] = sum_{i_0} w_{i_0} f_{p_0}(z_{p_0}) sum_{i_1} w_{i_1} f_{p_1}(z_{p_1}) ... ,
 *   f_x(z) = (d/dz)^{d_x} sigma(z)^{m_x} = d_x! [t^{d_x}] ( sum_{j <= d_x} sigma^(j)(z) t^j / j! )^{m_x},
 * </pre>
 * where z_{p_j} depends on u_0..u_j only (the triangular structure), so f_{p_j} is evaluated once per
 * node tuple (i_0..i_j): N_0 times for the first pivot, N_0 N_1 times for the second, and so on. Samples
 * beyond the rank (identical samples, zero variance) are evaluated with the last pivot. Each f_x is read
 * off the activation's jet by truncated Taylor-series multiplication (no finite differences); by
 * Price's theorem (PDLT section 4.1; the conventions of docs/OUTPUTS.md) the derivative cases are the kernel derivatives
 * of the plain moments. A product of derivatives of sigma, f_x(z) = (d/dz)^{d_x} prod_k (sigma^(k)(z))^{m_k}, is
 * read off the jet the same way:
 * <pre>
 *   f_x(z) = d_x! [t^{d_x}] prod_k ( sum_{j <= d_x} sigma^(k+j)(z) t^j / j! )^{m_k},
 * </pre>
 * which needs the jet up to the highest k plus d_x (at most {@value #MAX_DERIVATIVE}). The rule is the Gauss–Hermite
 * rule for N(0, 1) of {@link GaussHermiteRule}
 * (Hipparchus' {@code GaussIntegratorFactory.hermite} rescaled by sqrt 2 gives the same nodes for small
 * orders but cannot build the orders used here).
 *
 * <h2>Node counts</h2>
 * Coordinate u_j has conditional standard deviation s_j = L[j][j] in z units. Activations vary on a
 * scale of order 1 in z (tanh has poles at z = +-i pi/2, of order m + d in f_{m,d}); the Gauss–Hermite
 * error for such an integrand decays like exp(-c sqrt(N) / s), so the order needed grows like s^2 and
 * with the pole order. Coordinate j gets
 * <pre>
 *   N_j = clamp( nodesPerDimension * s_j^2 * (2 + q_j) / 3, {@value #MIN_ORDER}, {@value #MAX_FACTOR} * nodesPerDimension ),
 *   q_j = max over the samples from pivot j on of (m_x + d_x),   m_x = sum_k (k + 1) m_{x,k} for products of
 *         derivatives (sigma^(k) of tanh has poles of order k + 1),
 * </pre>
 * rounded up to a multiple of 8 (to share cached rules, see {@link GaussHermiteRule}). Where the formula asks for
 * more than {@value #UNRESOLVED} times the cap (variances beyond about 20 to 70, depending on q) the expectation is
 * refused as {@link NumericalTrouble}: the capped rule no longer resolves the activation (see {@link #UNRESOLVED}). Pivoting makes
 * s_0 >= s_1 >= ... and |L[i][j]| <= s_j, so later samples vary on u_j no faster than sample p_j does,
 * and highly correlated samples cost little beyond the first. Node tuples whose product of weights
 * falls below {@value #PRUNE} are skipped (the neglected Gaussian mass is below 1e-17, and stays
 * negligible for polynomial growth up to degree 16).
 *
 * <h2>Speed-ups that do not change the formula</h2>
 * <ul>
 * <li>The innermost sum G(mu) = sum_i w_i f_{p_{r-1}}(mu + s_{r-1} u_i) depends on the outer nodes only
 *     through its shift mu. When the outer tuples outnumber (three times) the points needed, G is
 *     tabulated on a uniform grid over |mu| <= {@value #TABLE_REACH} standard deviations of mu and
 *     interpolated with 10-point barycentric Lagrange ({@link UniformTable}); the spacing is halved until
 *     the coarse table reproduces the new midpoints to {@value #TABLE_TOLERANCE} max|G|, then the fine
 *     table is used (about 2^-10 more accurate still). Shifts outside the table are summed directly.</li>
 * <li>A level whose samples do not depend on earlier coordinates (a block-diagonal K) is summed once.</li>
 * </ul>
 * Cost: about prod_{j < r-1} (number of unpruned nodes of level j) jet evaluations, which is
 * proportional to the z-space volume of the kernel's Gaussian, sqrt(det) of the leading block.
 *
 * <h2>Accuracy (measured)</h2>
 * Against the exact engines ({@link SinMoments}, {@link LinearMoments}), the arcsine kernel for erf
 * and runs with 4x the nodes, over 40 random cases per activation with k = 1..4, variances in
 * [0.05, 5], correlations up to 0.999, m_x in 1..4, d_x in 0..4 (GaussHermiteConvergenceProbe), the
 * worst relative error (absolute where the value is below 1e-3) was:
 * <pre>
 *   nodesPerDimension      60        80        100       120 (default)
 *   tanh                   1e-6      9e-9      1.3e-10   3e-12
 *   erf                    9e-9      5e-12     9e-12     9e-12
 *   gelu                   1.3e-12   1.3e-12   1.2e-12   1.2e-12
 *   swish                  1.6e-11   (larger orders not run: already below the target)
 * </pre>
 * sin and linear match their exact engines to 1e-12 at the default (unit tests). tanh is the hardest
 * case (its poles are the nearest to the real axis), which fixes the default. Rounding limits the
 * relative accuracy to about 1e-13 times (typical size of the integrand / |moment|), so moments that
 * nearly vanish by symmetry carry absolute, not relative, errors of that size. Products of derivatives
 * (factors sigma'..sigma''', outer derivatives up to 2, 1..4 samples, variances in [0.3, 2]) match
 * {@link SinMoments} to 9e-14 and {@link LinearMoments} to 2e-15, and for tanh the rule of twice the nodes
 * to 1.1e-12 (DerivativeFactorMomentsTest).
 *
 * <h2>Timing (default nodes, one 4-sample tanh moment, 2-core shared machine, JIT warm)</h2>
 * K = 1 with all correlations 0.5: 10 ms (m = 1, d = 0) to 15 ms (d = 1); correlations 0.9: 2.5 to
 * 4 ms; K = 0.5, correlations 0.9: 1.6 to 2.8 ms; K = 5, correlations 0.5: 110 to 170 ms, and 660 ms
 * for m = 4, d = (4, 4, 0, 0); K = 5, correlations 0.999: 8 to 17 ms (GaussHermiteTimingProbe).
 *
 * <p>Instances are immutable and thread-safe (all scratch space is per call); rules are cached globally.
 */
public final class GaussHermiteMoments implements GaussianMoments {

    /** Default Gauss–Hermite order for a coordinate of unit conditional standard deviation. */
    public static final int DEFAULT_NODES = 120;

    static final int MIN_ORDER = 24;
    static final int MAX_FACTOR = 24;
    static final double PRUNE = 1e-22;
    static final double TABLE_TOLERANCE = 1e-11;
    /** The table covers shifts up to this many standard deviations of the shift. */
    static final double TABLE_REACH = 11.0;
    /**
     * Beyond this multiple of the capped order the rule no longer resolves the activation's scale (nodes spaced
     * about pi / sqrt(2N) near the centre, against features of width 1/s in u). Measured on one-sample tanh moments
     * E[(d/dz)^d tanh^m], m = 1..4, d = 0..4, variances 10 to 100, against 25-digit adaptive quadrature (mpmath):
     * the worst relative error was 1e-13 up to 1.4 times the capped order, 4e-10 at 2.2 times, 1e-6 at 3.3 to 4.4
     * times and 6e-2 at 14 times (tanh^2 at variance 1e6, 2e5 times, is off in the fourth digit). Expectations that
     * would need more than this multiple are refused ({@link NumericalTrouble}) rather than returned inaccurate.
     */
    static final int UNRESOLVED = 2;
    /** Bound on the total power of sigma in one expectation, for {@link #polynomial}. */
    static final int POLYNOMIAL_POWERS = 16;
    /** Largest derivative order the jets support (ActivationJet: at least 9 entries). */
    static final int MAX_DERIVATIVE = 8;

    private static final double[] FACTORIAL = new double[MAX_DERIVATIVE + 1];
    private static final double[] INV_FACTORIAL = new double[MAX_DERIVATIVE + 1];

    static {
        FACTORIAL[0] = 1.0;
        for (int j = 1; j <= MAX_DERIVATIVE; j++) {
            FACTORIAL[j] = FACTORIAL[j - 1] * j;
        }
        for (int j = 0; j <= MAX_DERIVATIVE; j++) {
            INV_FACTORIAL[j] = 1.0 / FACTORIAL[j];
        }
    }

    private final ActivationJet jet;
    private final int nodesPerDimension;
    /** The fixed order of every coordinate for a polynomial activation ({@link #polynomial}); 0 otherwise. */
    private final int polynomialOrder;

    /** Node counts tried by {@link #calibrated}, in order. */
    static final int[] CALIBRATION_NODES = {120, 160, 240, 320, 480};
    /** Agreement with the doubled rule that {@link #calibrated} asks of one-sample moments. */
    static final double CALIBRATION_TOLERANCE = 1e-11;

    /**
     * An engine whose node count suits this activation. The default count is tuned on tanh, whose poles at
     * +-i pi/2 set the quadrature's convergence rate; an activation with singularities closer to the real axis
     * (1/(1+z^2) has poles at +-i) converges more slowly. Since the order per coordinate scales with its variance,
     * the count can be calibrated on one-sample moments at unit and larger variance: the first count in
     * {@link #CALIBRATION_NODES} whose moments E[(d/dz)^d sigma^m] (m = 1..4, d = 0..4, variances 1 and 4) agree
     * with the rule of twice the count to {@value #CALIBRATION_TOLERANCE} relative (or absolute, for moments below
     * one) is taken.
     *
     * @throws NumericalTrouble when no count in the list converges
     */
    public static GaussHermiteMoments calibrated(ActivationJet jet) {
        for (int nodes : CALIBRATION_NODES) {
            GaussHermiteMoments engine = new GaussHermiteMoments(jet, nodes);
            GaussHermiteMoments finer = new GaussHermiteMoments(jet, 2 * nodes);
            if (agree(engine, finer)) {
                return engine;
            }
        }
        throw new NumericalTrouble("Gauss-Hermite quadrature of this activation does not converge to "
                + CALIBRATION_TOLERANCE + " with up to " + 2 * CALIBRATION_NODES[CALIBRATION_NODES.length - 1]
                + " nodes per unit standard deviation (singularities too close to the real axis?)");
    }

    private static boolean agree(GaussHermiteMoments a, GaussHermiteMoments b) {
        for (double variance : new double[] {1.0, 4.0}) {
            double[][] k = {{variance}};
            for (int m = 1; m <= 4; m++) {
                for (int d = 0; d <= 4; d++) {
                    double x = a.expect(k, new int[] {m}, new int[] {d});
                    double y = b.expect(k, new int[] {m}, new int[] {d});
                    if (Math.abs(x - y) > CALIBRATION_TOLERANCE * Math.max(1.0, Math.abs(y))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Uses {@link #DEFAULT_NODES} nodes per unit-scale dimension. */
    public GaussHermiteMoments(ActivationJet jet) {
        this(jet, DEFAULT_NODES);
    }

    /**
     * @param jet               the activation's derivatives
     * @param nodesPerDimension Gauss–Hermite order for a coordinate of unit conditional standard deviation
     *                          (scaled per coordinate as described above), at least 2
     */
    public GaussHermiteMoments(ActivationJet jet, int nodesPerDimension) {
        if (jet == null) {
            throw new IllegalArgumentException("jet must not be null");
        }
        if (nodesPerDimension < 2) {
            throw new IllegalArgumentException("nodesPerDimension must be >= 2, got " + nodesPerDimension);
        }
        this.jet = jet;
        this.nodesPerDimension = nodesPerDimension;
        this.polynomialOrder = 0;
    }

    private GaussHermiteMoments(ActivationJet jet, int nodesPerDimension, int polynomialOrder) {
        this.jet = jet;
        this.nodesPerDimension = nodesPerDimension;
        this.polynomialOrder = polynomialOrder;
    }

    /**
     * The engine for a polynomial activation of degree D: every integrand is then a polynomial in each coordinate,
     * of degree at most D times the total power of sigma (at most {@value #POLYNOMIAL_POWERS} in any moment feynet
     * forms), and the N-point rule is exact up to degree 2N - 1, so one order N = max({@value #MIN_ORDER},
     * (D {@value #POLYNOMIAL_POWERS} + 1) / 2) serves every variance: no variance-scaled orders, no calibration and no
     * refusal of large variances (a polynomial kernel may grow without bound, and criticality must see it flow).
     */
    public static GaussHermiteMoments polynomial(ActivationJet jet, int degree) {
        if (jet == null) {
            throw new IllegalArgumentException("jet must not be null");
        }
        int order = Math.max(MIN_ORDER, (degree * POLYNOMIAL_POWERS + 2) / 2);
        return new GaussHermiteMoments(jet, order, ((order + 7) / 8) * 8);
    }

    public int nodesPerDimension() {
        return nodesPerDimension;
    }

    /**
     * The Gauss–Hermite order for a coordinate of conditional standard deviation s whose own and later
     * samples have at most q = max(m_x + d_x) (the order of the poles of the integrand, for tanh).
     */
    int orderFor(double s, int q) {
        if (polynomialOrder > 0) {
            return polynomialOrder;
        }
        double want = nodesPerDimension * s * s * (2.0 + q) / 3.0;
        int cap = MAX_FACTOR * nodesPerDimension;
        if (want > UNRESOLVED * cap) {
            throw new NumericalTrouble(String.format(java.util.Locale.ROOT, "a Gaussian expectation at variance %.3g"
                    + " needs about %.2g Gauss-Hermite nodes per dimension, more than the %d that keep it accurate:"
                    + " the preactivations are too large (lower Cw, Cb or the inputs)", s * s,
                    Math.min(want, Double.MAX_VALUE), UNRESOLVED * cap));
        }
        int n = (int) Math.min(cap, Math.max(MIN_ORDER, Math.ceil(want)));
        return ((n + 7) / 8) * 8;
    }

    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        PivotedCholesky cov = Covariance.factor(covariance, powers, derivatives, MAX_DERIVATIVE);
        int k = cov.dimension();
        for (int x = 0; x < k; x++) {
            if (powers[x] == 0 && derivatives[x] > 0) {
                return 0.0; // a derivative of the constant 1
            }
        }
        int[][] rows = new int[k][];
        for (int x = 0; x < k; x++) {
            rows[x] = new int[] {powers[x]};
        }
        return finite(new Evaluation(cov, rows, derivatives).run(), () -> "powers " + Arrays.toString(powers),
            derivatives);
    }

    /** Products of derivatives of sigma, f_x as in the class comment; any powers, highest k plus d_x at most 8. */
    @Override
    public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
        PivotedCholesky cov = Covariance.factor(covariance, factors, derivatives, Integer.MAX_VALUE);
        for (int x = 0; x < cov.dimension(); x++) {
            if (DerivativeFactors.count(factors[x]) == 0 && derivatives[x] > 0) {
                return 0.0; // a derivative of the constant 1
            }
        }
        return finite(new Evaluation(cov, factors, derivatives).run(),
            () -> "factors " + Arrays.deepToString(factors), derivatives);
    }

    private static double finite(double value, Supplier<String> what, int[] derivatives) {
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("Gaussian moment is " + value + " for " + what.get() + ", derivatives "
                + Arrays.toString(derivatives) + " (activation not finite on the quadrature nodes?)");
        }
        return value;
    }

    /** The scratch state of one expectation. */
    private final class Evaluation {
        private final int k;
        private final int rank;
        private final double[][] lower;
        private final int[][] row;      // by pivot position: powers of sigma^(k)
        private final boolean[] plain;  // by pivot position: a power of sigma alone
        private final int[] power;      // by pivot position: that power, for plain rows
        private final int[] deriv;      // by pivot position
        private final double[] product;
        private final double[] term;
        private final double[] scratch;
        private final double[][] jetBuf;
        private final double[] series;
        private final double[] square;
        private final double[] spare;
        private final double[][] acc;   // acc[j][i]: sum_{t<j} L[i][t] u_t
        private final GaussHermiteRule[] rules;
        private final boolean[] trivial; // power 0: factor 1
        private double constant = 1.0;   // factors of samples with z identically 0
        private final int[] dependent;   // pivot positions >= rank with a nonzero row
        private int dependentCount;
        private UniformTable table;     // the innermost sum as a function of its shift, or null
        private final boolean[] independent; // level j's sum does not depend on the outer nodes
        private final double[] cached;

        Evaluation(PivotedCholesky cov, int[][] rows, int[] derivatives) {
            k = cov.dimension();
            rank = cov.rank();
            lower = cov.lower();
            int[] pivots = cov.pivots();
            row = new int[k][];
            plain = new boolean[k];
            power = new int[k];
            deriv = new int[k];
            trivial = new boolean[k];
            jetBuf = new double[k][];
            int[] poles = new int[k];
            for (int i = 0; i < k; i++) {
                int x = pivots[i];
                int highest = DerivativeFactors.highestOrder(rows[x]);
                row[i] = rows[x];
                plain[i] = highest <= 0;
                power[i] = DerivativeFactors.power(rows[x], 0);
                deriv[i] = derivatives[x];
                trivial[i] = highest < 0;
                poles[i] = DerivativeFactors.poleOrder(rows[x]) + deriv[i];
                jetBuf[i] = new double[Math.max(highest, 0) + deriv[i] + 1];
            }
            series = new double[MAX_DERIVATIVE + 1];
            square = new double[MAX_DERIVATIVE + 1];
            spare = new double[MAX_DERIVATIVE + 1];
            product = new double[MAX_DERIVATIVE + 1];
            term = new double[MAX_DERIVATIVE + 1];
            scratch = new double[MAX_DERIVATIVE + 1];
            acc = new double[rank + 1][k];
            rules = new GaussHermiteRule[rank];
            for (int j = 0; j < rank; j++) {
                int q = 0;
                for (int i = j; i < k; i++) {
                    q = Math.max(q, poles[i]);
                }
                rules[j] = GaussHermiteRule.of(orderFor(lower[j][j], q));
            }
            independent = new boolean[rank];
            cached = new double[rank];
            for (int j = 1; j < rank; j++) {
                boolean free = true;
                for (int i = j; i < k; i++) {
                    for (int t = 0; t < j; t++) {
                        free &= lower[i][t] == 0.0;
                    }
                }
                independent[j] = free;
                cached[j] = Double.NaN;
            }
            dependent = new int[k];
            for (int i = rank; i < k; i++) {
                if (trivial[i]) {
                    continue;
                }
                boolean zero = true;
                for (int t = 0; t < rank; t++) {
                    zero &= lower[i][t] == 0.0;
                }
                if (zero) {
                    constant *= factor(i, 0.0);
                } else {
                    dependent[dependentCount++] = i;
                }
            }
        }

        double run() {
            if (rank == 0 || constant == 0.0) {
                return constant;
            }
            if (rank >= 2 && dependentCount == 0 && !trivial[rank - 1]) {
                table = tabulateLast(countOuter(0, 1.0));
            }
            return constant * level(0, 1.0);
        }

        /** Number of node tuples (i_0 .. i_{rank-2}) that survive pruning. */
        private long countOuter(int j, double weightSoFar) {
            if (j == rank - 1) {
                return 1;
            }
            GaussHermiteRule rule = rules[j];
            long count = 0;
            for (int node = 0; node < rule.size(); node++) {
                double cumulative = weightSoFar * rule.weight(node);
                if (cumulative < PRUNE) {
                    break;
                }
                count += countOuter(j + 1, cumulative);
            }
            return count;
        }

        /** G(mu) = sum_i w_i f_last(mu + s u_i), the innermost sum, as a function of its shift. */
        private double inner(double mu) {
            int j = rank - 1;
            GaussHermiteRule rule = rules[j];
            double s = lower[j][j];
            double sum = 0.0;
            for (int node = 0; node < rule.size(); node++) {
                double w = rule.weight(node);
                if (w < PRUNE) {
                    break;
                }
                sum += w * factor(j, mu + s * rule.node(node));
            }
            return sum;
        }

        /**
         * Tabulates the innermost sum over the shifts the outer nodes can produce, halving the spacing
         * until interpolation from the coarse grid reproduces the new midpoints within
         * {@value #TABLE_TOLERANCE} of max |G| (the finer grid is then used, about 2^-10 more accurate).
         * Returns null when the table would cost more than a fraction of the direct sums.
         */
        private UniformTable tabulateLast(long outer) {
            int j = rank - 1;
            double spread = 0.0;
            for (int t = 0; t < j; t++) {
                spread += lower[j][t] * lower[j][t];
            }
            double reach = TABLE_REACH * Math.sqrt(spread);
            long budget = outer / 3;
            double h = 0.25 * Math.max(lower[j][j], 0.1);
            int n = (int) Math.ceil(2 * reach / h) + UniformTable.STENCIL;
            if (reach == 0.0 || n > budget) {
                return null;
            }
            double lo = -0.5 * (n - 1) * h;
            double[] g = new double[n];
            double max = 0.0;
            for (int i = 0; i < n; i++) {
                g[i] = inner(lo + i * h);
                max = Math.max(max, Math.abs(g[i]));
            }
            long spent = n;
            while (true) {
                UniformTable coarse = new UniformTable(lo, h, g);
                int fineN = 2 * n - 1;
                spent += n - 1;
                if (spent > budget) {
                    return null;
                }
                double[] fine = new double[fineN];
                double err = 0.0;
                for (int i = 0; i < n; i++) {
                    fine[2 * i] = g[i];
                }
                for (int i = 0; i + 1 < n; i++) {
                    double x = lo + (i + 0.5) * h;
                    double v = inner(x);
                    fine[2 * i + 1] = v;
                    max = Math.max(max, Math.abs(v));
                    err = Math.max(err, Math.abs(v - coarse.value(x)));
                }
                h *= 0.5;
                n = fineN;
                g = fine;
                if (err <= TABLE_TOLERANCE * max) {
                    return new UniformTable(lo, h, g);
                }
            }
        }

        private double level(int j, double weightSoFar) {
            GaussHermiteRule rule = rules[j];
            double[] from = acc[j];
            double[] to = acc[j + 1];
            boolean last = j == rank - 1;
            if (last && table != null && table.covers(from[j])) {
                return table.value(from[j]);
            }
            if (independent[j] && !Double.isNaN(cached[j])) {
                return cached[j]; // the samples from pivot j on are independent of the earlier ones
            }
            double sum = 0.0;
            int n = rule.size();
            for (int node = 0; node < n; node++) {
                double w = rule.weight(node);
                double cumulative = weightSoFar * w;
                if (cumulative < PRUNE) {
                    break; // weights decrease along the rule
                }
                double u = rule.node(node);
                for (int i = j; i < k; i++) {
                    to[i] = from[i] + lower[i][j] * u;
                }
                double value = trivial[j] ? 1.0 : factor(j, to[j]);
                if (value == 0.0) {
                    continue;
                }
                if (last) {
                    for (int q = 0; q < dependentCount; q++) {
                        int i = dependent[q];
                        value *= factor(i, to[i]);
                    }
                } else {
                    value *= level(j + 1, cumulative);
                }
                sum += w * value;
            }
            if (independent[j]) {
                cached[j] = sum;
            }
            return sum;
        }

        /** f(z) for the sample at pivot position i. */
        private double factor(int i, double z) {
            return plain[i] ? power(i, z) : product(i, z);
        }

        /**
         * (d/dz)^d prod_k (sigma^(k)(z))^{m_k} for the sample at pivot position i: d! [t^d] of the product of the
         * truncated series sum_{j <= d} sigma^(k+j)(z) t^j / j!, one per factor.
         */
        private double product(int i, double z) {
            double[] s = jetBuf[i];
            jet.derivatives(z, s);
            int d = deriv[i];
            double[] p = product;
            double[] next = scratch;
            Arrays.fill(p, 0, d + 1, 0.0);
            p[0] = 1.0;
            for (int order = 0; order < row[i].length; order++) {
                for (int j = 0; j <= d && row[i][order] > 0; j++) {
                    term[j] = s[order + j] * INV_FACTORIAL[j];
                }
                for (int copy = 0; copy < row[i][order]; copy++) {
                    multiply(p, term, next, d);
                    double[] t = p;
                    p = next;
                    next = t;
                }
            }
            return p[d] * FACTORIAL[d];
        }

        /** (d/dz)^d sigma(z)^m for the sample at pivot position i. */
        private double power(int i, double z) {
            double[] s = jetBuf[i];
            jet.derivatives(z, s);
            int m = power[i];
            int d = deriv[i];
            if (m == 1) {
                return s[d];
            }
            for (int j = 0; j <= d; j++) {
                series[j] = s[j] * INV_FACTORIAL[j];
            }
            // power = series^(m-1) truncated at degree d, then only coefficient d of power * series
            double[] cur = series;
            double[] next = square;
            for (int p = 2; p < m; p++) {
                multiply(cur, series, next, d);
                double[] t = cur == series ? spare : cur;
                cur = next;
                next = t;
            }
            double top = coefficient(cur, series, d);
            return top * FACTORIAL[d];
        }
    }

    private static void multiply(double[] a, double[] b, double[] out, int d) {
        for (int n = 0; n <= d; n++) {
            out[n] = coefficient(a, b, n);
        }
    }

    private static double coefficient(double[] a, double[] b, int n) {
        double c = 0.0;
        for (int i = 0; i <= n; i++) {
            c += a[i] * b[n - i];
        }
        return c;
    }
}
