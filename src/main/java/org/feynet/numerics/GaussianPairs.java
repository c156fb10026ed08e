package org.feynet.numerics;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Gaussian expectations of products of stream functions at one point or at two jointly Gaussian points, by
 * tensor-product Gauss–Hermite quadrature in the eigenbasis of the covariance (rank-deficient directions dropped).
 * Derivatives are moved onto the Gaussian weight by integration by parts, so the activation is only ever evaluated,
 * never differentiated (ReLU's delta functions come out right, in the sense of distributions): with w ~ N(0, S) in
 * R^d, u = S^{-1} w,
 * <pre>
 *   E[ d_i d_j g(w) ] = E[ g(w) (u_i u_j - S^-1_ij) ],
 *   E[ d_i d_j d_k d_l g(w) ] = E[ g(w) He_ijkl(w) ],  He_ijkl = u_i u_j u_k u_l - (S^-1_ij u_k u_l + 5 terms)
 *                                                              + (S^-1_ij S^-1_kl + 2 terms),
 * </pre>
 * the multivariate Hermite polynomials of the Gaussian (Rodrigues' formula). Smooth activations converge
 * geometrically in the node count; kinks algebraically, so they get more nodes.
 *
 * <p>A one-dimensional rule gets {@value #LINE_FACTOR} times the nodes asked for. In one dimension n nodes are all
 * the rule has along the line, and tanh's poles at distance pi / (2 sqrt(K)) from the real axis make Gauss–Hermite
 * converge slowly there (60 nodes: error 6e-9 in E[tanh(z)^2] at K = 1, more at larger K and against the Hermite
 * weights of the derivatives), while a two-dimensional grid turned by the eigenvectors of a correlated covariance
 * meets such a function with many distinct projections (the same expectation on a turned 60 x 60 grid: 3e-16).
 * Measured on a one-input residual network (tanh, Cb = 0.1, Cw = 1.2, eps = 0.9, L = 3): with the plain node counts
 * the metric's V4 at layer 3 was 0.8 % off and its K1 0.09 %; with the factor they agree with 8 times the nodes in
 * every dimension to 1e-10. A diagonal covariance (orthogonal inputs) keeps its grid on the axes: there the error of
 * the default counts is about 1e-5 relative (tanh, same network, L = 6).
 */
public final class GaussianPairs {

    private final DoubleUnaryOperator sigma;
    private final int p;
    private final int pairNodes;
    private final int singleNodes;
    private final int branchNodes;
    private final int smoothingNodes;
    /** Whether every grid of two or more dimensions is turned by {@link #TURN} against the eigenvectors. */
    private final boolean turned;

    /**
     * @param sigma       the activation
     * @param p           P, the number of samples
     * @param pairNodes   Gauss–Hermite nodes per dimension for the 2P-dimensional pair integrals
     * @param singleNodes nodes per dimension for P-dimensional expectations
     */
    public GaussianPairs(DoubleUnaryOperator sigma, int p, int pairNodes, int singleNodes) {
        this(sigma, p, pairNodes, singleNodes, pairNodes, pairNodes);
    }

    /**
     * @param branchNodes    nodes per dimension for the branch point of {@link #branching}
     * @param smoothingNodes nodes per dimension for the smoothing of {@link #branching}
     */
    public GaussianPairs(DoubleUnaryOperator sigma, int p, int pairNodes, int singleNodes, int branchNodes,
                         int smoothingNodes) {
        this(sigma, p, pairNodes, singleNodes, branchNodes, smoothingNodes, false);
    }

    /**
     * @param turned whether to turn every grid of two or more dimensions against the covariance's eigenvectors (by
     *               Givens rotations of {@value #TURN} rad in consecutive coordinate planes). The turned tensor rule is
     *               still exact for every polynomial of total degree below 2 x the nodes (a rotation keeps the degree),
     *               and a function that varies along one direction meets it at many distinct projections instead of
     *               one line of nodes: what a nearly singular covariance needs (two copies of a network with almost
     *               equal parameters, org.feynet.numerics.FourierResidualNtk), where the untouched grid collapses onto
     *               its long axis and integrates like a one-dimensional rule with the nodes of one dimension.
     */
    public GaussianPairs(DoubleUnaryOperator sigma, int p, int pairNodes, int singleNodes, int branchNodes,
                         int smoothingNodes, boolean turned) {
        this.turned = turned;
        this.sigma = sigma;
        this.p = p;
        this.pairNodes = pairNodes;
        this.singleNodes = singleNodes;
        this.branchNodes = branchNodes;
        this.smoothingNodes = smoothingNodes;
    }

    public int samples() {
        return p;
    }

    /** Single-point expectations: means, second and fourth derivatives of each g, all at z ~ N(0, K). */
    public record Single(double[] mean, double[][][] second, double[][][][][] fourth) {}

    /** Pair expectations E[f(x) g(y)] and E[f(x) d_c d_d g(y)] (the latter null unless asked for). */
    public record Pair(double[][] plain, double[][][][] second) {}

    /**
     * E[g(z)], E[d_c d_d g(z)] and E[d_a d_b d_c d_d g(z)] for z ~ N(0, k) (k positive definite). Each g reads one or
     * two samples S, so its expectations are taken over the marginal z_S ~ N(0, k_SS), with the Hermite weights of that
     * marginal; derivatives along samples g does not read are zero.
     */
    public Single single(double[][] k, List<StreamFunction> gs) {
        basis(k, true); // refuses a singular k, as the derivatives need
        int n = gs.size();
        double[] mean = new double[n];
        double[][][] second = new double[n][p][p];
        double[][][][][] fourth = new double[n][p][p][p][p];
        for (Marginal m : marginals(gs, List.of())) { // gs in the fIndex slots
            int[] at = m.coordinates();
            int dim = at.length;
            Basis basis = basis(m.block(k), true);
            double[][] lam = basis.inverse;
            double[] zs = new double[dim];
            double[] u = new double[dim];
            double[] z = new double[p];
            double[] s = new double[p];
            Nodes grid = new Nodes(basis.rank, singleNodes);
            while (grid.next()) {
                basis.point(grid.xi, zs, u);
                for (int r = 0; r < dim; r++) {
                    z[at[r]] = zs[r];
                    s[at[r]] = sigma.applyAsDouble(zs[r]);
                }
                double w = grid.weight;
                for (int g : m.fIndex()) {
                    double v = w * gs.get(g).value(z, s);
                    mean[g] += v;
                    for (int a = 0; a < dim; a++) {
                        for (int b = 0; b < dim; b++) {
                            second[g][at[a]][at[b]] += v * (u[a] * u[b] - lam[a][b]);
                            for (int c = 0; c < dim; c++) {
                                for (int d = 0; d < dim; d++) {
                                    fourth[g][at[a]][at[b]][at[c]][at[d]] += v * hermite4(u, lam, a, b, c, d);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Single(mean, second, fourth);
    }

    private static double hermite4(double[] u, double[][] l, int a, int b, int c, int d) {
        return u[a] * u[b] * u[c] * u[d]
                - (l[a][b] * u[c] * u[d] + l[a][c] * u[b] * u[d] + l[a][d] * u[b] * u[c]
                + l[b][c] * u[a] * u[d] + l[b][d] * u[a] * u[c] + l[c][d] * u[a] * u[b])
                + l[a][b] * l[c][d] + l[a][c] * l[b][d] + l[a][d] * l[b][c];
    }

    /**
     * E[f(x) g(y)] for (x, y) Gaussian with Cov(x) = kx, Cov(y) = ky, Cov(x, y) = kxy (kxy[a][b] = Cov(x_a, y_b)),
     * and, when {@code derivatives}, E[f(x) d_c d_d g(y)], which needs a nonsingular joint covariance.
     */
    public Pair pair(double[][] kx, double[][] ky, double[][] kxy, List<StreamFunction> fs, List<StreamFunction> gs,
                     boolean derivatives) {
        double[][] joint = new double[2 * p][2 * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                joint[a][b] = kx[a][b];
                joint[p + a][p + b] = ky[a][b];
                joint[a][p + b] = kxy[a][b];
                joint[p + b][a] = kxy[a][b];
            }
        }
        Basis basis = basis(joint, derivatives);
        int nf = fs.size();
        int ng = gs.size();
        double[][] plain = new double[nf][ng];
        double[][][][] second = derivatives ? new double[nf][ng][p][p] : null;
        double[] w2 = new double[2 * p];
        double[] u2 = new double[2 * p];
        double[] x = new double[p];
        double[] y = new double[p];
        double[] sx = new double[p];
        double[] sy = new double[p];
        double[] fv = new double[nf];
        double[] gv = new double[ng];
        double[][] weights = new double[p][p];
        Nodes grid = new Nodes(basis.rank, pairNodes);
        while (grid.next()) {
            basis.point(grid.xi, w2, u2);
            for (int a = 0; a < p; a++) {
                x[a] = w2[a];
                y[a] = w2[p + a];
                sx[a] = sigma.applyAsDouble(x[a]);
                sy[a] = sigma.applyAsDouble(y[a]);
            }
            for (int f = 0; f < nf; f++) {
                fv[f] = grid.weight * fs.get(f).value(x, sx);
            }
            for (int g = 0; g < ng; g++) {
                gv[g] = gs.get(g).value(y, sy);
            }
            if (derivatives) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        weights[c][d] = u2[p + c] * u2[p + d] - basis.inverse[p + c][p + d];
                    }
                }
            }
            for (int f = 0; f < nf; f++) {
                if (fv[f] == 0) {
                    continue;
                }
                for (int g = 0; g < ng; g++) {
                    double v = fv[f] * gv[g];
                    plain[f][g] += v;
                    if (derivatives) {
                        double[][] target = second[f][g];
                        for (int c = 0; c < p; c++) {
                            for (int d = 0; d < p; d++) {
                                target[c][d] += v * weights[c][d];
                            }
                        }
                    }
                }
            }
        }
        return new Pair(plain, second);
    }

    /**
     * The pair expectations of points on one Gaussian trajectory branching at a common point: w ~ N(0, kc), and for
     * each later kernel K_j (K_j - kc positive semidefinite) a point x_j = w + u_j with u_j ~ N(0, K_j - kc)
     * independent. Returns pairs[j][i] = E[f(x_j) g(x_i)] for independent continuations (x_j and x_i share only w),
     * which is the pair of {@link #pair} with Cov(x) = K_j, Cov(y) = K_i, Cov(x, y) = kc; with {@code derivatives},
     * also E[f(x_j) d_c d_d g(x_i)] for i with K_i - kc nonsingular, for the f whose {@code derivativeRows} entry is
     * true (the others are left zero). Computed as E_w[F_j(w) G_i(w)] with the smoothed functions F_j(w) = E f(w +
     * u_j) tabulated on the nodes of w (and d_c d_d G_i(w) = E[g(w + u_i) (v_c v_d - D^-1_cd)], v = D^-1 u_i,
     * D = K_i - kc), so the work is O(J m^{2P} + J^2 m^P) for J later kernels instead of O(J^2 m^{2P}). Since every
     * stream function reads one or two samples, the smoothing runs over that pair's marginal ({@link Marginal}): O(J
     * P^2 m^{P+2}) instead of O(J m^{2P}) (three samples: 19.7 s instead of 129 s of CPU for a two-layer network).
     */
    public Pair[][] branching(double[][] kc, List<double[][]> later, List<StreamFunction> fs, List<StreamFunction> gs,
                              boolean derivatives, boolean[] derivativeRows) {
        Basis outer = basis(kc, false);
        Nodes grid = new Nodes(outer.rank, branchNodes);
        List<double[]> points = new java.util.ArrayList<>();
        List<Double> weights = new java.util.ArrayList<>();
        double[] w = new double[p];
        double[] unused = new double[p];
        while (grid.next()) {
            if (grid.weight < PRUNE) {
                continue;
            }
            outer.point(grid.xi, w, unused);
            points.add(w.clone());
            weights.add(grid.weight);
        }
        int nodes = points.size();
        int count = later.size();
        int nf = fs.size();
        int ng = gs.size();
        double[][][] f = new double[count][][];
        double[][][] g = new double[count][][];
        double[][][][][] dg = new double[count][][][][];
        List<Marginal> marginals = marginals(fs, gs);
        java.util.stream.IntStream.range(0, count).parallel().forEach(j -> {
            double[][] d = new double[p][p];
            boolean smoothed = false;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    d[a][b] = later.get(j)[a][b] - kc[a][b];
                    smoothed |= Math.abs(d[a][b]) > 1e-14 * (Math.abs(kc[a][a]) + 1);
                }
            }
            boolean withDerivatives = derivatives && smoothed && basis(d, false).rank == p;
            f[j] = new double[nodes][nf];
            g[j] = new double[nodes][ng];
            if (withDerivatives) {
                dg[j] = new double[nodes][ng][p][p];
            }
            if (!smoothed) {
                double[] s = new double[p];
                for (int node = 0; node < nodes; node++) {
                    double[] at = points.get(node);
                    for (int a = 0; a < p; a++) {
                        s[a] = sigma.applyAsDouble(at[a]);
                    }
                    for (int x = 0; x < nf; x++) {
                        f[j][node][x] = fs.get(x).value(at, s);
                    }
                    for (int x = 0; x < ng; x++) {
                        g[j][node][x] = gs.get(x).value(at, s);
                    }
                }
                return;
            }
            for (Marginal m : marginals) {
                smooth(m, d, points, fs, gs, f[j], g[j], withDerivatives ? dg[j] : null);
            }
        });
        Pair[][] pairs = new Pair[count][count];
        java.util.stream.IntStream.range(0, count * count).parallel().forEach(index -> {
            int j = index / count;
            int i = index % count;
            double[][] plain = new double[nf][ng];
            double[][][][] second = dg[i] != null ? new double[nf][ng][p][p] : null;
            for (int node = 0; node < nodes; node++) {
                double weight = weights.get(node);
                double[] fj = f[j][node];
                double[] gi = g[i][node];
                for (int x = 0; x < nf; x++) {
                    double fw = weight * fj[x];
                    for (int y = 0; y < ng; y++) {
                        plain[x][y] += fw * gi[y];
                    }
                    if (second != null && derivativeRows[x]) {
                        double[][][] dgi = dg[i][node];
                        for (int y = 0; y < ng; y++) {
                            for (int c = 0; c < p; c++) {
                                for (int e = 0; e < p; e++) {
                                    second[x][y][c][e] += fw * dgi[y][c][e];
                                }
                            }
                        }
                    }
                }
            }
            pairs[j][i] = new Pair(plain, second);
        });
        return pairs;
    }

    /**
     * Expectations at one Gaussian point z ~ N(0, k) (k positive definite) that the continuous-depth equations need:
     * products E[f g], second derivatives of one factor E[f d_c d_d g] and products of first derivatives
     * E[d_c f d_d g]. Second derivatives are reduced to first ones by one integration by parts,
     * E[f d_c d_d g] = E[f d_d g (K^-1 z)_c] - E[d_c f d_d g], and sigma' is a central difference quotient
     * (relative step 1e-6, error about 1e-10 for smooth sigma; for a kink it is the one-sided slope except on a set
     * of measure zero).
     *
     * @param product [f][g] E[f g]; second [f][g][c][d] E[f d_c d_d g]; gradients [f][g][c][d] E[d_c f d_d g]
     */
    public record Local(double[][] product, double[][][][] second, double[][][][] gradients) {}

    public Local local(double[][] k, List<StreamFunction> fs) {
        Basis basis = basis(k, true);
        int n = fs.size();
        double[][] product = new double[n][n];
        double[][][][] second = new double[n][n][p][p];
        double[][][][] gradients = new double[n][n][p][p];
        double[] z = new double[p];
        double[] u = new double[p];
        double[] s = new double[p];
        double[] ds = new double[p];
        double[] value = new double[n];
        double[][] grad = new double[n][p];
        Nodes grid = new Nodes(basis.rank, singleNodes);
        while (grid.next()) {
            if (grid.weight < PRUNE) {
                continue;
            }
            basis.point(grid.xi, z, u);
            for (int a = 0; a < p; a++) {
                s[a] = sigma.applyAsDouble(z[a]);
                double h = 1e-6 * Math.max(1, Math.abs(z[a]));
                ds[a] = (sigma.applyAsDouble(z[a] + h) - sigma.applyAsDouble(z[a] - h)) / (2 * h);
            }
            for (int f = 0; f < n; f++) {
                value[f] = fs.get(f).value(z, s);
                for (int c = 0; c < p; c++) {
                    grad[f][c] = fs.get(f).derivative(c, z, s, ds);
                }
            }
            double w = grid.weight;
            for (int f = 0; f < n; f++) {
                for (int g = 0; g < n; g++) {
                    product[f][g] += w * value[f] * value[g];
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            double gg = w * grad[f][c] * grad[g][d];
                            gradients[f][g][c][d] += gg;
                            second[f][g][c][d] += w * value[f] * grad[g][d] * u[c] - gg;
                        }
                    }
                }
            }
        }
        return new Local(product, second, gradients);
    }

    /** Nodes whose tensor-product weight is below this are left out (their total weight is far below rounding). */
    static final double PRUNE = 1e-15;

    /** How many times the nodes a one-dimensional rule gets (see the class comment). */
    static final int LINE_FACTOR = 8;

    /**
     * The stream functions that depend on one set of coordinates S (every stream function reads one or two samples),
     * by their indices in the lists fs and gs ({@link #single} passes its one list as fs): their smoothing
     * E_u[f(w + u)] needs only the marginal u_S ~ N(0, D_SS), and so do their second derivatives, d_c d_e E[g(w + u)] = E[g(w_S + u_S) (v_c v_e - D_SS^-1_ce)] with v = D_SS^-1 u_S for c, e in S and
     * 0 otherwise (the Gaussian integration by parts in the marginal). A rule in |S| <= 2 dimensions instead of P
     * makes the smoothing of three or more samples affordable; for P <= 2 it is the same integral.
     */
    private record Marginal(int[] coordinates, List<Integer> fIndex, List<Integer> gIndex) {

        /** The block of {@code covariance} on these coordinates: the marginal's covariance. */
        double[][] block(double[][] covariance) {
            int k = coordinates.length;
            double[][] out = new double[k][k];
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    out[r][c] = covariance[coordinates[r]][coordinates[c]];
                }
            }
            return out;
        }
    }

    /** The functions of fs and gs grouped by the samples they read, in order of first appearance. */
    private static List<Marginal> marginals(List<StreamFunction> fs, List<StreamFunction> gs) {
        java.util.Map<List<Integer>, Marginal> bySet = new java.util.LinkedHashMap<>();
        for (int x = 0; x < fs.size() + gs.size(); x++) {
            StreamFunction fn = x < fs.size() ? fs.get(x) : gs.get(x - fs.size());
            int lo = Math.min(fn.a(), fn.b());
            int hi = Math.max(fn.a(), fn.b());
            List<Integer> key = lo == hi ? List.of(lo) : List.of(lo, hi);
            Marginal m = bySet.computeIfAbsent(key, k -> new Marginal(k.stream().mapToInt(Integer::intValue).toArray(),
                    new java.util.ArrayList<>(), new java.util.ArrayList<>()));
            if (x < fs.size()) {
                m.fIndex().add(x);
            } else {
                m.gIndex().add(x - fs.size());
            }
        }
        return List.copyOf(bySet.values());
    }

    /**
     * Adds to f[node][x] (x in m's fIndex) and g[node][x] (x in gIndex) the smoothed values E_u[fn(w + u)] at each
     * node w, u ~ N(0, d) marginalised to m's samples, and to dg[node][x] (unless null) the second derivatives.
     */
    private void smooth(Marginal m, double[][] d, List<double[]> points, List<StreamFunction> fs,
                        List<StreamFunction> gs, double[][] f, double[][] g, double[][][][] dg) {
        int[] coordinates = m.coordinates();
        int k = coordinates.length;
        Basis inner = basis(m.block(d), dg != null);
        double[] z = new double[p];
        double[] s = new double[p];
        double[] u = new double[k];
        double[] v = new double[k];
        for (int node = 0; node < points.size(); node++) {
            double[] at = points.get(node);
            Nodes smoothing = new Nodes(inner.rank, smoothingNodes);
            while (smoothing.next()) {
                double weight = smoothing.weight;
                if (weight < PRUNE) {
                    continue;
                }
                inner.point(smoothing.xi, u, v);
                for (int r = 0; r < k; r++) {
                    int a = coordinates[r];
                    z[a] = at[a] + u[r];
                    s[a] = sigma.applyAsDouble(z[a]);
                }
                for (int x : m.fIndex()) {
                    f[node][x] += weight * fs.get(x).value(z, s);
                }
                for (int x : m.gIndex()) {
                    double value = weight * gs.get(x).value(z, s);
                    g[node][x] += value;
                    if (dg != null) {
                        double[][] target = dg[node][x];
                        for (int r = 0; r < k; r++) {
                            for (int c = 0; c < k; c++) {
                                target[coordinates[r]][coordinates[c]] += value * (v[r] * v[c] - inner.inverse[r][c]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** w = V sqrt(D) xi over the kept eigenvectors, and u = S^{-1} w = V D^{-1/2} xi (full rank only). */
    private static final class Basis {
        final int dim;
        final int rank;
        final double[][] scaled;
        final double[][] unscaled;
        final double[][] inverse;

        Basis(int dim, int rank, double[][] scaled, double[][] unscaled, double[][] inverse) {
            this.dim = dim;
            this.rank = rank;
            this.scaled = scaled;
            this.unscaled = unscaled;
            this.inverse = inverse;
        }

        void point(double[] xi, double[] w, double[] u) {
            for (int i = 0; i < dim; i++) {
                double sw = 0;
                double su = 0;
                for (int r = 0; r < rank; r++) {
                    sw += scaled[i][r] * xi[r];
                    su += unscaled[i][r] * xi[r];
                }
                w[i] = sw;
                u[i] = su;
            }
        }
    }

    private Basis basis(double[][] covariance, boolean needInverse) {
        int d = covariance.length;
        RealMatrix m = new Array2DRowRealMatrix(covariance);
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(m);
        double[] values = eigen.getEigenvalues();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        int rank = 0;
        int[] kept = new int[d];
        for (int r = 0; r < d; r++) {
            if (values[r] < -1e-9 * largest) {
                throw new NumericalTrouble("covariance of the residual stream is not positive semidefinite (eigenvalue "
                        + values[r] + ")");
            }
            if (values[r] > 1e-12 * largest) {
                kept[rank++] = r;
            }
        }
        if (needInverse && rank < d) {
            throw new NumericalTrouble("singular covariance of the residual stream (rank " + rank + " of " + d
                    + "): derivatives of its Gaussian expectations are undefined");
        }
        double[][] scaled = new double[d][rank];
        double[][] unscaled = new double[d][rank];
        for (int r = 0; r < rank; r++) {
            double[] v = eigen.getEigenvector(kept[r]).toArray();
            double sq = Math.sqrt(values[kept[r]]);
            for (int i = 0; i < d; i++) {
                scaled[i][r] = v[i] * sq;
                unscaled[i][r] = v[i] / sq;
            }
        }
        if (turned) {
            turn(scaled, rank);
            turn(unscaled, rank);
        }
        double[][] inverse = null;
        if (rank == d) {
            inverse = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int r = 0; r < rank; r++) {
                        s += unscaled[i][r] * unscaled[j][r];
                    }
                    inverse[i][j] = s;
                }
            }
        }
        return new Basis(d, rank, scaled, unscaled, inverse);
    }

    /** The angle of the Givens rotations of a turned grid. */
    static final double TURN = 0.41;

    /**
     * columns := columns Q, Q the product of the rotations by {@link #TURN} in the planes (r, r + 1): with w = V sqrt(D)
     * Q xi and u = V D^(-1/2) Q xi, still u = S^-1 w and V D^(-1/2) (V D^(-1/2))^T = S^-1.
     */
    private static void turn(double[][] columns, int rank) {
        double c = Math.cos(TURN);
        double sn = Math.sin(TURN);
        for (int r = 0; r + 1 < rank; r++) {
            for (double[] row : columns) {
                double x = row[r];
                double y = row[r + 1];
                row[r] = c * x + sn * y;
                row[r + 1] = -sn * x + c * y;
            }
        }
    }

    /** The tensor grid of standard Gauss–Hermite nodes in {@code dim} dimensions. */
    private static final class Nodes {
        final double[] xi;
        double weight;
        private final int[] index;
        private final GaussHermiteRule rule;
        private boolean started;

        Nodes(int dim, int order) {
            this.xi = new double[dim];
            this.index = new int[dim];
            this.rule = GaussHermiteRule.of(dim == 1 ? LINE_FACTOR * order : order);
        }

        boolean next() {
            int dim = index.length;
            if (!started) {
                started = true;
            } else {
                int r = 0;
                while (r < dim) {
                    index[r]++;
                    if (index[r] < rule.size()) {
                        break;
                    }
                    index[r] = 0;
                    r++;
                }
                if (r == dim) {
                    return false;
                }
            }
            double w = 1;
            for (int r = 0; r < dim; r++) {
                xi[r] = rule.node(index[r]);
                w *= rule.weight(index[r]);
            }
            weight = w;
            return true;
        }
    }
}
