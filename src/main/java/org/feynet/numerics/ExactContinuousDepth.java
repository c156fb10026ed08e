package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.StreamFunction.Kind;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The continuous-depth limit (eps -> 0, t = l eps^2 fixed) of the exact O(1/n) route of {@link ResidualTheory}
 * (docs/METHOD.md, "Continuous depth of the exact route").
 *
 * <p>In the limit the fluctuation delta_t = sqrt(n)(mu_t - m_t) of the stream's empirical measure obeys the linear
 * equation d delta_t(phi) = delta_t(A_t phi) dt + (Cw/2) G_ab(t) m_t(d_a d_b phi) dt + dM_t(phi), A_t = (1/2) Sigma0_ab
 * d_a d_b, with G(t) = delta_t(sigma sigma) and a Gaussian martingale M of quadratic variation m_t(Sigma0_ab d_a phi
 * d_b psi) dt (the limits of L_l and of the conditional noise). Applied to phi = T_{t->u} f it integrates to
 * <pre>
 *   delta_t(T_{t->u} f) = N(t; u)[f] + g_u(f) . I(t),    I(t) = int_0^t G,   g_u(f)_cd = (Cw/2) m_u(d_c d_d f),
 * </pre>
 * where the Gaussian noise N(t; u)[f] = delta_0(T_{0->u} f) + int_0^t dM_r(T_{r->u} f) has the covariance of two
 * points of one mean-field trajectory, E N(s; u)[f] N(s; v)[g] = P_s(u, v)[f, g] = E[f(x_u) g(y_v)] - m_u(f) m_v(g),
 * branching at s. So G = N(t; t)[sigma sigma] + H(t) I(t), H = g_t(sigma sigma), and with Phi' = H Phi, Phi(0) = 1,
 * <pre>
 *   B(s; u)[f] = E[I(s) N(s; u)[f]] = Phi(s) int_0^s Phi(r)^-1 P_r(r, u)[sigma sigma, f] dr            (s <= u)
 *   A(s)       = E[I(s) I(s)^T]     = Phi(s) int_0^s Phi^-1 (D + D^T) Phi^-T dr Phi(s)^T,  D(r) = B(r; r)[sigma sigma]
 *   E[G(s) delta_s(T_{s->u} f)]     = P_s(s, u)[sigma sigma, f] + H B(s; u)[f] + (D(s)^T + H A(s)) g_u(f)
 *   S(t) = (Cw/2) int_0^t E[G_cd(s) delta_s(T_{s->t} d_c d_d sigma sigma)] ds               (the cross term)
 *   J(t) = Phi(t) int_0^t Phi^-1 S ds,   m1_t(sigma sigma) = H(t) J(t) + S(t),   m1_t(z z) = g_t(z z) . J(t),
 * </pre>
 * the continuous form of the m1 recursion (the Hessian term is O(eps^4) per layer and drops out). K1 = Cw m1(sigma
 * sigma) for the metric, m1(z z) for R; V4 = Cw^2 E[G G^T] and E[delta(zz) delta(zz)^T] from N, B, D and A.
 * K, Phi are integrated by Hipparchus' Dormand–Prince 8(5,3) method; the memory integrals over r and s (a Volterra
 * system in two times: no finite ODE state exists, since the diagonal D(t) of the two-time object B needs the
 * iterated generators A_t^k sigma sigma, which close only for a linear activation) are evaluated on a grid with
 * the composite rule of the local cubic interpolant, error O(h^4) in the grid spacing h.
 */
public final class ExactContinuousDepth {

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final int ns;
    /** x-side and y-side functions of the pair integrals: z_a z_b then sigma_a sigma_b. */
    private final List<StreamFunction> fs = new ArrayList<>();

    public ExactContinuousDepth(ResidualModel model) {
        this(model, integrals(model));
    }

    /** Smooth activations: twice the discrete route's branch-point nodes (see {@link #integrals}). */
    static final int SMOOTH_BRANCH_NODES = 80;

