package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.feynet.codegen.Evaluators;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.LearningRates;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Variable;
import org.feynet.numerics.FourierResidualFiniteWidth;
import org.feynet.numerics.FourierResidualKernels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 1/n coefficient of the mask-averaged NNGP against explicit finite networks at m = infinity (the sampler's exact
 * Fourier gram, so there is no 1/m effect). For each network the output covariance given the network,
 * G^(L) = sigma(z^(L)).sigma(z^(L)) / n, is exact over the readout. The mask average is stratified: every pattern
 * is drawn N P(pattern) times and the pattern means are combined with their exact probabilities, so the O(1) spread
 * across patterns does not enter the errors (sum P^2 s^2 / N_pattern). Within a pattern, the first stream's
 * G^(0) = sigma(z^(0)).sigma(z^(0)) / n is a control variate: its mean &lt;sigma sigma&gt;_Gamma is exact at every n
 * (iid rows), so mean(G^(L)) - beta (mean(G^(0)) - &lt;sigma sigma&gt;_Gamma), beta = Cov / Var from the sample,
 * estimates E G^(L) with the variance reduced by 1 - rho^2 (the bias from estimating beta is O(1/N)). With nngp0 (the infinite-width value, checked
 * against the kernel recursion) subtracted, y(n) = n (mean_n - nngp0) = c1 + c2 / n is fitted by weighted least
 * squares over n = 16, 32, 64, 128, and c1 must match nngp1 within 4 of its fitted standard errors (two entries: a
 * false alarm about once in 8000 runs).
 */
class FourierResidualNngpSamplingTest {

    static final List<Integer> WIDTHS = List.of(16, 32, 64, 128);
    static final int[] NETWORKS = {96000, 32000, 6000, 1500};
    static final int[][] ENTRIES = {{0, 0}, {0, 1}};

    static FourierResidualNetwork network() {
        Activation tanh = new Activation("tanh", new Call(Function.TANH, List.of(new Variable("z"))), ClosedForm.NONE);
        double[][] inputs = {{0.3, 0.0}, {0.2121, 0.2121}};
        return new FourierResidualNetwork("ecrn", tanh, 3, new FourierFeatures(0, 1.0), 0.05, 1.0,
                new double[] {1.2, 0.6, 1.6}, 0.7, new LearningRates(1, 1), inputs, 1);
    }

    @Test
    @Tag("slow")
    void oneOverNCoefficientOfTheNngpMatchesFiniteNetworks() {
        FourierResidualNetwork net = network();
        FourierResidualFiniteWidth.Pairwise exact = FourierResidualFiniteWidth.pairwise(net, net.inputs(),
                Evaluators.residual(Closure.EXACT));
        int depth = net.depth();
        double[][] control = FourierResidualKernels.infiniteWidth(net, net.inputs(), new boolean[depth]).nngp();
        int w = WIDTHS.size();
        double[][] y = new double[ENTRIES.length][w];
        double[][] errors = new double[ENTRIES.length][w];
        SplittableRandom random = new SplittableRandom(20261202);
        for (int k = 0; k < w; k++) {
            int n = WIDTHS.get(k);
            FourierResidualSampler sampler = new FourierResidualSampler(net, n, 0);
            double[] mean = new double[ENTRIES.length];
            double[] variance = new double[ENTRIES.length];
            for (int pattern = 0; pattern < (1 << depth); pattern++) {
                boolean[] kept = new boolean[depth];
                double probability = 1;
                for (int l = 0; l < depth; l++) {
                    kept[l] = (pattern >> l & 1) == 1;
                    probability *= kept[l] ? net.keep() : 1 - net.keep();
                }
                int count = Math.max(200, (int) Math.round(NETWORKS[k] * probability));
                double[][] values = new double[ENTRIES.length][count];
                double[][] controls = new double[ENTRIES.length][count];
                for (int t = 0; t < count; t++) {
                    FourierResidualSampler.Draw d = sampler.draw(random, kept);
                    for (int e = 0; e < ENTRIES.length; e++) {
                        values[e][t] = d.nngp()[ENTRIES[e][0]][ENTRIES[e][1]];
                        controls[e][t] = d.stream()[ENTRIES[e][0]][ENTRIES[e][1]];
                    }
                }
                for (int e = 0; e < ENTRIES.length; e++) {
                    double[] m = controlled(values[e], controls[e], control[ENTRIES[e][0]][ENTRIES[e][1]]);
                    mean[e] += probability * m[0];
                    variance[e] += probability * probability * m[1] / count;
                }
            }
            for (int e = 0; e < ENTRIES.length; e++) {
                double nngp0 = exact.nngp0()[ENTRIES[e][0]][ENTRIES[e][1]];
                y[e][k] = n * (mean[e] - nngp0);
                errors[e][k] = n * Math.sqrt(variance[e]);
            }
        }
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int e = 0; e < ENTRIES.length; e++) {
            int a = ENTRIES[e][0];
            int b = ENTRIES[e][1];
            WidthSeriesFit fit = WidthSeriesFit.of(WIDTHS, y[e], errors[e], 2);
            double predicted = exact.nngp1()[a][b];
            double pull = (fit.coefficients()[0] - predicted) / fit.errors()[0];
            report.append(String.format(Locale.ROOT, "NNGP_%d%d: nngp1 exact %.5f, fit c1 %.5f +- %.5f (pull %.2f),"
                    + " c2 %.4f +- %.4f, chi2 %.2f/%d; y(n) =", a, b, predicted, fit.coefficients()[0], fit.errors()[0],
                    pull, fit.coefficients()[1], fit.errors()[1], fit.chiSquare(), w - 2));
            for (int k = 0; k < w; k++) {
                report.append(String.format(Locale.ROOT, " %.4f+-%.4f", y[e][k], errors[e][k]));
            }
            report.append('\n');
            ok &= Math.abs(pull) < 4;
        }
        System.out.print(report);
        assertTrue(ok, report.toString());
    }

    /**
     * The control-variate estimate of E[v] with c of known mean {@code cMean}: mean(v) - beta (mean(c) - cMean),
     * beta = Cov(v, c) / Var(c), and the residual variance per sample Var(v) (1 - rho^2) (times N/(N-2) for the two
     * fitted constants).
     */
    static double[] controlled(double[] v, double[] c, double cMean) {
        int n = v.length;
        double mv = 0;
        double mc = 0;
        for (int i = 0; i < n; i++) {
            mv += v[i];
            mc += c[i];
        }
        mv /= n;
        mc /= n;
        double vv = 0;
        double cc = 0;
        double vc = 0;
        for (int i = 0; i < n; i++) {
            vv += (v[i] - mv) * (v[i] - mv);
            cc += (c[i] - mc) * (c[i] - mc);
            vc += (v[i] - mv) * (c[i] - mc);
        }
        double beta = cc > 0 ? vc / cc : 0;
        double residual = Math.max(0, vv - beta * vc) / (n - 2);
        return new double[] {mv - beta * (mc - cMean), residual};
    }
}
