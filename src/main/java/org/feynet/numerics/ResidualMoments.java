package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.feynet.model.Closure;
import org.feynet.numerics.StreamFunction.Kind;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The runtime half of a residual kernel closure (docs/METHOD.md, "Generated residual evaluators"): the Gaussian
 * expectations each layer of the generated {@link ResidualRecursions} reads, on the closure's state s = (z_a z_b,
 * sigma_a sigma_b[, z_a sigma_b for RGM]) along the mean-field kernels K^0..K^L. Per layer l: mu = &lt;s&gt;_{K^l},
 * H[i,s] = sum_{(c,d) -> s} &lt;d_c d_d s_i&gt;_{K^l}, F[i,s,t] = sum_{(a,b) -> s, (c,d) -> t} &lt;d_a d_b d_c d_d
 * s_i&gt;_{K^l} (sums over the ordered sample pairs of each symmetric pair); per step l -> l+1, for x at layer l and y
 * at l+1 on one trajectory (Cov(x, y) = K^l): P[j,i] = E[s_j(x) s_i(y)], Pd[j,i,s] = sum_{(c,d) -> s} E[s_j(x) d_c
 * d_d s_i(y)], the conditional noise Bc = m^l(T(s s') - T s T s') (the pair branching at l+1 minus the pair branching
 * at l, both at layer l+1), and Inv, the pseudo-inverse (singular values below 1e-10 of the largest dropped) of
 * Cov_{K^l}(B, B) on the regression basis B, zero outside it. The published G-only theory (closure G) needs Bc only.
 */
public final class ResidualMoments {

    private final Closure closure;
    private final GaussianPairs integrals;
    private final double[][][] kernel;
    private final int p;
    private final List<StreamFunction> state;
    private final int ns;
    private final int[] basis;
    private final GaussianPairs.Single[] singles;

    /**
     * @param kernel the mean-field kernels K^0..K^L of the stream
     */
    public ResidualMoments(Closure closure, GaussianPairs integrals, double[][][] kernel, int p) {
        if (closure == Closure.EXACT) {
            throw new IllegalArgumentException("the exact route has no finite state");
        }
        this.closure = closure;
        this.integrals = integrals;
        this.kernel = kernel;
        this.p = p;
        List<StreamFunction> s = new ArrayList<>(StreamFunction.symmetric(Kind.ZZ, p));
        this.ns = s.size();
        s.addAll(StreamFunction.symmetric(Kind.SS, p));
        if (closure == Closure.RGM) {
            s.addAll(StreamFunction.mixed(p));
        }
        this.state = List.copyOf(s);
        this.basis = switch (closure) {
            case GPROJ -> range(ns, 2 * ns);
            case RG -> range(0, 2 * ns);
            default -> range(0, state.size());
        };
        this.singles = new GaussianPairs.Single[kernel.length];
    }

    /** The number of state functions. */
    public int n() {
        return state.size();
    }

    /** The number of sample pairs a &lt;= b. */
    public int ns() {
        return ns;
    }

    private ResidualTensors empty() {
        return ResidualTensors.of(n(), ns);
    }

    /**
     * The state at layer 0, where the stream is iid N(0, K^0): V = the covariance of one neuron's s, and zero 1/n
     * shifts (m1; for closure G dR, W and X).
     */
    public ResidualTensors initial() {
        int n = n();
        double[] mean = single(0).mean();
        double[][] second = integrals.branching(kernel[0], List.<double[][]>of(kernel[0]), state, state, false,
                new boolean[n])[0][0].plain();
        double[] v = new double[n * n];
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                v[f * n + g] = second[f][g] - mean[f] * mean[g];
            }
        }
        ResidualTensors t = empty().with("V", v);
        if (closure == Closure.G) {
            return t.with("dR", new double[ns]).with("W", new double[ns * ns]).with("X", new double[ns * ns]);
        }
        return t.with("m1", new double[n]);
    }

    /** Layer l's single-point moments under the given names (mean, second and fourth derivatives). */
    public ResidualTensors layer(int l, String mean, String second, String fourth) {
        GaussianPairs.Single s = single(l);
        int n = n();
        double[] h = new double[n * ns];
        double[] f4 = new double[n * ns * ns];
        pairSummed(s, p, ns, h, f4, 0);
        return empty().with(mean, s.mean().clone()).with(second, h).with(fourth, f4);
    }

    /**
     * Adds the derivatives of {@code s} summed over the ordered pairs of each sample pair into flat arrays, function
     * f's entries from {@code at + f}: h[(at + f) ns + cd] = sum over (c, d) -> cd of second[f][c][d], and f4 likewise
     * over the two pairs of the fourth derivatives.
     */
    static void pairSummed(GaussianPairs.Single s, int p, int ns, double[] h, double[] f4, int at) {
        for (int i = 0; i < s.mean().length; i++) {
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    int cd = StreamFunction.symmetricIndex(c, d, p);
                    h[(at + i) * ns + cd] += s.second()[i][c][d];
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b < p; b++) {
                            int ab = StreamFunction.symmetricIndex(a, b, p);
                            f4[((at + i) * ns + ab) * ns + cd] += s.fourth()[i][a][b][c][d];
                        }
                    }
                }
            }
        }
    }

    /** The pair expectations of the step from layer k to k+1: Bc, and for a regression closure P, Pd and Inv. */
    public ResidualTensors step(int k) {
        int n = n();
        boolean regression = closure != Closure.G;
        boolean[] rows = new boolean[n];
        Arrays.fill(rows, regression);
        GaussianPairs.Pair[][] fromK = integrals.branching(kernel[k], List.of(kernel[k], kernel[k + 1]), state, state,
                regression, rows);
        boolean[] all = new boolean[n];
        Arrays.fill(all, regression);
        double[][] atNext = integrals.branching(kernel[k + 1], List.<double[][]>of(kernel[k + 1]), state, state, false,
                all)[0][0].plain();
        double[] bc = new double[n * n];
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                bc[f * n + g] = atNext[f][g] - fromK[1][1].plain()[f][g];
            }
        }
        ResidualTensors t = empty().with("Bc", bc);
        if (!regression) {
            return t;
        }
        GaussianPairs.Pair across = fromK[0][1];
        double[] pp = new double[n * n];
        double[] pd = new double[n * n * ns];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                pp[j * n + i] = across.plain()[j][i];
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        pd[(j * n + i) * ns + StreamFunction.symmetricIndex(c, d, p)] += across.second()[j][i][c][d];
                    }
                }
            }
        }
        return t.with("P", pp).with("Pd", pd).with("Inv", inverseOnBasis(fromK[0][0].plain(), single(k).mean()));
    }

    /** The pseudo-inverse of Cov_{K^k}(B, B), placed on the basis block of an n x n array. */
    private double[] inverseOnBasis(double[][] second, double[] mean) {
        int size = basis.length;
        double[][] cov = new double[size][size];
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                cov[x][y] = second[basis[x]][basis[y]] - mean[basis[x]] * mean[basis[y]];
            }
        }
        double[][] inverse = pseudoInverse(cov);
        int n = n();
        double[] out = new double[n * n];
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                out[basis[x] * n + basis[y]] = inverse[x][y];
            }
        }
        return out;
    }

    /**
     * The pseudo-inverse by SVD: a basis function that is a linear combination of the others (R = G for a linear
     * activation) then adds nothing to the regression.
     */
    static double[][] pseudoInverse(double[][] m) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m));
        double[] values = svd.getSingularValues();
        double[][] u = svd.getU().getData();
        double[][] v = svd.getV().getData();
        int size = m.length;
        double[][] out = new double[size][size];
        for (int r = 0; r < values.length; r++) {
            if (values[r] <= 1e-10 * values[0]) {
                continue;
            }
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    out[i][j] += v[i][r] * u[j][r] / values[r];
                }
            }
        }
        return out;
    }

    private GaussianPairs.Single single(int l) {
        if (singles[l] == null) {
            singles[l] = integrals.single(kernel[l], state);
        }
        return singles[l];
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
