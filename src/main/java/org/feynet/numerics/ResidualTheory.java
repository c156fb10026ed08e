package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;
import org.feynet.model.Activation;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.StreamFunction.Kind;

/**
 * The O(1/n) statistics of a pre-activation residual network (docs/METHOD.md, "Residual networks").
 *
 * <p>Given layer k, the neurons move independently, z^(k+1)_i = z^(k)_i + eps_k xi_i with xi_i iid N(0, Sigma(mu^k)),
 * Sigma(mu) = Cb + Cw mu(sigma sigma^T), mu^k the empirical measure of the stream. Hence, for test functions phi, psi,
 * <pre>
 *   E[mu^(k+1)(phi) | k] = mu^k(T_Sigma phi),        T_Sigma phi(z) = E phi(z + eps_k xi),
 *   n Cov(mu^(k+1)(phi), mu^(k+1)(psi) | k) = mu^k(T_Sigma(phi psi) - T_Sigma phi T_Sigma psi).
 * </pre>
 * Expanding Sigma(mu) = Sigma_0 + Cw delta(sigma sigma) around the mean-field Gaussian m^k = N(0, K^k) to second
 * order (Price: d T_Sigma phi / d Sigma_ab = (eps^2/2) T (d_a d_b phi), sums over ordered pairs) and writing
 * E mu^k(phi) = m^k(phi) + m1^k(phi)/n, n Cov(mu^k(phi), mu^k(psi)) = C^k(phi, psi) + O(1/n):
 * <pre>
 *   K^(k+1) = K^k + eps_k^2 Sigma_0^k,        Sigma_0^k = Cb + Cw &lt;sigma sigma&gt;_{K^k}
 *   L_k phi = T phi + (eps_k^2/2) Cw m^(k+1)(d_a d_b phi) sigma_a sigma_b                      (linear response)
 *   C^(k+1)(phi, psi) = m^k(T(phi psi) - T phi T psi) + C^k(L_k phi, L_k psi)
 *   m1^(k+1)(phi) = m1^k(L_k phi) + (eps_k^2/2) Cw C^k(sigma_a sigma_b, T d_a d_b phi)
 *                   + (eps_k^4/8) Cw^2 C^k(sigma_a sigma_b, sigma_c sigma_d) m^(k+1)(d_a d_b d_c d_d phi),
 * </pre>
 * with C^0 the single-neuron covariance under N(0, K^0) and m1^0 = 0 (the stream z^(0) is iid Gaussian). Since
 * L_k maps T_{k+1 -> j} f to T_{k -> j} f + c (sigma sigma) (T_{k -> j} the Gaussian smoothing from layer k to j),
 * the functions the recursions need stay in the span of smoothed kernel functions T_{k->j} f, one per later layer j:
 * the exact route propagates C^k on pairs (T_{k->j} f, T_{k->i} g) and m1^k on T_{k->j} f. Every number is then a
 * Gaussian expectation E[f(x) g(y)] of a pair of points on one mean-field trajectory, x at layer j and y at layer i,
 * branching at layer c: Cov(x) = K^j, Cov(y) = K^i, Cov(x, y) = K^c (and m^k(T(phi psi)) - m^k(T phi T psi) is the
 * difference of the expectations branching at k+1 and at k). The work is O(L^3) pair integrals.
 *
 * <p>The regression closures keep C and m1 only on the functions of a finite state S and replace the fluctuation of
 * any other function by its regression on the state's basis B under the mean-field measure (delta(phi) ~ beta(phi) .
 * delta(B), beta = Cov_m(B, B)^-1 Cov_m(B, phi)): Gproj keeps B = {sigma sigma} (with R carried along exactly, since
 * T z z = z z + const), RG B = {zz, sigma sigma}, RGM adds z sigma. Enlarging B to all functions gives back the exact
 * route; no finite B does. Closure G is the published Gaussian G-only theory (docs/METHOD.md, "The published G-only
 * theory"). The four kernel closures are evaluated by their generated {@link ResidualRecursions} (the tensor equations
 * of org.feynet.derive.ResidualSystem, fed by {@link ResidualMoments}); the exact route, whose state is indexed by the
 * later layers, is evaluated here (docs/METHOD.md, "Generated residual evaluators").
 */