    /**
     * The quadrature: {@link ResidualTheory#defaultIntegrals}, but with {@link #SMOOTH_BRANCH_NODES} branch-point
     * nodes for a smooth activation. The memory integrals meet pairs branching an O(h) step apart; there the default
     * 40 nodes leave an error of about 3e-4 in E[sigma sigma(x) d d sigma sigma(y)] for tanh (against 1e-6 with 80),
     * and its mismatch with the single-point value at the diagonal would add an O(h) error to the grid rule.
     */
    public static GaussianPairs integrals(ResidualModel model) {
        GaussianPairs standard = ResidualTheory.defaultIntegrals(model);
        if (org.feynet.model.ScalarExpr.hasKink(model.activation().expression())) {
            return standard;
        }
        return new GaussianPairs(org.feynet.model.ScalarFunction.of(model.activation().expression()), model.inputs(),
                ResidualTheory.SMOOTH_PAIR_NODES, ResidualTheory.SMOOTH_SINGLE_NODES, SMOOTH_BRANCH_NODES,
                ResidualTheory.SMOOTH_PAIR_NODES);
    }

    public ExactContinuousDepth(ResidualModel model, GaussianPairs integrals) {
        this.model = model;
        this.integrals = integrals;
        this.p = model.inputs();
        fs.addAll(StreamFunction.symmetric(Kind.ZZ, p));
        ns = fs.size();
        fs.addAll(StreamFunction.symmetric(Kind.SS, p));
    }

