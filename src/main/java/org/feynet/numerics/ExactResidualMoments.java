package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.feynet.numerics.StreamFunction.Kind;

/**
 * The runtime half of the exact residual route (docs/METHOD.md, "Generated residual evaluators"): the Gaussian
 * expectations the generated {@link ResidualRecursions} of the exact route read, on the functions s = (z_a z_b,
 * sigma_a sigma_b) (n = 2 ns of them) along the mean-field kernels K^0..K^L (nl = L + 1 layers), as flat row-major
 * arrays with layer indices. For every layer x: mu[x,f] = &lt;s_f&gt;_{K^x}, H[x,f,s] = sum_{(c,d) -> s} &lt;d_c d_d
 * s_f&gt;_{K^x} and F[x,f,s,t] = sum_{(a,b) -> s, (c,d) -> t} &lt;d_a d_b d_c d_d s_f&gt;_{K^x} (sums over the ordered
 * sample pairs of each symmetric pair). For the step from layer l, the pair expectations of two points x_j, x_i on one
 * mean-field trajectory branching at layer c (Cov(x_j) = K^j, Cov(x_i) = K^i, Cov(x_j, x_i) = K^c,
 * {@link GaussianPairs#branching}): Pa[j,i,f,g] = E[s_f(x_j) s_g(x_i)] and Qa[j,i,v,w,u] = sum_{(c,d) -> u}
 * E[s_(ns+v)(x_j) d_c d_d s_(ns+w)(x_i)] branching at c = l + 1, and Pb, Qb branching at c = l, for j, i &gt;= c (zero
 * elsewhere; Qa and Qb also zero at i = c, where x_i has no Gaussian continuation to differentiate against, and which
 * the equations do not read). The initial state, where the stream is iid N(0, K^0): C[j,i,f,g] = Pb0[j,i,f,g]
 * - mu[j,f] mu[i,g] and D[j,i,v,w,u] = Qb0[j,i,v,w,u] - mu[j,ns+v] H[i,ns+w,u] (i &gt;= 1; zero at i = 0), both
 * branching at 0, and m1 = 0.
 *
 * <p>Each branching point is integrated once: the step from l reuses the pairs branching at l that the step before it
 * computed. Steps must therefore be asked for in order (l = 0, 1, ...), as the evaluation does.
 */
public final class ExactResidualMoments {

    private final GaussianPairs integrals;
    private final double[][][] kernel;
    private final int p;
    private final int nl;
    private final List<StreamFunction> functions;
    private final int ns;
    private final ResidualTensors layers;
    private int cachedAt = -1;
    private GaussianPairs.Pair[][] cached;

    /**
     * @param kernel the mean-field kernels K^0..K^L of the stream
     */
    public ExactResidualMoments(GaussianPairs integrals, double[][][] kernel, int p) {
        this.integrals = integrals;
        this.kernel = kernel;
        this.p = p;
        this.nl = kernel.length;
        List<StreamFunction> s = new ArrayList<>(StreamFunction.symmetric(Kind.ZZ, p));
        this.ns = s.size();
        s.addAll(StreamFunction.symmetric(Kind.SS, p));
        this.functions = List.copyOf(s);
        this.layers = singles();
    }

    /** The number of functions s. */
    public int n() {
        return functions.size();
    }

    /** The number of sample pairs a &lt;= b. */
    public int ns() {
        return ns;
    }

    private ResidualTensors empty() {
        return ResidualTensors.of(n(), ns, nl);
    }

    /** mu, H and F at every layer. */
    public ResidualTensors layers() {
        return layers;
    }

    private ResidualTensors singles() {
        int n = n();
        double[] mu = new double[nl * n];
        double[] h = new double[nl * n * ns];
        double[] f4 = new double[nl * n * ns * ns];
        for (int x = 0; x < nl; x++) {
            GaussianPairs.Single s = integrals.single(kernel[x], functions);
            System.arraycopy(s.mean(), 0, mu, x * n, n);
            ResidualMoments.pairSummed(s, p, ns, h, f4, x * n);
        }
        return empty().with("mu", mu).with("H", h).with("F", f4);
    }

