package org.feynet.numerics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The 1/n corrections to the correlation depths of a multilayer perceptron near its fixed point (issue 10 item 4;
 * docs/METHOD.md "Correlation depth at finite width").
 *
 * <h2>Definition</h2>
 * For P inputs the metric Ghat^(l) is a Markov chain in l (given layer l the preactivations of layer l+1 are
 * independent Gaussians with covariance Ghat^(l)). Its mean Kbar = E[Ghat] = K0 + K1/n + O(1/n^2) and its covariance
 * V/n = Cov(Ghat, Ghat) (V = V4 of docs/OUTPUTS.md) obey, in the coordinates g = (G_ab)_{a &lt;= b}, exactly to
 * O(1/n) (a Taylor expansion of E[h(Ghat)] around Kbar; the third cumulant is O(1/n^2)):
 * <pre>
 *   Kbar' = h(Kbar) + (1/2n) D^2h(Kbar) : V,          h_ab(g) = Cb + Cw &lt;sigma_a sigma_b&gt;_g,
 *   V'    = Dh V Dh^T + W(Kbar),                       W_(ab)(cd) = Cw^2 Cov_g(sigma_a sigma_b, sigma_c sigma_d),
 * </pre>
 * the PDLT recursions (4.90), (4.115) written for the mean instead of K0 and K1 separately. The depth scale at which
 * E[Ghat^(l)] reaches its limit is set by the eigenvalues of the Jacobian of this map at its fixed point
 * (Kbar*, V*). At n = infinity the map is block triangular: the kernel block Dh has the eigenvalues chi_par (single
 * input; twice for two inputs of equal norm) and chi_c, the V block Dh (x) Dh their pairwise products. A simple
 * eigenvalue chi of Dh that is no such product moves to chi + chi_1/n with, by first-order perturbation theory
 * (left and right eigenvectors u, v of Dh; the V block's left eigenvector component vanishes),
 * <pre>
 *   chi_1 = u . [ D^2h[g1] v + (1/2) D^3h[v] : V* + (1/2) D^2h : vV ] / (u . v),
 *   (I - Dh) g1 = (1/2) D^2h : V*            (g1 = K1 at the fixed point, the shift of Kbar*),
 *   vV = (chi - Dh (x) Dh)^-1 [ D^2h[v] V* Dh^T + Dh V* D^2h[v]^T + DW[v] ]   (the V part of the eigenvector).
 * </pre>
 * Every derivative of h and W is a Gaussian expectation by Price's theorem (d/dG_aa = (1/2) d_a^2, d/dG_ab =
 * d_a d_b, see {@link GaussianMoments}), so chi_1 is exact up to the engine's accuracy. Single input this is
 * <pre>
 *   chi_par_1 = f'' K1* + f''' V* / 2 + f'' (2 chi f'' V* + w') / (2 chi (1 - chi)),
 *   V* = w / (1 - chi^2),  K1* = f'' V* / (2 (1 - chi)),  f(K) = Cb + Cw &lt;sigma^2&gt;_K,  w = Cw^2 Var_K(sigma^2).
 * </pre>
 * Then xi(n) = -1/ln|chi + chi_1/n| = xi + xi_1/n + O(1/n^2) with xi_1 = chi_1 / (chi ln^2|chi|).
 *
 * <h2>In terms of K0 and K1</h2>
 * The K0 and K1 recursions have the same rate chi (a Jordan block): K0 - K* ~ A chi^l and K1 - K1* ~ (B + A l
 * chi_1/chi) chi^l, the secular term l chi^l being the first-order expansion of (chi + chi_1/n)^l. That is how the
 * tests read chi_1 off the generated recursions.
 *
 * <h2>Where it is not defined (empty, with a note)</h2>
 * At criticality (|chi| = 1 within the tolerance) xi is infinite and the approach is a power law; where chi is
 * degenerate with another eigenvalue of Dh (two inputs of a scale-invariant activation at c* = 1: chi_c = chi_par)
 * or resonant with a product of two (chi = lambda_i lambda_j), the first-order formula does not apply (the
 * correction is not analytic in 1/n); where the kernel has no fixed point or chi = 0.
 */
public final class FiniteWidthDepth {

    /** Eigenvalues closer than this count as degenerate or resonant. */
    public static final double GAP = 1e-4;

    private final GaussianMoments engine;
    private final double cb;
    private final double cw;

    /**
     * @param engine the Gaussian expectations of the activation
     * @param cb     bias variance
     * @param cw     weight variance
     */
    public FiniteWidthDepth(GaussianMoments engine, double cb, double cw) {
        this.engine = engine;
        this.cb = cb;
        this.cw = cw;
    }

    /**
     * The first-order finite-width correction of one decay rate.
     *
     * @param chi   the infinite-width rate (an eigenvalue of Dh)
     * @param chi1  its 1/n coefficient
     * @param xi    -1/ln|chi|
     * @param xi1   chi1 / (chi ln^2|chi|)
     * @param kStar1 the fixed point's 1/n shift K1* (a P x P matrix)
     * @param vStar V* = lim V4 in pair coordinates (pairs a &lt;= b in row-major order)
     */
    public record Rate(double chi, double chi1, double xi, double xi1, double[][] kStar1, double[][] vStar) {
        public Rate {
            kStar1 = copy(kStar1);
            vStar = copy(vStar);
        }

        @Override
        public double[][] kStar1() {
            return copy(kStar1);
        }

        @Override
        public double[][] vStar() {
            return copy(vStar);
        }

        private static double[][] copy(double[][] a) {
            double[][] out = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].clone();
            }
            return out;
        }
    }

    /** The corrections for the criticality analysis {@code c}: keys chi_par_1, xi_par_1, chi_c_1, xi_c_1. */
    public record Result(OptionalDouble chiPar1, OptionalDouble xiPar1, OptionalDouble chiC1, OptionalDouble xiC1,
                         OptionalDouble kStar1, OptionalDouble vStar, Map<String, String> notes) {
        public Result {
            notes = Map.copyOf(notes);
        }
    }

    /** chi_par_1, xi_par_1 (single input at K*) and chi_c_1, xi_c_1 (two inputs at K*, correlation c*) for {@code c}. */
    public static Result of(GaussianMoments engine, Criticality c) {
        FiniteWidthDepth d = new FiniteWidthDepth(engine, c.cb(), c.cw());
        Map<String, String> notes = new LinkedHashMap<>();
        OptionalDouble[] par = {OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty()};
        OptionalDouble[] corr = {OptionalDouble.empty(), OptionalDouble.empty()};
        String why = applicable(c, c.chiPar(), c.xiPar());
        if (why != null) {
            notes.put("chi_par_1", why);
        } else {
            double k = c.kStar().getAsDouble();
            try {
                Rate r = d.rate(new double[][] {{k}}, c.chiPar().getAsDouble());
                par = new OptionalDouble[] {OptionalDouble.of(r.chi1()), OptionalDouble.of(r.xi1()),
                        OptionalDouble.of(r.kStar1()[0][0]), OptionalDouble.of(r.vStar()[0][0])};
            } catch (IllegalStateException e) {
                notes.put("chi_par_1", e.getMessage());
            }
        }
        String whyC = applicable(c, c.chiC(), c.xiC());
        if (whyC == null && c.cStar().isEmpty()) {
            whyC = "c* is undefined";
        }
        if (whyC == null && c.universality() instanceof UniversalityClass.ScaleInvariant && c.cStar().getAsDouble() == 1) {
            whyC = "chi_c = chi_perp = chi_par (scale-invariant activation at c* = 1): a degenerate rate, whose 1/n"
                    + " correction is not analytic";
        }
        if (whyC != null) {
            notes.put("chi_c_1", whyC);
        } else {
            double k = c.kStar().getAsDouble();
            double k12 = c.cStar().getAsDouble() * k;
            try {
                Rate r = d.rate(new double[][] {{k, k12}, {k12, k}}, c.chiC().getAsDouble());
                corr = new OptionalDouble[] {OptionalDouble.of(r.chi1()), OptionalDouble.of(r.xi1())};
            } catch (IllegalStateException | UnsupportedOperationException | NumericalTrouble e) {
                notes.put("chi_c_1", e.getMessage());
            }
        }
        if (notes.containsKey("chi_par_1")) {
            notes.put("xi_par_1", notes.get("chi_par_1"));
            notes.put("K1_star", notes.get("chi_par_1"));
            notes.put("V4_star", notes.get("chi_par_1"));
        }
        if (notes.containsKey("chi_c_1")) {
            notes.put("xi_c_1", notes.get("chi_c_1"));
        }
        return new Result(par[0], par[1], corr[0], corr[1], par[2], par[3], notes);
    }

    private static String applicable(Criticality c, OptionalDouble chi, OptionalDouble xi) {
        if (c.flow() != Criticality.Flow.FIXED_POINT || c.kStar().isEmpty() || !(c.kStar().getAsDouble() > 0)) {
            return "needs a fixed point K* > 0 (the flow is " + c.flow().key() + ")";
        }
        if (chi.isEmpty() || xi.isEmpty()) {
            return "the infinite-width depth is undefined or infinite (at criticality the approach is a power law"
                    + " and its amplitudes, not its exponent, get l/n corrections)";
        }
        if (chi.getAsDouble() == 0) {
            return "chi = 0: the approach is faster than geometric";
        }
        return null;
    }

    /**
     * The 1/n correction of the eigenvalue {@code chi} of Dh at the fixed point {@code kStar} (P = 1 or 2).
     *
     * @throws IllegalStateException when chi is degenerate or resonant (see the class comment)
     */
    public Rate rate(double[][] kStar, double chi) {
        Brackets b = new Brackets(engine, kStar);
        int m = b.pairs.size();
        double[][] dh = new double[m][m];
        double[][][] d2h = new double[m][m][m];
        double[][][][] d3h = new double[m][m][m][m];
        double[][] w = new double[m][m];
        double[][][] dw = new double[m][m][m];
        for (int i = 0; i < m; i++) {
            int[] pi = b.powers(i);
            for (int j = 0; j < m; j++) {
                dh[i][j] = cw * b.expect(pi, j);
                int[] pj = b.powers(j);
                int[] pij = add(pi, pj);
                w[i][j] = cw * cw * (b.expect(pij) - b.expect(pi) * b.expect(pj));
                for (int k = 0; k < m; k++) {
                    d2h[i][j][k] = cw * b.expect(pi, j, k);
                    dw[i][j][k] = cw * cw * (b.expect(pij, k) - b.expect(pi, k) * b.expect(pj)
                            - b.expect(pi) * b.expect(pj, k));
                    for (int l = 0; l < m; l++) {
                        d3h[i][j][k][l] = cw * b.expect(pi, j, k, l);
                    }
                }
            }
        }
        RealMatrix jac = new Array2DRowRealMatrix(dh);
        checkGaps(jac, chi);
        RealMatrix kron = kronecker(jac);
        double[] vStarVec = solve(identity(m * m).subtract(kron), flatten(w), "V*");
        double[][] vStar = unflatten(vStarVec, m);
        double[] source = new double[m];
        for (int i = 0; i < m; i++) {
            source[i] = 0.5 * contract(d2h[i], vStar);
        }
        double[] g1 = solve(identity(m).subtract(jac), source, "K1*");
        SingularValueDecomposition svd = new SingularValueDecomposition(jac.subtract(identity(m).scalarMultiply(chi)));
        RealVector v = svd.getV().getColumnVector(m - 1);
        RealVector u = svd.getU().getColumnVector(m - 1);
        double[][] rV = new double[m][m];
        double[][] d2hv = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    d2hv[i][j] += d2h[i][j][k] * v.getEntry(k);
                }
            }
        }
        RealMatrix a = new Array2DRowRealMatrix(d2hv).multiply(new Array2DRowRealMatrix(vStar)).multiply(jac.transpose());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double dwv = 0;
                for (int k = 0; k < m; k++) {
                    dwv += dw[i][j][k] * v.getEntry(k);
                }
                rV[i][j] = a.getEntry(i, j) + a.getEntry(j, i) + dwv;
            }
        }
        double[][] vV = unflatten(solve(identity(m * m).scalarMultiply(chi).subtract(kron), flatten(rV), "the V part"
                + " of the eigenvector"), m);
        double num = 0;
        for (int i = 0; i < m; i++) {
            double row = 0.5 * contract(d2h[i], vV);
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    row += d2h[i][j][k] * g1[j] * v.getEntry(k);
                    for (int l = 0; l < m; l++) {
                        row += 0.5 * d3h[i][j][k][l] * v.getEntry(j) * vStar[k][l];
                    }
                }
            }
            num += u.getEntry(i) * row;
        }
        double chi1 = num / u.dotProduct(v);
        double ln = Math.log(Math.abs(chi));
        return new Rate(chi, chi1, -1 / ln, chi1 / (chi * ln * ln), b.matrix(g1), vStar);
    }

    /** chi must be a simple eigenvalue of Dh and no product of two of its eigenvalues. */
    private static void checkGaps(RealMatrix jac, double chi) {
        double[] re = eigenvaluesReal(jac);
        int near = 0;
        for (double x : re) {
            if (Math.abs(x - chi) <= GAP) {
                near++;
            }
        }
        if (near != 1) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "chi = %.6g is %s eigenvalue of the"
                    + " kernel map's Jacobian (eigenvalues %s): the 1/n correction is not analytic there", chi,
                    near == 0 ? "not an" : "a degenerate", java.util.Arrays.toString(re)));
        }
        for (double x : re) {
            for (double y : re) {
                if (Math.abs(x * y - chi) <= GAP) {
                    throw new IllegalStateException(String.format(java.util.Locale.ROOT, "chi = %.6g is resonant"
                            + " with the fluctuation rate %.6g x %.6g: the 1/n correction is secular there", chi, x, y));
                }
            }
        }
    }

    private static double[] eigenvaluesReal(RealMatrix jac) {
        org.hipparchus.complex.Complex[] ev = new org.hipparchus.linear.EigenDecompositionNonSymmetric(jac)
                .getEigenvalues();
        double[] re = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            re[i] = ev[i].getReal();
        }
        return re;
    }

    private static double contract(double[][] a, double[][] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < a.length; k++) {
                s += a[j][k] * b[j][k];
            }
        }
        return s;
    }

    /** The map V -&gt; Dh V Dh^T on row-major flattened m x m matrices. */
    private static RealMatrix kronecker(RealMatrix jac) {
        int m = jac.getRowDimension();
        RealMatrix out = new Array2DRowRealMatrix(m * m, m * m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    for (int l = 0; l < m; l++) {
                        out.setEntry(i * m + j, k * m + l, jac.getEntry(i, k) * jac.getEntry(j, l));
                    }
                }
            }
        }
        return out;
    }

    private static RealMatrix identity(int m) {
        return org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(m);
    }

    private static double[] solve(RealMatrix a, double[] b, String what) {
        LUDecomposition lu = new LUDecomposition(a, 1e-13);
        if (!lu.getSolver().isNonSingular()) {
            throw new IllegalStateException("the fixed-point equation for " + what + " is singular (a rate equals 1)");
        }
        return lu.getSolver().solve(new ArrayRealVector(b)).toArray();
    }

    private static double[] flatten(double[][] a) {
        int m = a.length;
        double[] out = new double[m * m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], 0, out, i * m, m);
        }
        return out;
    }

    private static double[][] unflatten(double[] a, int m) {
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, i * m, out[i], 0, m);
        }
        return out;
    }

    private static int[] add(int[] a, int[] b) {
        int[] out = a.clone();
        for (int x = 0; x < a.length; x++) {
            out[x] += b[x];
        }
        return out;
    }

    /**
     * Gaussian expectations at one kernel G, in pair coordinates: the pairs (a, b), a &lt;= b, in row-major order,
     * and their derivatives by Price's theorem.
     */
    private static final class Brackets {
        private final GaussianMoments engine;
        private final double[][] g;
        private final List<int[]> pairs = new ArrayList<>();

        Brackets(GaussianMoments engine, double[][] g) {
            this.engine = engine;
            this.g = g;
            for (int a = 0; a < g.length; a++) {
                for (int b = a; b < g.length; b++) {
                    pairs.add(new int[] {a, b});
                }
            }
        }

        /** The powers of sigma_a sigma_b for pair i. */
        int[] powers(int i) {
            int[] p = new int[g.length];
            p[pairs.get(i)[0]]++;
            p[pairs.get(i)[1]]++;
            return p;
        }

        /** d/dg_{k1} ... d/dg_{kr} &lt;prod_x sigma_x^{powers_x}&gt;_G. */
        double expect(int[] powers, int... directions) {
            int[] d = new int[g.length];
            double factor = 1;
            for (int k : directions) {
                int[] pair = pairs.get(k);
                d[pair[0]]++;
                d[pair[1]]++;
                if (pair[0] == pair[1]) {
                    factor *= 0.5;
                }
            }
            List<Integer> keep = new ArrayList<>();
            for (int x = 0; x < g.length; x++) {
                if (powers[x] > 0) {
                    keep.add(x);
                } else if (d[x] > 0) {
                    return 0;
                }
            }
            if (keep.isEmpty()) {
                return factor * (directions.length == 0 ? 1 : 0);
            }
            int s = keep.size();
            double[][] cov = new double[s][s];
            int[] p = new int[s];
            int[] dd = new int[s];
            for (int x = 0; x < s; x++) {
                p[x] = powers[keep.get(x)];
                dd[x] = d[keep.get(x)];
                for (int y = 0; y < s; y++) {
                    cov[x][y] = g[keep.get(x)][keep.get(y)];
                }
            }
            return factor * engine.expect(cov, p, dd);
        }

        double[][] matrix(double[] pairValues) {
            double[][] out = new double[g.length][g.length];
            for (int i = 0; i < pairs.size(); i++) {
                int[] pr = pairs.get(i);
                out[pr[0]][pr[1]] = pairValues[i];
                out[pr[1]][pr[0]] = pairValues[i];
            }
            return out;
        }
    }
}
