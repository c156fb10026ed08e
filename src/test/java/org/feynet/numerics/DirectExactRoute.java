package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.StreamFunction.Kind;

/**
 * The reference for the generated exact residual route: the exact O(1/n) route evaluated directly on nested arrays
 * (C^k on (T_{k->j} f, T_{k->i} g) as cc[j][i], its second-derivative columns as cd[j][i][f][beta][c][d] on ordered
 * sample pairs, m1^k on T_{k->j} f as m1[j]), as {@link ResidualTheory} did before the route was generated from
 * org.feynet.derive.ResidualSystem. It shares the Gaussian integrals ({@link GaussianPairs}) with the generated route
 * but none of its algebra (no ExactResidualMoments, no tensor equations, no pair-summed tensors), so that a mistake in
 * the equations, the writer or the moment provider shows as a difference. See docs/METHOD.md ("The exact O(1/n)
 * route") and ResidualTheory's class comment for the recursions.
 */
final class DirectExactRoute {

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final int depth;
    private final double cb;
    private final double cw;
    private final double[][][] kernel;

    DirectExactRoute(ResidualModel model) {
        this.model = model;
        this.integrals = ResidualTheory.defaultIntegrals(model);
        this.p = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.kernel = DirectResidualClosures.meanFields(model, integrals);
    }

    /** The statistics of the exact route. */
    ResidualStatistics run() {
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

    private ResidualStatistics.Layer exactLayer(int l, GaussianPairs.Single single, double[][] cov, double[] m1,
                                                int ns) {
        return layer(l, single.mean(), cov, m1, 0, ns);
    }

    /**
     * Layer l's statistics from the means, the fluctuation covariance and the mean shift of the state functions,
     * the ZZ block starting at {@code zz} and the SS block at {@code ss}.
     */
    private ResidualStatistics.Layer layer(int l, double[] mean, double[][] cov, double[] m1, int zz, int ss) {
        return DirectResidualClosures.layerOf(l, kernel[l], cb, cw, mean, cov, m1, zz, ss);
    }
}