    /** The state at layer 0: C and D of the iid Gaussian stream, m1 = 0. */
    public ResidualTensors initial() {
        int n = n();
        double[] mu = layers.get("mu");
        double[] h = layers.get("H");
        GaussianPairs.Pair[][] at0 = branching(0);
        double[] c = plain(at0);
        double[] d = second(at0);
        for (int j = 0; j < nl; j++) {
            for (int i = 0; i < nl; i++) {
                for (int f = 0; f < n; f++) {
                    for (int g = 0; g < n; g++) {
                        c[((j * nl + i) * n + f) * n + g] -= mu[j * n + f] * mu[i * n + g];
                    }
                }
                for (int v = 0; v < ns; v++) {
                    for (int w = 0; w < ns; w++) {
                        for (int u = 0; u < ns; u++) {
                            int at = (((j * nl + i) * ns + v) * ns + w) * ns + u;
                            d[at] = i == 0 ? 0.0 : d[at] - mu[j * n + ns + v] * h[(i * n + ns + w) * ns + u];
                        }
                    }
                }
            }
        }
        return empty().with("C", c).with("D", d).with("m1", new double[nl * n]);
    }

    /** The pair expectations of the step from layer l: Pb, Qb branching at l and Pa, Qa branching at l + 1. */
    public ResidualTensors step(int l) {
        GaussianPairs.Pair[][] before = branching(l);
        GaussianPairs.Pair[][] after = branching(l + 1);
        return empty().with("Pb", plain(before)).with("Qb", second(before)).with("Pa", plain(after))
                .with("Qa", second(after));
    }

    /** The pairs branching at layer c, [j][i] for j, i &gt;= c (null below); the last one computed is kept. */
    private GaussianPairs.Pair[][] branching(int c) {
        if (c == cachedAt) {
            return cached;
        }
        List<double[][]> later = new ArrayList<>();
        for (int j = c; j < nl; j++) {
            later.add(kernel[j]);
        }
        boolean[] rows = new boolean[n()];
        for (int f = ns; f < n(); f++) {
            rows[f] = true;
        }
        GaussianPairs.Pair[][] computed = integrals.branching(kernel[c], later, functions, functions, true, rows);
        GaussianPairs.Pair[][] pairs = new GaussianPairs.Pair[nl][nl];
        for (int j = c; j < nl; j++) {
            for (int i = c; i < nl; i++) {
                pairs[j][i] = computed[j - c][i - c];
            }
        }
        cachedAt = c;
        cached = pairs;
        return pairs;
    }

    /** P[j,i,f,g] = E[s_f(x_j) s_g(x_i)]. */
    private double[] plain(GaussianPairs.Pair[][] pairs) {
        int n = n();
        double[] out = new double[nl * nl * n * n];
        for (int j = 0; j < nl; j++) {
            for (int i = 0; i < nl; i++) {
                if (pairs[j][i] == null) {
                    continue;
                }
                for (int f = 0; f < n; f++) {
                    for (int g = 0; g < n; g++) {
                        out[((j * nl + i) * n + f) * n + g] = pairs[j][i].plain()[f][g];
                    }
                }
            }
        }
        return out;
    }

    /** Q[j,i,v,w,u] = sum_{(c,d) -> u} E[s_(ns+v)(x_j) d_c d_d s_(ns+w)(x_i)]. */
    private double[] second(GaussianPairs.Pair[][] pairs) {
        double[] out = new double[nl * nl * ns * ns * ns];
        for (int j = 0; j < nl; j++) {
            for (int i = 0; i < nl; i++) {
                if (pairs[j][i] == null || pairs[j][i].second() == null) {
                    continue;
                }
                for (int v = 0; v < ns; v++) {
                    for (int w = 0; w < ns; w++) {
                        double[][] second = pairs[j][i].second()[ns + v][ns + w];
                        for (int c = 0; c < p; c++) {
                            for (int d = 0; d < p; d++) {
                                out[(((j * nl + i) * ns + v) * ns + w) * ns + StreamFunction.symmetricIndex(c, d, p)]
                                        += second[c][d];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
