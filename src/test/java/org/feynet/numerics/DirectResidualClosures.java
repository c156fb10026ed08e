package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.StreamFunction.Kind;
import org.hipparchus.linear.Array2DRowRealMatrix;

/**
 * The reference for the generated residual closures: the kernel closures (regression closures and the published
 * G-only theory) evaluated directly on nested arrays, as {@link ResidualTheory} did before their per-layer algebra was
 * generated from org.feynet.derive.ResidualSystem. It shares the Gaussian integrals ({@link GaussianPairs}) with the
 * generated route but none of its algebra (no ResidualMoments, no tensor equations), so that a mistake in the
 * equations, the writer or the moment provider shows as a difference. See docs/METHOD.md ("Residual networks").
 */
final class DirectResidualClosures {

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final int depth;
    private final double cb;
    private final double cw;
    private final double[][][] kernel;

    DirectResidualClosures(ResidualModel model) {
        this.model = model;
        this.integrals = ResidualTheory.defaultIntegrals(model);
        this.p = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.kernel = meanFields(model, integrals);
    }

    /** K^(l), l = 0..L, the mean-field kernels of the stream. */
    static double[][][] meanFields(ResidualModel model, GaussianPairs integrals) {
        ResidualTheory theory = new ResidualTheory(model, integrals);
        double[][][] kernel = new double[model.depth() + 1][][];
        for (int l = 0; l <= model.depth(); l++) {
            kernel[l] = theory.meanField(l);
        }
        return kernel;
    }

    /** The statistics under the model's (kernel) closure. */
    ResidualStatistics run() {
        return model.closure() == Closure.G ? published(null) : closure(model.closure(), null);
    }