    /**
     * The statistics at depths {@code times} (increasing, times[0] = 0), on the grid that splits every interval
     * between consecutive times into {@code refine} equal steps.
     *
     * @param tolerance the Dormand–Prince tolerance for K and Phi
     */
    public ResidualStatistics solve(double[] times, int refine, double tolerance) {
        double[] grid = grid(times, refine);
        int n = grid.length;
        Path path = meanField(grid, tolerance);
        double[][] weights = CubicQuadrature.cumulativeWeights(grid);
        // P_r(r, u)[SS_alpha, psi] for psi = (ZZ, SS, d_c d_d SS) and r = grid[m] <= u = grid[j]: [m][j][alpha][psi]
        double[][][][] pairs = new double[n][n][][];
        for (int m = 0; m < n; m++) {
            for (int j = m; j < n; j++) {
                pairs[m][j] = pairRow(path, m, j);
            }
        }
        double[][][] phiInv = new double[n][][];
        for (int m = 0; m < n; m++) {
            phiInv[m] = new LUDecomposition(new Array2DRowRealMatrix(path.phi[m])).getSolver().getInverse().getData();
        }
        double[][][][] b = twoTime(path, weights, pairs, phiInv);
        double[][][] d = new double[n][][];
        for (int k = 0; k < n; k++) {
            d[k] = Matrices.columns(b[k][k], ns, 2 * ns);
        }
        double[][][] a = secondMoment(path, weights, d, phiInv);
        double[][] s = new double[n][];
        for (int j = 0; j < n; j++) {
            s[j] = new double[ns];
            for (int k = 0; k <= j; k++) {
                double[] e = crossIntegrand(path, pairs[k][j], b[k][j], d[k], a[k], k, j);
                for (int g = 0; g < ns; g++) {
                    s[j][g] += weights[j][k] * e[g];
                }
            }
        }
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            int j = i * refine;
            double[] integral = propagated(path.phi[j], weights[j], phiInv, s);
            layers.add(layer(i, path, j, integral, s[j], pairs[j][j], sameZz(path, j), b[j][j], a[j]));
        }
        return new ResidualStatistics(model.name(), Closure.EXACT, layers);
    }

    /** The two-time object B(s_k; u_j) = Phi_k sum_m W[k][m] Phi_m^-1 P(m, j), k <= j, as [k][j][beta][psi]. */
    private double[][][][] twoTime(Path path, double[][] weights, double[][][][] pairs, double[][][] phiInv) {
        int n = weights.length;
        double[][][][] b = new double[n][n][][];
        for (int j = 0; j < n; j++) {
            double[][][] u = new double[j + 1][][];
            for (int m = 0; m <= j; m++) {
                u[m] = Matrices.times(phiInv[m], pairs[m][j]);
            }
            for (int k = 0; k <= j; k++) {
                double[][] y = new double[ns][pairs[0][j][0].length];
                for (int m = 0; m <= k; m++) {
                    Matrices.addScaled(y, weights[k][m], u[m]);
                }
                b[k][j] = Matrices.times(path.phi[k], y);
            }
        }
        return b;
    }

    /** A(s_k) = E[I I^T] = Phi_k (sum_m W[k][m] Phi_m^-1 (D_m + D_m^T) Phi_m^-T) Phi_k^T. */
    private double[][][] secondMoment(Path path, double[][] weights, double[][][] d, double[][][] phiInv) {
        int n = weights.length;
        double[][][] a = new double[n][][];
        double[][][] f = new double[n][][];
        for (int k = 0; k < n; k++) {
            f[k] = Matrices.times(Matrices.times(phiInv[k], Matrices.plus(d[k], Matrices.transpose(d[k]))),
                    Matrices.transpose(phiInv[k]));
            double[][] sum = new double[ns][ns];
            for (int m = 0; m <= k; m++) {
                Matrices.addScaled(sum, weights[k][m], f[m]);
            }
            a[k] = Matrices.times(Matrices.times(path.phi[k], sum), Matrices.transpose(path.phi[k]));
        }
        return a;
    }

    /** Phi(t) int_0^t Phi^-1 v ds on the grid up to t (the row {@code weights} of the cumulative rule). */
    private double[] propagated(double[][] phi, double[] weights, double[][][] phiInv, double[][] v) {
        double[] sum = new double[ns];
        for (int m = 0; m < weights.length; m++) {
            double[] x = Matrices.times(phiInv[m], v[m]);
            for (int g = 0; g < ns; g++) {
                sum[g] += weights[m] * x[g];
            }
        }
        return Matrices.times(phi, sum);
    }

    private static double[] grid(double[] times, int refine) {
        if (times.length == 0 || times[0] != 0 || refine < 1) {
            throw new IllegalArgumentException("times must start at 0 and refine must be positive");
        }
        double[] grid = new double[(times.length - 1) * refine + 1];
        for (int i = 0; i + 1 < times.length; i++) {
            if (!(times[i + 1] > times[i])) {
                throw new IllegalArgumentException("times must increase strictly");
            }
            for (int r = 0; r < refine; r++) {
                grid[i * refine + r] = times[i] + (times[i + 1] - times[i]) * r / refine;
            }
        }
        grid[grid.length - 1] = times[times.length - 1];
        return grid;
    }

    /** The mean field along the grid: K, Phi (Phi' = H Phi), and the single-point moments at each node. */
    private record Path(double[][][] kernel, double[][][] phi, double[][][] h, GaussianPairs.Single[] single,
                        GaussianPairs.Local[] local) {}

    private Path meanField(double[] grid, double tolerance) {
        int n = grid.length;
        int dim = p * p + ns * ns;
        double[] y = new double[dim];
        double[][] k0 = model.gramCopy();
        for (int a = 0; a < p; a++) {
            System.arraycopy(k0[a], 0, y, a * p, p);
        }
        for (int x = 0; x < ns; x++) {
            y[p * p + x * ns + x] = 1;
        }
        OrdinaryDifferentialEquation equations = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] state) {
                return meanFieldDerivatives(state);
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-10, 1.0, tolerance, tolerance);
        Path path = new Path(new double[n][][], new double[n][][], new double[n][][], new GaussianPairs.Single[n],
                new GaussianPairs.Local[n]);
        ODEState current = new ODEState(0, y);
        for (int m = 0; m < n; m++) {
            if (grid[m] > current.getTime()) {
                ODEStateAndDerivative next = integrator.integrate(equations, current, grid[m]);
                current = new ODEState(next.getTime(), next.getPrimaryState());
            }
            double[] state = current.getPrimaryState();
            path.kernel[m] = kernel(state);
            path.phi[m] = new double[ns][ns];
            for (int x = 0; x < ns; x++) {
                System.arraycopy(state, p * p + x * ns, path.phi[m][x], 0, ns);
            }
            path.single[m] = integrals.single(path.kernel[m], fs);
            path.local[m] = integrals.local(path.kernel[m], fs);
            path.h[m] = response(path.single[m], ns);
        }
        return path;
    }

    private double[] meanFieldDerivatives(double[] y) {
        double[][] k = kernel(y);
        GaussianPairs.Single single = integrals.single(k, fs);
        double[] out = new double[y.length];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                out[a * p + b] = model.cb() + model.cw() * single.mean()[ns + StreamFunction.symmetricIndex(a, b, p)];
            }
        }
        double[][] h = response(single, ns);
        for (int x = 0; x < ns; x++) {
            for (int z = 0; z < ns; z++) {
                double v = 0;
                for (int w = 0; w < ns; w++) {
                    v += h[x][w] * y[p * p + w * ns + z];
                }
                out[p * p + x * ns + z] = v;
            }
        }
        return out;
    }

    private double[][] kernel(double[] y) {
        double[][] k = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                k[a][b] = 0.5 * (y[a * p + b] + y[b * p + a]);
            }
        }
        return k;
    }

    /**
     * g(f)_cd = (Cw/2) sum over the ordered pairs (c, d) of the symmetric index of m(d_c d_d f), for the functions
     * starting at {@code from}: rows f, columns the symmetric index of (c, d).
     */
    private double[][] response(GaussianPairs.Single single, int from) {
        double[][] h = new double[ns][ns];
        for (int x = 0; x < ns; x++) {
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    h[x][StreamFunction.symmetricIndex(c, d, p)] += 0.5 * model.cw() * single.second()[from + x][c][d];
                }
            }
        }
        return h;
    }

    /**
     * P_r(r, u)[SS_alpha, psi], r = grid[m] <= u = grid[j], for psi = ZZ (ns), SS (ns), d_c d_d SS_beta (index
     * 2 ns + (beta p + c) p + d): branching at r, x at r, y at u; at r = u the single-point product.
     */
    private double[][] pairRow(Path path, int m, int j) {
        double[][] out = new double[ns][2 * ns + ns * p * p];
        double[] meanX = path.single[m].mean();
        double[] meanY = path.single[j].mean();
        double[][] plain;
        double[][][][] second;
        if (j == m) {
            plain = path.local[m].product();
            second = path.local[m].second();
        } else {
            boolean[] rows = new boolean[fs.size()];
            for (int x = ns; x < fs.size(); x++) {
                rows[x] = true;
            }
            GaussianPairs.Pair pair = integrals.branching(path.kernel[m], List.of(path.kernel[m], path.kernel[j]), fs,
                    fs, true, rows)[0][1];
            plain = pair.plain();
            second = pair.second();
            if (second == null) {
                throw new NumericalTrouble("continuous-depth exact route: the mean-field increment K(t') - K(t) between"
                        + " grid depths " + m + " and " + j + " is singular, so E[f d d g] cannot be moved onto the"
                        + " Gaussian weight; use inputs with a nonsingular kernel or Cb > 0");
            }
        }
        for (int alpha = 0; alpha < ns; alpha++) {
            int x = ns + alpha;
            for (int g = 0; g < 2 * ns; g++) {
                out[alpha][g] = plain[x][g] - meanX[x] * meanY[g];
            }
            for (int beta = 0; beta < ns; beta++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        out[alpha][2 * ns + (beta * p + c) * p + d] = second[x][ns + beta][c][d]
                                - meanX[x] * path.single[j].second()[ns + beta][c][d];
                    }
                }
            }
        }
        return out;
    }

    /** P_t(t, t)[ZZ, ZZ], the single-point covariance of the z z functions. */
    private double[][] sameZz(Path path, int m) {
        double[][] out = new double[ns][ns];
        for (int x = 0; x < ns; x++) {
            for (int z = 0; z < ns; z++) {
                out[x][z] = path.local[m].product()[x][z] - path.single[m].mean()[x] * path.single[m].mean()[z];
            }
        }
        return out;
    }

    /**
     * The integrand of S(u) at s = grid[k], u = grid[j]: (Cw/2) sum_cd E[G_cd(s) delta_s(T_{s->u} d_c d_d SS_gamma)],
     * with E[G(s) delta_s(T f)] = P_s(s, u)[SS, f] + H B(s; u)[f] + (D^T + H A) g_u(f).
     */
    private double[] crossIntegrand(Path path, double[][] pair, double[][] b, double[][] d, double[][] a, int k, int j) {
        double[][] h = path.h[k];
        double[][] left = Matrices.plus(Matrices.transpose(d), Matrices.times(h, a));
        double[][][][][] fourth = path.single[j].fourth();
        double[] out = new double[ns];
        for (int gamma = 0; gamma < ns; gamma++) {
            for (int c = 0; c < p; c++) {
                for (int dd = 0; dd < p; dd++) {
                    int psi = 2 * ns + (gamma * p + c) * p + dd;
                    int cd = StreamFunction.symmetricIndex(c, dd, p);
                    double v = pair[cd][psi];
                    for (int w = 0; w < ns; w++) {
                        v += h[cd][w] * b[w][psi];
                    }
                    for (int e = 0; e < p; e++) {
                        for (int f = 0; f < p; f++) {
                            double g = 0.5 * model.cw() * fourth[ns + gamma][e][f][c][dd];
                            v += left[cd][StreamFunction.symmetricIndex(e, f, p)] * g;
                        }
                    }
                    out[gamma] += 0.5 * model.cw() * v;
                }
            }
        }
        return out;
    }

    private ResidualStatistics.Layer layer(int index, Path path, int j, double[] jj, double[] s, double[][] pair,
                                           double[][] sameZz, double[][] b, double[][] a) {
        double cw = model.cw();
        double[][] h = path.h[j];
        double[][] gz = response(path.single[j], 0);
        double[] m1ss = Matrices.plus(Matrices.times(h, jj), s);
        double[] m1zz = Matrices.times(gz, jj);
        double[][] d = Matrices.columns(b, ns, 2 * ns);
        double[][] dz = Matrices.columns(b, 0, ns);
        double[][] hd = Matrices.times(h, d);
        double[][] vss = Matrices.plus(Matrices.plus(Matrices.columns(pair, ns, 2 * ns), hd),
                Matrices.plus(Matrices.transpose(hd), Matrices.times(Matrices.times(h, a), Matrices.transpose(h))));
        double[][] gd = Matrices.times(gz, dz);
        double[][] vzz = Matrices.plus(Matrices.plus(sameZz, gd),
                Matrices.plus(Matrices.transpose(gd), Matrices.times(Matrices.times(gz, a), Matrices.transpose(gz))));
        double[] mean = path.single[j].mean();
        double[][] rk1 = new double[p][p];
        double[][] gk0 = new double[p][p];
        double[][] gk1 = new double[p][p];
        double[][][][] rv4 = new double[p][p][p][p];
        double[][][][] gv4 = new double[p][p][p][p];
        for (int x = 0; x < p; x++) {
            for (int y = 0; y < p; y++) {
                int xy = StreamFunction.symmetricIndex(x, y, p);
                rk1[x][y] = m1zz[xy];
                gk0[x][y] = model.cb() + cw * mean[ns + xy];
                gk1[x][y] = cw * m1ss[xy];
                for (int u = 0; u < p; u++) {
                    for (int v = 0; v < p; v++) {
                        int uv = StreamFunction.symmetricIndex(u, v, p);
                        rv4[x][y][u][v] = vzz[xy][uv];
                        gv4[x][y][u][v] = cw * cw * vss[xy][uv];
                    }
                }
            }
        }
        checkFinite(rk1, gk1, rv4, gv4, path.kernel[j]);
        return new ResidualStatistics.Layer(index, new ResidualStatistics.Kernel(path.kernel[j], rk1, rv4),
                new ResidualStatistics.Kernel(gk0, gk1, gv4));
    }

    private static void checkFinite(double[][] rk1, double[][] gk1, double[][][][] rv4, double[][][][] gv4,
                                    double[][] k) {
        double sum = 0;
        for (int x = 0; x < k.length; x++) {
            for (int y = 0; y < k.length; y++) {
                sum += rk1[x][y] + gk1[x][y] + k[x][y];
                for (double[] row : rv4[x][y]) {
                    for (double v : row) {
                        sum += v;
                    }
                }
                for (double[] row : gv4[x][y]) {
                    for (double v : row) {
                        sum += v;
                    }
                }
            }
        }
        if (!Double.isFinite(sum)) {
            throw new NumericalTrouble("continuous-depth exact route: non-finite K1 or V4 (the mean field or the"
                    + " memory integrals diverged); shorten the depth t or check Cb, Cw");
        }
    }

    /** Small dense matrix operations on double arrays. */
    static final class Matrices {

        private Matrices() {}

        static double[][] times(double[][] a, double[][] b) {
            double[][] out = new double[a.length][b[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < b.length; k++) {
                    double v = a[i][k];
                    if (v != 0) {
                        for (int j = 0; j < b[0].length; j++) {
                            out[i][j] += v * b[k][j];
                        }
                    }
                }
            }
            return out;
        }

        static double[] times(double[][] a, double[] x) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    out[i] += a[i][j] * x[j];
                }
            }
            return out;
        }

        static double[][] transpose(double[][] a) {
            double[][] out = new double[a[0].length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    out[j][i] = a[i][j];
                }
            }
            return out;
        }

        static double[][] plus(double[][] a, double[][] b) {
            double[][] out = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    out[i][j] = a[i][j] + b[i][j];
                }
            }
            return out;
        }

        static double[] plus(double[] a, double[] b) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + b[i];
            }
            return out;
        }

        /** target += scale * m. */
        static void addScaled(double[][] target, double scale, double[][] m) {
            for (int i = 0; i < target.length; i++) {
                for (int j = 0; j < target[0].length; j++) {
                    target[i][j] += scale * m[i][j];
                }
            }
        }

        /** The columns from..to-1 of m. */
        static double[][] columns(double[][] m, int from, int to) {
            double[][] out = new double[m.length][to - from];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(m[i], from, out[i], 0, to - from);
            }
            return out;
        }
    }
}