public final class ResidualTheory {

    /** Pair-integral nodes per dimension: smooth activations, kinks. */
    static final int SMOOTH_PAIR_NODES = 20;
    static final int KINK_PAIR_NODES = 32;
    static final int SMOOTH_SINGLE_NODES = 60;
    static final int SMOOTH_BRANCH_NODES = 40;
    static final int KINK_BRANCH_NODES = 64;
    static final int KINK_SINGLE_NODES = 400;

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final int depth;
    private final double cb;
    private final double cw;
    /** K^l, the mean-field kernel of the stream, l = 0..L. */
    private final double[][][] kernel;

    public ResidualTheory(ResidualModel model) {
        this(model, defaultIntegrals(model));
    }

    public ResidualTheory(ResidualModel model, GaussianPairs integrals) {
        this.model = model;
        this.integrals = integrals;
        this.p = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.kernel = new double[depth + 1][][];
        kernel[0] = model.gramCopy();
        List<StreamFunction> ss = StreamFunction.symmetric(Kind.SS, p);
        for (int l = 0; l < depth; l++) {
            double[] mean = integrals.single(kernel[l], ss).mean();
            double e2 = model.eps(l) * model.eps(l);
            kernel[l + 1] = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    kernel[l + 1][a][b] = kernel[l][a][b] + e2 * (cb + cw * mean[StreamFunction.symmetricIndex(a, b, p)]);
                }
            }
        }
    }

    /** The quadrature for this network's activation: more nodes for an activation with a kink. */
    public static GaussianPairs defaultIntegrals(ResidualModel model) {
        Activation activation = model.activation();
        DoubleUnaryOperator sigma = ScalarFunction.of(activation.expression());
        boolean kink = ScalarExpr.hasKink(activation.expression());
        return new GaussianPairs(sigma, model.inputs(), kink ? KINK_PAIR_NODES : SMOOTH_PAIR_NODES,
                kink ? KINK_SINGLE_NODES : SMOOTH_SINGLE_NODES, kink ? KINK_BRANCH_NODES : SMOOTH_BRANCH_NODES,
                kink ? KINK_PAIR_NODES : SMOOTH_PAIR_NODES);
    }

    /** The mean-field kernel K^l of the stream. */
    public double[][] meanField(int l) {
        return kernel[l];
    }

    /** The statistics of the exact route (the model's closure must be exact). */
    public ResidualStatistics run(IntConsumer progress) {
        return run(null, progress);
    }

    /**
     * The statistics under the model's closure: the exact route here, a kernel closure through its generated
     * recursions (org.feynet.codegen.Evaluators.residual), which must then be given.
     */
    public ResidualStatistics run(ResidualRecursions recursions, IntConsumer progress) {
        if (model.closure() == Closure.EXACT) {
            return exact(progress);
        }
        if (recursions == null) {
            throw new IllegalArgumentException("closure " + model.closure().keyword() + " is evaluated by its"
                    + " generated recursions (org.feynet.codegen.Evaluators.residual)");
        }
        return generated(recursions, progress);
    }

    // ------------------------------------------------------------------ exact route

    private ResidualStatistics exact(IntConsumer progress) {
        List<StreamFunction> fs = new ArrayList<>(StreamFunction.symmetric(Kind.ZZ, p));
        int ns = fs.size();
        fs.addAll(StreamFunction.symmetric(Kind.SS, p));
        int nf = fs.size();
        GaussianPairs.Single[] single = new GaussianPairs.Single[depth + 1];
        for (int l = 0; l <= depth; l++) {
            single[l] = integrals.single(kernel[l], fs);
        }
        // C^k on (T_{k->j} f, T_{k->i} g), and on (T_{k->j} f, T_{k->i} d_c d_d SS_beta) for i > k
        double[][][][] cc = new double[depth + 1][depth + 1][][];
        double[][][][][][] cd = new double[depth + 1][depth + 1][][][][];
        GaussianPairs.Pair[][] before = branching(0, fs);
        for (int j = 0; j <= depth; j++) {
            for (int i = 0; i <= depth; i++) {
                cc[j][i] = new double[nf][nf];
                for (int f = 0; f < nf; f++) {
                    for (int g = 0; g < nf; g++) {
                        cc[j][i][f][g] = before[j][i].plain()[f][g] - single[j].mean()[f] * single[i].mean()[g];
                    }
                }
                if (i >= 1) {
                    cd[j][i] = new double[nf][ns][p][p];
                    for (int f = 0; f < nf; f++) {
                        for (int beta = 0; beta < ns; beta++) {
                            for (int c = 0; c < p; c++) {
                                for (int d = 0; d < p; d++) {
                                    cd[j][i][f][beta][c][d] = before[j][i].second()[f][ns + beta][c][d]
                                            - single[j].mean()[f] * single[i].second()[ns + beta][c][d];
                                }
                            }
                        }
                    }
                }
            }
        }
        double[][] m1 = new double[depth + 1][nf];
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(exactLayer(0, single[0], cc[0][0], m1[0], ns));
        for (int k = 0; k < depth; k++) {
            GaussianPairs.Pair[][] after = branching(k + 1, fs);
            double half = 0.5 * model.eps(k) * model.eps(k) * cw;
            double[][][][] cf = new double[depth + 1][][][];
            for (int j = k + 1; j <= depth; j++) {
                cf[j] = scaled(single[j].second(), half);
            }
            double[][][][][][] cfd = new double[depth + 1][][][][][];
            for (int i = k + 1; i <= depth; i++) {
                cfd[i] = new double[ns][][][][];
                for (int beta = 0; beta < ns; beta++) {
                    cfd[i][beta] = scaled4(single[i].fourth()[ns + beta], half);
                }
            }
            double[][][][] ccNext = new double[depth + 1][depth + 1][][];
            double[][][][][][] cdNext = new double[depth + 1][depth + 1][][][][];
            double[][] kk = cc[k][k];
            for (int j = k + 1; j <= depth; j++) {
                for (int i = k + 1; i <= depth; i++) {
                    ccNext[j][i] = stepCc(after[j][i].plain(), before[j][i].plain(), cc[j][i], cc[k][i], cc[j][k], kk,
                            cf[j], cf[i], ns);
                    if (i >= k + 2) {
                        cdNext[j][i] = stepCd(after[j][i].second(), before[j][i].second(), cd[j][i], cd[k][i], cc[j][k],
                                kk, cf[j], cfd[i], ns);
                    }
                }
            }
            double[][] m1Next = new double[depth + 1][];
            double quarter = model.eps(k) * model.eps(k) * model.eps(k) * model.eps(k) * cw * cw / 8.0;
            for (int j = k + 1; j <= depth; j++) {
                m1Next[j] = new double[nf];
                for (int f = 0; f < nf; f++) {
                    double v = m1[j][f];
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            v += cf[j][f][c][d] * m1[k][ns + StreamFunction.symmetricIndex(c, d, p)];
                        }
                    }
                    if (f >= ns) {
                        int beta = f - ns;
                        for (int c = 0; c < p; c++) {
                            for (int d = 0; d < p; d++) {
                                v += half * cd[k][j][ns + StreamFunction.symmetricIndex(c, d, p)][beta][c][d];
                            }
                        }
                        v += quarter * fourthContraction(kk, single[j].fourth()[f], ns);
                    }
                    m1Next[j][f] = v;
                }
            }
            cc = ccNext;
            cd = cdNext;
            m1 = m1Next;
            before = after;
            layers.add(exactLayer(k + 1, single[k + 1], cc[k + 1][k + 1], m1[k + 1], ns));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), Closure.EXACT, layers);
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

    /** The pair expectations of points at layers j and i (all j, i >= c) branching at layer c, [j][i]. */
    private GaussianPairs.Pair[][] branching(int c, List<StreamFunction> fs) {
        List<double[][]> later = new ArrayList<>();
        for (int j = c; j <= depth; j++) {
            later.add(kernel[j]);
        }
        boolean[] rows = new boolean[fs.size()];
        for (int f = 0; f < fs.size(); f++) {
            rows[f] = fs.get(f).kind() == Kind.SS;
        }
        GaussianPairs.Pair[][] computed = integrals.branching(kernel[c], later, fs, fs, true, rows);
        GaussianPairs.Pair[][] pairs = new GaussianPairs.Pair[depth + 1][depth + 1];
        for (int j = c; j <= depth; j++) {
            for (int i = c; i <= depth; i++) {
                pairs[j][i] = computed[j - c][i - c];
            }
        }
        return pairs;
    }

    private double[][][] scaled(double[][][] second, double factor) {
        double[][][] out = new double[second.length][p][p];
        for (int f = 0; f < second.length; f++) {
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    out[f][c][d] = factor * second[f][c][d];
                }
            }
        }
        return out;
    }

    private double[][][][] scaled4(double[][][][] fourth, double factor) {
        double[][][][] out = new double[p][p][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        out[a][b][c][d] = factor * fourth[a][b][c][d];
                    }
                }
            }
        }
        return out;
    }

    /** sum_{cd} coefficient[c][d] row(SS_cd), the response of a smoothed function to the metric's fluctuation. */
    private double response(double[][] coefficient, java.util.function.IntToDoubleFunction ssEntry) {
        double v = 0;
        for (int c = 0; c < p; c++) {
            for (int d = 0; d < p; d++) {
                if (coefficient[c][d] != 0) {
                    v += coefficient[c][d] * ssEntry.applyAsDouble(StreamFunction.symmetricIndex(c, d, p));
                }
            }
        }
        return v;
    }

    private double[][] stepCc(double[][] after, double[][] before, double[][] same, double[][] leftAtK,
                              double[][] rightAtK, double[][] kk, double[][][] cfJ, double[][][] cfI, int ns) {
        int nf = same.length;
        double[][] out = new double[nf][nf];
        for (int f = 0; f < nf; f++) {
            for (int g = 0; g < nf; g++) {
                final int ff = f;
                final int gg = g;
                double v = after[f][g] - before[f][g] + same[f][g];
                v += response(cfJ[f], s -> leftAtK[ns + s][gg]);
                v += response(cfI[g], s -> rightAtK[ff][ns + s]);
                v += response(cfJ[f], s -> response(cfI[gg], t -> kk[ns + s][ns + t]));
                out[f][g] = v;
            }
        }
        return out;
    }

    private double[][][][] stepCd(double[][][][] after, double[][][][] before, double[][][][] same,
                                  double[][][][] leftAtK, double[][] rightAtK, double[][] kk, double[][][] cfJ,
                                  double[][][][][] cfdI, int ns) {
        int nf = same.length;
        double[][][][] out = new double[nf][ns][p][p];
        for (int f = 0; f < nf; f++) {
            for (int beta = 0; beta < ns; beta++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        final int ff = f;
                        final int bb = beta;
                        final int cc = c;
                        final int dd = d;
                        double[][] coefficient = cfdI[beta][c][d];
                        double v = after[f][ns + beta][c][d] - before[f][ns + beta][c][d] + same[f][beta][c][d];
                        v += response(cfJ[f], s -> leftAtK[ns + s][bb][cc][dd]);
                        v += response(coefficient, s -> rightAtK[ff][ns + s]);
                        v += response(cfJ[f], s -> response(coefficient, t -> kk[ns + s][ns + t]));
                        out[f][beta][c][d] = v;
                    }
                }
            }
        }
        return out;
    }

    private ResidualStatistics.Layer exactLayer(int l, GaussianPairs.Single single, double[][] cov, double[] m1, int ns) {
        return layer(l, single.mean(), cov, m1, 0, ns);
    }

    /**
     * Layer l's statistics from the means, the fluctuation covariance and the mean shift of the state functions,
     * the ZZ block starting at {@code zz} and the SS block at {@code ss}.
     */
    private ResidualStatistics.Layer layer(int l, double[] mean, double[][] cov, double[] m1, int zz, int ss) {
        double[][] rk0 = new double[p][p];
        double[][] rk1 = new double[p][p];
        double[][][][] rv4 = new double[p][p][p][p];
        double[][] gk0 = new double[p][p];
        double[][] gk1 = new double[p][p];
        double[][][][] gv4 = new double[p][p][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int ab = StreamFunction.symmetricIndex(a, b, p);
                rk0[a][b] = kernel[l][a][b];
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

    // ------------------------------------------------------------------ kernel closures (generated)

    /**
     * A kernel closure through its generated recursions: at each layer the runtime half ({@link ResidualMoments})
     * computes the Gaussian expectations, and {@code recursions} (org.feynet.codegen, from
     * org.feynet.derive.ResidualSystem) maps layer l's state to layer l+1's and reads off K1 and V4 of R and of the
     * metric.
     */
    private ResidualStatistics generated(ResidualRecursions recursions, IntConsumer progress) {
        if (!recursions.closure().equals(model.closure().keyword())) {
            throw new IllegalArgumentException("recursions of closure " + recursions.closure() + " for a network with"
                    + " closure " + model.closure().keyword());
        }
        ResidualMoments moments = new ResidualMoments(model.closure(), integrals, kernel, p);
        ResidualTensors state = moments.initial();
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(readout(0, recursions, state, moments));
        for (int k = 0; k < depth; k++) {
            ResidualTensors in = state.and(moments.layer(k, "mu", "Hk", "Fk"))
                    .and(moments.layer(k + 1, "nu", "Hn", "Fn")).and(moments.step(k));
            state = recursions.step(in, model.eps(k) * model.eps(k), cb, cw);
            layers.add(readout(k + 1, recursions, state, moments));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), model.closure(), layers);
    }

    /** Layer l's statistics: K0 of R is the mean-field kernel, the rest comes pair-indexed from the readout. */
    private ResidualStatistics.Layer readout(int l, ResidualRecursions recursions, ResidualTensors state,
                                             ResidualMoments moments) {
        ResidualTensors out = recursions.readout(state.and(moments.layer(l, "mu", "Hk", "Fk")), 0.0, cb, cw);
        int ns = moments.ns();
        double[][] rk0 = new double[p][p];
        for (int a = 0; a < p; a++) {
            rk0[a] = kernel[l][a].clone();
        }
        return new ResidualStatistics.Layer(l,
                new ResidualStatistics.Kernel(rk0, square(out.get("K1R")), fourIndex(out.get("V4R"), ns)),
                new ResidualStatistics.Kernel(square(out.get("K0G")), square(out.get("K1G")),
                        fourIndex(out.get("V4G"), ns)));
    }

    /** x[a][b] = pairs[s(a, b)]. */
    private double[][] square(double[] pairs) {
        double[][] out = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                out[a][b] = pairs[StreamFunction.symmetricIndex(a, b, p)];
            }
        }
        return out;
    }

    /** x[a][b][c][d] = pairs[s(a, b) * ns + s(c, d)]. */
    private double[][][][] fourIndex(double[] pairs, int ns) {
        double[][][][] out = new double[p][p][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        out[a][b][c][d] = pairs[StreamFunction.symmetricIndex(a, b, p) * ns
                                + StreamFunction.symmetricIndex(c, d, p)];
                    }
                }
            }
        }
        return out;
    }
}