    /** sum_{abcd} C(SS_ab, SS_cd) h[a][b][c][d] with C on the SS block of {@code kk}. */
    private double fourthContraction(double[][] kk, double[][][][] h, int ns) {
        double v = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int ab = ns + StreamFunction.symmetricIndex(a, b, p);
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        v += kk[ab][ns + StreamFunction.symmetricIndex(c, d, p)] * h[a][b][c][d];
                    }
                }
            }
        }
        return v;
    }

    /**
     * Layer l's statistics from the means, the fluctuation covariance and the mean shift of the state functions,
     * the ZZ block starting at {@code zz} and the SS block at {@code ss}.
     */
    private ResidualStatistics.Layer layer(int l, double[] mean, double[][] cov, double[] m1, int zz, int ss) {
        return layerOf(l, kernel[l], cb, cw, mean, cov, m1, zz, ss);
    }

    /** As {@link #layer}, for any network: k0 = K^(l), the mean-field kernel of the stream. */
    static ResidualStatistics.Layer layerOf(int l, double[][] k0, double cb, double cw, double[] mean, double[][] cov,
                                            double[] m1, int zz, int ss) {
        int p = k0.length;
        double[][] rk0 = new double[p][p];
        double[][] rk1 = new double[p][p];
        double[][][][] rv4 = new double[p][p][p][p];
        double[][] gk0 = new double[p][p];
        double[][] gk1 = new double[p][p];
        double[][][][] gv4 = new double[p][p][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int ab = StreamFunction.symmetricIndex(a, b, p);
                rk0[a][b] = k0[a][b];
                rk1[a][b] = m1[zz + ab];
                gk0[a][b] = cb + cw * mean[ss + ab];
                gk1[a][b] = cw * m1[ss + ab];
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        int cd = StreamFunction.symmetricIndex(c, d, p);
                        rv4[a][b][c][d] = cov[zz + ab][zz + cd];
                        gv4[a][b][c][d] = cw * cw * cov[ss + ab][ss + cd];
                    }
                }
            }
        }
        return new ResidualStatistics.Layer(l, new ResidualStatistics.Kernel(rk0, rk1, rv4),
                new ResidualStatistics.Kernel(gk0, gk1, gv4));
    }

    private ResidualStatistics closure(Closure closure, IntConsumer progress) {
        List<StreamFunction> state = new ArrayList<>(StreamFunction.symmetric(Kind.ZZ, p));
        int ns = state.size();
        state.addAll(StreamFunction.symmetric(Kind.SS, p));
        if (closure == Closure.RGM) {
            state.addAll(StreamFunction.mixed(p));
        }
        int n = state.size();
        int[] basis = switch (closure) {
            case GPROJ -> range(ns, 2 * ns);
            case RG -> range(0, 2 * ns);
            default -> range(0, n);
        };
        GaussianPairs.Single single = integrals.single(kernel[0], state);
        boolean[] none = new boolean[n];
        double[][] v = covariance(integrals.branching(kernel[0], List.<double[][]>of(kernel[0]), state, state, false, none)[0][0]
                .plain(), single.mean(), single.mean());
        double[] m1 = new double[n];
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(layer(0, single.mean(), v, m1, 0, ns));
        for (int k = 0; k < depth; k++) {
            GaussianPairs.Single next = integrals.single(kernel[k + 1], state);
            boolean[] all = new boolean[n];
            java.util.Arrays.fill(all, true);
            GaussianPairs.Pair[][] fromK = integrals.branching(kernel[k], List.of(kernel[k], kernel[k + 1]), state, state,
                    true, all);
            double[][] cov = covariance(fromK[0][0].plain(), single.mean(), single.mean());
            double[][] inverse = ResidualMoments.pseudoInverse(sub(cov, basis)); // a utility, not the algebra under test
            GaussianPairs.Pair across = fromK[0][1];
            double half = 0.5 * model.eps(k) * model.eps(k) * cw;
            double quarter = half * half / 2.0;
            double[][] a = new double[n][n];
            for (int alpha = 0; alpha < n; alpha++) {
                if (alpha < ns) {
                    a[alpha][alpha] = 1.0;
                } else {
                    double[] target = new double[basis.length];
                    for (int x = 0; x < basis.length; x++) {
                        target[x] = across.plain()[basis[x]][alpha] - single.mean()[basis[x]] * next.mean()[alpha];
                    }
                    double[] beta = times(inverse, target);
                    for (int x = 0; x < basis.length; x++) {
                        a[alpha][basis[x]] += beta[x];
                    }
                }
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        a[alpha][ns + StreamFunction.symmetricIndex(c, d, p)] += half * next.second()[alpha][c][d];
                    }
                }
            }
            double[][] conditional = minus(
                    integrals.branching(kernel[k + 1], List.<double[][]>of(kernel[k + 1]), state, state, false, all)[0][0].plain(),
                    fromK[1][1].plain());
            double[][] vNext = plus(times(times(a, v), transpose(a)), conditional);
            double[] m1Next = times(a, m1);
            for (int alpha = ns; alpha < n; alpha++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        double[] target = new double[basis.length];
                        for (int x = 0; x < basis.length; x++) {
                            target[x] = across.second()[basis[x]][alpha][c][d]
                                    - single.mean()[basis[x]] * next.second()[alpha][c][d];
                        }
                        double[] beta = times(inverse, target);
                        int cd = ns + StreamFunction.symmetricIndex(c, d, p);
                        for (int x = 0; x < basis.length; x++) {
                            s += half * v[cd][basis[x]] * beta[x];
                        }
                    }
                }
                s += quarter * fourthContraction(v, next.fourth()[alpha], ns);
                m1Next[alpha] += s;
            }
            v = vNext;
            m1 = m1Next;
            single = next;
            layers.add(layer(k + 1, single.mean(), v, m1, 0, ns));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), closure, layers);
    }

    // ------------------------------------------------------------------ the published G-only theory

    /**
     * The published Gaussian G-only effective theory (docs/METHOD.md, "The published G-only theory"). Each neuron is
     * taken to be Gaussian given the metric's path, with the covariance that path drives,
     * R^l = K^0 + sum_{k<l} eps_k^2 (Cb + Cw G^k), and G^l = &lt;sigma sigma&gt;_{R^l} + eta^l with eta^l the sampling noise
     * of n such neurons, a martingale in l. So, on the state s = (z z, sigma sigma):
     * <pre>
     *   delta s^(l+1) = J_l delta s^l + noise,   J_l = 1 + (eps_l^2/2) Cw &lt;d_c d_d s&gt;_{K^(l+1)} e_{sigma_c sigma_d}
     *   V^(l+1) = J_l V^l J_l^T + m^l(T(s s') - T s T s'),     V^0 = the covariance of one neuron under N(0, K^0)
     *   K1_R^(l+1) = K1_R^l + eps_l^2 Cw K1_G^l,
     *   K1_G^l = (1/2) &lt;d_c d_d sigma sigma&gt;_{K^l} K1_R^l_cd + (1/8) W^l_{ab,cd} &lt;d_a d_b d_c d_d sigma sigma&gt;_{K^l}
     * </pre>
     * (the one-loop tadpole of E &lt;sigma sigma&gt;_{R^l}), with W^l = n Cov(R^l, R^l) and X^l = n Cov(R^l, G^l) from
     * W^(l+1) = W^l + eps_l^2 Cw (X^l + X^l^T) + eps_l^4 Cw^2 V_GG^l, X^(l+1) = (X^l + eps_l^2 Cw V_GG^l) J_GG^T,
     * W^0 = X^0 = 0. The regression term of the exact transport (the drift of the neurons' own positions) and the
     * cross term of the K1 source are absent: at layer 1 its K1 is the exact route's Hessian term alone.
     */
    private ResidualStatistics published(IntConsumer progress) {
        List<StreamFunction> state = new ArrayList<>(StreamFunction.symmetric(Kind.ZZ, p));
        int ns = state.size();
        state.addAll(StreamFunction.symmetric(Kind.SS, p));
        int n = state.size();
        boolean[] none = new boolean[n];
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        GaussianPairs.Single single = integrals.single(kernel[0], state);
        double[][] v = covariance(integrals.branching(kernel[0], List.<double[][]>of(kernel[0]), state, state, false, none)[0][0]
                .plain(), single.mean(), single.mean());
        double[] driftR = new double[ns];
        double[][] w = new double[ns][ns];
        double[][] x = new double[ns][ns];
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(layer(0, single.mean(), v, tadpole(single, driftR, w, ns), 0, ns));
        for (int k = 0; k < depth; k++) {
            GaussianPairs.Single next = integrals.single(kernel[k + 1], state);
            double e2cw = model.eps(k) * model.eps(k) * cw;
            double[][] a = new double[n][n];
            for (int alpha = 0; alpha < n; alpha++) {
                a[alpha][alpha] = 1.0;
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        a[alpha][ns + StreamFunction.symmetricIndex(c, d, p)] += 0.5 * e2cw * next.second()[alpha][c][d];
                    }
                }
            }
            GaussianPairs.Pair[][] fromK = integrals.branching(kernel[k], List.of(kernel[k], kernel[k + 1]), state, state,
                    false, none);
            double[][] conditional = minus(
                    integrals.branching(kernel[k + 1], List.<double[][]>of(kernel[k + 1]), state, state, false, none)[0][0]
                            .plain(), fromK[1][1].plain());
            double[] m1 = tadpole(single, driftR, w, ns);
            double[][] vgg = new double[ns][ns];
            double[][] jgg = new double[ns][ns];
            for (int s = 0; s < ns; s++) {
                for (int t = 0; t < ns; t++) {
                    vgg[s][t] = v[ns + s][ns + t];
                    jgg[s][t] = a[ns + s][ns + t];
                }
            }
            double[][] wNext = new double[ns][ns];
            double[][] shifted = new double[ns][ns];
            for (int s = 0; s < ns; s++) {
                for (int t = 0; t < ns; t++) {
                    wNext[s][t] = w[s][t] + e2cw * (x[s][t] + x[t][s]) + e2cw * e2cw * vgg[s][t];
                    shifted[s][t] = x[s][t] + e2cw * vgg[s][t];
                }
            }
            for (int s = 0; s < ns; s++) {
                driftR[s] += e2cw * m1[ns + s];
            }
            x = times(shifted, transpose(jgg));
            w = wNext;
            v = plus(times(times(a, v), transpose(a)), conditional);
            single = next;
            layers.add(layer(k + 1, single.mean(), v, tadpole(single, driftR, w, ns), 0, ns));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), Closure.G, layers);
    }

    /**
     * The published theory's 1/n mean shifts at one layer: R's is {@code driftR}; G's is the one-loop expansion of
     * E &lt;sigma sigma&gt;_{R} around K, (1/2) &lt;d_c d_d sigma sigma&gt; driftR_cd + (1/8) W_{ab,cd} &lt;d^4 sigma sigma&gt;.
     */
    private double[] tadpole(GaussianPairs.Single single, double[] driftR, double[][] w, int ns) {
        double[] m1 = new double[2 * ns];
        System.arraycopy(driftR, 0, m1, 0, ns);
        for (int beta = 0; beta < ns; beta++) {
            double s = 0;
            double[][][][] fourth = single.fourth()[ns + beta];
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    int cd = StreamFunction.symmetricIndex(c, d, p);
                    s += 0.5 * single.second()[ns + beta][c][d] * driftR[cd];
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b < p; b++) {
                            s += 0.125 * w[StreamFunction.symmetricIndex(a, b, p)][cd] * fourth[a][b][c][d];
                        }
                    }
                }
            }
            m1[ns + beta] = s;
        }
        return m1;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static double[][] covariance(double[][] second, double[] left, double[] right) {
        double[][] out = new double[left.length][right.length];
        for (int f = 0; f < left.length; f++) {
            for (int g = 0; g < right.length; g++) {
                out[f][g] = second[f][g] - left[f] * right[g];
            }
        }
        return out;
    }

    private static double[][] sub(double[][] m, int[] index) {
        double[][] out = new double[index.length][index.length];
        for (int x = 0; x < index.length; x++) {
            for (int y = 0; y < index.length; y++) {
                out[x][y] = m[index[x]][index[y]];
            }
        }
        return out;
    }

    private static double[] times(double[][] m, double[] x) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += m[i][j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[][] times(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(a).multiply(new Array2DRowRealMatrix(b)).getData();
    }

    private static double[][] transpose(double[][] a) {
        return new Array2DRowRealMatrix(a).transpose().getData();
    }

    private static double[][] plus(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(a).add(new Array2DRowRealMatrix(b)).getData();
    }

    private static double[][] minus(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(a).subtract(new Array2DRowRealMatrix(b)).getData();
    }
}
