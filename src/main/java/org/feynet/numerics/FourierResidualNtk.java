package org.feynet.numerics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.Matrices;
import org.feynet.model.ScalarExpr;

/**
 * The mean NTK of a Fourier-feature residual network with stochastic depth to order 1/n (m = infinity), averaged
 * exactly over the mask patterns (docs/METHOD.md, "The 1/n correction of the NTK").
 *
 * <h2>The NTK as the response of two coupled copies</h2>
 * Let every trained parameter theta_i (prior variance v_i, rate rho_i) be drawn for two copies A and B of the network
 * jointly Gaussian with Var(theta^A_i) = Var(theta^B_i) = v_i + eta rho_i / 2 and Cov(theta^A_i, theta^B_i) = v_i -
 * eta rho_i / 2 (positive semidefinite for every eta &gt;= 0, also where v_i = 0), the masks shared. For
 * F_xy(eta) = E[f_a(theta^x) f_b(theta^y)], Price's theorem (d/dC_xy E[g] = E[d_x d_y g] for the covariance of a
 * Gaussian pair, (1/2) E[d_x^2 g] for a variance) gives
 * <pre>
 *   d/d eta [F_AA(eta) - F_AB(eta)] at eta = 0  =  sum_i rho_i E[(df_a/dtheta_i)(df_b/dtheta_i)]  =  E[Theta_ab]:
 * </pre>
 * the second-derivative terms of the variance and covariance changes cancel, the first-derivative ones add. This
 * holds at every width, so the 1/n expansions of the two output covariances give that of the mean NTK.
 *
 * <h2>The copies are a residual network with pair couplings</h2>
 * Neuron i carries (z^A_i on x_a, z^B_i on x_b). At m = infinity z^(0) = W^(0) gamma(x) has iid rows with
 * Cov(z^A, z^B) = c_0 G_ab, c_0 the covariance of W^(0) across the copies (1 - eta/2; 1 + eta/2 within a copy);
 * given layer l the increments are iid over neurons with Cov(xi^x_a, xi^y_b) = Cb_xy + Cw_xy G^(l)_xy, Cb_xy and
 * Cw_xy the bias covariance and n times the weight covariance between the copies x, y (rates lambda_b and
 * lambda_W / n); the readout gives E[f^x f^y | streams] = c_w G^(L)_xy. So the pair is the residual network of
 * {@link ResidualTheory} on two samples with {@link PairCouplings}, and its exact O(1/n) route gives E[G^(L)_xy] =
 * g0 + g1 / n. F_AA is the network with the inflated variances itself: for a = b the (A, A) entry of the same run,
 * for a != b the run of one network on (x_a, x_b) with variances v + eta rho / 2.
 *
 * <h2>The limit eta -&gt; 0</h2>
 * R(eta) = (F_AA(eta) - F_AB(eta)) / eta = E[Theta] + c_1 eta + c_2 eta^2 + ... for a smooth sigma, order by order
 * in 1/n; the polynomial through eta = h, 2h, 3h (two inputs; 3 R(h) - 3 R(2h) + R(3h)) or h .. 4h (an input with
 * itself, in sqrt(eta) for a kinked sigma) is taken at 0, and the larger change when the largest or the smallest step
 * is left out is the reported error. The copies of one input are nearly equal, so their runs use quadrature grids
 * turned against the eigenvectors ({@link GaussianPairs}). At infinite width the result is the NTK recursion of
 * {@link FourierResidualKernels} (tested); the order-1/n part is new.
 *
 * <h2>Mask average</h2>
 * The masks are shared by the copies; E[Theta] is linear in each pattern's statistics, so the patterns' kept scale
 * sequences are averaged as for the NNGP ({@link FourierResidualFiniteWidth}), one run per maximal sequence.
 */
public final class FourierResidualNtk {

    /** The step h of the coupling eta for an entry of two different inputs (points h, 2h, 3h). */
    public static final double STEP = 0.002;
    /** The step for an entry of one input with itself (points h, .., 4h; nearly identical copies). */
    public static final double SAME_INPUT_STEP = 0.001;
    /**
     * The step for an input with itself under a kinked activation (extrapolated in sqrt(eta)): the quadrature error
     * of a kink is larger and the difference quotient amplifies it by about 1/h (relu, L = 3: ntk_1 of a diagonal
     * entry scatters by about 3 % between steps 5e-4 and 4e-2, and the reported error covers it).
     */
    public static final double KINK_SAME_INPUT_STEP = 0.01;
    static final int POINTS = 3;
    static final int SAME_INPUT_POINTS = 4;

    private FourierResidualNtk() {}

    /**
     * The mask-averaged mean NTK to order 1/n.
     *
     * @param ntk0  E_m[E Theta] at infinite width, from the coupled copies (equal to the NTK recursion)
     * @param ntk1  its 1/n coefficient: E[Theta_ab] = ntk0 + ntk1 / n + O(1/n^2)
     * @param error the extrapolation error of ntk1 in eta: the larger change when the largest or the smallest step is
     *              left out
     * @param maskVariance0 Var_m of the pattern's mean NTK E[Theta_ab | m] at infinite width (equal to the recursion's)
     * @param maskVariance1 its 1/n coefficient, 2 Cov_m(ntk0(m), ntk1(m)): Var_m[E(Theta_ab | m)] = maskVariance0
     *                      + maskVariance1 / n + O(1/n^2) (the spread across networks of one pattern, O(1/n), is
     *                      not part of it)
     * @param runs  the number of exact-route runs
     */
    public record Ntk(double[][] ntk0, double[][] ntk1, double[][] error, double[][] maskVariance0,
                      double[][] maskVariance1, int runs) {
        public Ntk {
            ntk0 = Matrices.copy(ntk0);
            ntk1 = Matrices.copy(ntk1);
            error = Matrices.copy(error);
            maskVariance0 = Matrices.copy(maskVariance0);
            maskVariance1 = Matrices.copy(maskVariance1);
        }

        @Override
        public double[][] maskVariance0() {
            return Matrices.copy(maskVariance0);
        }

        @Override
        public double[][] maskVariance1() {
            return Matrices.copy(maskVariance1);
        }

        @Override
        public double[][] ntk0() {
            return Matrices.copy(ntk0);
        }

        @Override
        public double[][] ntk1() {
            return Matrices.copy(ntk1);
        }

        @Override
        public double[][] error() {
            return Matrices.copy(error);
        }
    }

    /**
     * One entry: order 0 and 1 of E[Theta_ab], the extrapolation error of order 1, the mask variance of the pattern
     * means at order 0 and its 1/n coefficient; runs used.
     */
    private record Entry(double ntk0, double ntk1, double error, double maskVariance0, double maskVariance1,
                         int runs) {}

    /** The mean NTK of {@code net} on all {@code inputs} at m = infinity, entry by entry, with the default steps. */
    public static Ntk of(FourierResidualNetwork net, double[][] inputs, ResidualRecursions exact) {
        return of(net, inputs, exact, null);
    }

    /**
     * As {@link #of(FourierResidualNetwork, double[][], ResidualRecursions)}, telling {@code progress} how many of the
     * {@link #distinctEntries} are done.
     */
    public static Ntk of(FourierResidualNetwork net, double[][] inputs, ResidualRecursions exact, IntConsumer progress) {
        boolean kink = ScalarExpr.hasKink(net.activation().expression());
        return of(net, inputs, exact, STEP, POINTS, kink ? KINK_SAME_INPUT_STEP : SAME_INPUT_STEP, SAME_INPUT_POINTS,
                progress);
    }

    /**
     * The mean NTK with steps {@code h} (pairs of different inputs, {@code points} points) and {@code hSame} (an
     * input with itself, {@code pointsSame} points): each entry (a, b) from runs on the pair (x_a, x_b) only (the
     * network restricted to a subset of its inputs is the same network on those inputs), memoised by the pair's gram.
     */
    static Ntk of(FourierResidualNetwork net, double[][] inputs, ResidualRecursions exact, double h, int points,
                  double hSame, int pointsSame, IntConsumer progress) {
        if (!(h > 0) || !(hSame > 0) || points * h >= 1 || pointsSame * hSame >= 1 || points < 2 || pointsSame < 2) {
            throw new IllegalArgumentException("bad coupling steps " + h + " x " + points + ", " + hSame + " x "
                    + pointsSame);
        }
        // the weights' covariance across the copies, Cw - eta lambda_W / 2, stays near Cw
        double scale = net.rates().lambdaW() > net.cw() ? net.cw() / net.rates().lambdaW() : 1;
        double[][] gram = FourierResidualKernels.fourierGram(net.features().scale(), inputs);
        int p = gram.length;
        Map<List<Double>, double[][]> distinct = distinctPairs(gram);
        // the distinct pairs are independent runs: on the common pool (both cores of a two-core machine)
        AtomicInteger done = new AtomicInteger();
        Map<List<Double>, Entry> entries = new ConcurrentHashMap<>();
        distinct.entrySet().parallelStream().forEach(d -> {
            boolean same = d.getKey().get(3) == 1.0;
            entries.put(d.getKey(), same ? entry(net, d.getValue(), true, exact, scale * hSame, pointsSame)
                    : entry(net, d.getValue(), false, exact, scale * h, points));
            if (progress != null) {
                synchronized (progress) {
                    progress.accept(done.incrementAndGet());
                }
            }
        });
        double[][] ntk0 = new double[p][p];
        double[][] ntk1 = new double[p][p];
        double[][] error = new double[p][p];
        double[][] var0 = new double[p][p];
        double[][] var1 = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                Entry e = entries.get(key(gram, a, b));
                ntk0[a][b] = ntk0[b][a] = e.ntk0();
                ntk1[a][b] = ntk1[b][a] = e.ntk1();
                error[a][b] = error[b][a] = e.error();
                var0[a][b] = var0[b][a] = e.maskVariance0();
                var1[a][b] = var1[b][a] = e.maskVariance1();
            }
        }
        int runs = entries.values().stream().mapToInt(Entry::runs).sum();
        return new Ntk(ntk0, ntk1, error, var0, var1, runs);
    }

    /**
     * The number of distinct entries (pairs of inputs with equal sub-grams share one) that {@code progress} counts.
     */
    public static int distinctEntries(FourierResidualNetwork net, double[][] inputs) {
        return distinctPairs(FourierResidualKernels.fourierGram(net.features().scale(), inputs)).size();
    }

    /** The two-sample grams of the entries a &lt;= b, by key (equal sub-grams and sameness share one). */
    private static Map<List<Double>, double[][]> distinctPairs(double[][] gram) {
        Map<List<Double>, double[][]> out = new LinkedHashMap<>();
        for (int a = 0; a < gram.length; a++) {
            for (int b = a; b < gram.length; b++) {
                out.putIfAbsent(key(gram, a, b), new double[][] {{gram[a][a], gram[a][b]}, {gram[b][a], gram[b][b]}});
            }
        }
        return out;
    }

    private static List<Double> key(double[][] gram, int a, int b) {
        return List.of(gram[a][a], gram[a][b], gram[b][b], a == b ? 1.0 : 0.0);
    }

    /** E[Theta_ab] for the two-sample gram {@code pair} (one sample twice when {@code same}). */
    private static Entry entry(FourierResidualNetwork net, double[][] pair, boolean same, ResidualRecursions exact,
                               double h, int points) {
        Map<List<Double>, Double> sequences = FourierResidualFiniteWidth.sequences(net);
        List<List<Double>> keys = List.copyOf(sequences.keySet());
        // r[sequence][k][order]: the difference quotient of the pattern class at eta = (k + 1) h
        double[][][] r = new double[keys.size()][points][2];
        int runs = 0;
        for (int k = 0; k < points; k++) {
            double eta = (k + 1) * h;
            Map<List<Double>, double[]> coupled = outputCovariances(net, coupledGram(pair, eta),
                    couplings(net, eta, true), same, sequences, exact);
            Map<List<Double>, double[]> inflated = same ? coupled
                    : outputCovariances(net, inflatedGram(pair, eta), couplings(net, eta, false), false, sequences,
                    exact);
            runs += FourierResidualFiniteWidth.maximal(sequences.keySet()).size() * (same ? 1 : 2);
            double within = 1 + eta / 2;
            double across = 1 - eta / 2;
            for (int q = 0; q < keys.size(); q++) {
                double[] ab = coupled.get(keys.get(q));
                double[] aa = inflated.get(keys.get(q));
                for (int order = 0; order < 2; order++) {
                    // F_AA: the readout's variance 1 + eta/2 times E[G_ab] of the inflated network (entry (A, A) of
                    // the coupled run when a = b, entry (a, b) of the inflated run otherwise); F_AB: 1 - eta/2
                    // times the coupled run's E[G_AB].
                    double fSame = within * (same ? aa[2 + order] : aa[order]);
                    double fAcross = across * ab[order];
                    r[q][k][order] = (fSame - fAcross) / eta;
                }
            }
        }
        double[] x = nodes(points, same && ScalarExpr.hasKink(net.activation().expression()));
        double[] mean = new double[2];
        double[] smaller = new double[2];
        double[] larger = new double[2];
        double[][] perPattern = new double[keys.size()][2];
        for (int q = 0; q < keys.size(); q++) {
            double w = sequences.get(keys.get(q));
            for (int order = 0; order < 2; order++) {
                perPattern[q][order] = atZero(r[q], order, x, 0, points);
                mean[order] += w * perPattern[q][order];
                smaller[order] += w * atZero(r[q], order, x, 0, points - 1);
                larger[order] += w * atZero(r[q], order, x, 1, points - 1);
            }
        }
        // error: the change when the largest step (truncation) or the smallest step (quadrature noise, which the
        // difference quotient amplifies most there) is left out
        double error = Math.max(Math.abs(mean[1] - smaller[1]), Math.abs(mean[1] - larger[1]));
        // Var_m[E(Theta | m)] = Var_m[T0] + (2/n) Cov_m(T0, T1) + O(1/n^2), T = T0 + T1/n the pattern's mean NTK
        double variance0 = 0;
        double variance1 = 0;
        for (int q = 0; q < keys.size(); q++) {
            double w = sequences.get(keys.get(q));
            double d0 = perPattern[q][0] - mean[0];
            variance0 += w * d0 * d0;
            variance1 += 2 * w * d0 * (perPattern[q][1] - mean[1]);
        }
        if (!Double.isFinite(mean[0]) || !Double.isFinite(mean[1]) || !Double.isFinite(variance1)) {
            throw new NumericalTrouble("the 1/n correction of the NTK of " + net.name() + " is not finite");
        }
        return new Entry(mean[0], mean[1], error, variance0, variance1, runs);
    }

    /**
     * The polynomial through (x_k, r[k][order]), k = 0..count-1, at x = 0: Lagrange weights prod_{j != k} x_j / (x_j
     * - x_k) (nodes 1, 2, 3: 3, -3, 1; 1 .. 4: 4, -6, 4, -1), with nodes {@code first} .. {@code first + count - 1}
     * of {@code x}.
     */
    static double atZero(double[][] r, int order, double[] x, int first, int count) {
        double sum = 0;
        for (int k = first; k < first + count; k++) {
            double w = 1;
            for (int j = first; j < first + count; j++) {
                if (j != k) {
                    w *= x[j] / (x[j] - x[k]);
                }
            }
            sum += w * r[k][order];
        }
        return sum;
    }

    /**
     * The extrapolation variable at eta = k h, k = 1..points: k for a function analytic in eta; sqrt(k) for the copies
     * of one input under a kinked activation, whose Gaussian expectations near equal arguments expand in powers of
     * sqrt(eta) (relu: E[sigma'(x) sigma'(y)] = (pi - theta) / (2 pi), theta = arccos(corr) ~ sqrt(2 (1 - corr))).
     */
    static double[] nodes(int points, boolean halfPowers) {
        double[] x = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = halfPowers ? Math.sqrt(k + 1.0) : k + 1.0;
        }
        return x;
    }

    /**
     * For every kept sequence: {E[G_AB] order 0, order 1, E[G_AA] order 0, order 1} at its last layer, G the sigma
     * sigma kernel of the stream (metric = Cb_xy + Cw_xy G_xy).
     */
    private static Map<List<Double>, double[]> outputCovariances(FourierResidualNetwork net, double[][] gram,
                                                                 PairCouplings couplings, boolean turned,
                                                                 Map<List<Double>, Double> sequences,
                                                                 ResidualRecursions exact) {
        Map<List<Double>, double[]> out = new HashMap<>();
        FourierResidualFiniteWidth.lastLayers(net, gram, couplings, turned, sequences.keySet(), exact)
                .forEach((s, layer) -> {
                    ResidualStatistics.Kernel metric = layer.metric();
                    out.put(s, new double[] {
                        (metric.k0()[0][1] - couplings.cb(0, 1)) / couplings.cw(0, 1),
                        metric.k1()[0][1] / couplings.cw(0, 1),
                        (metric.k0()[0][0] - couplings.cb(0, 0)) / couplings.cw(0, 0),
                        metric.k1()[0][0] / couplings.cw(0, 0)});
                });
        return out;
    }

    /** The stream gram of the copies: W^(0) has variance 1 + eta/2 within a copy and covariance 1 - eta/2 across. */
    public static double[][] coupledGram(double[][] pair, double eta) {
        return new double[][] {
            {(1 + eta / 2) * pair[0][0], (1 - eta / 2) * pair[0][1]},
            {(1 - eta / 2) * pair[1][0], (1 + eta / 2) * pair[1][1]}};
    }

    /** The stream gram of one network with W^(0)'s variance 1 + eta/2. */
    static double[][] inflatedGram(double[][] pair, double eta) {
        double[][] g = Matrices.copy(pair);
        for (double[] row : g) {
            for (int b = 0; b < row.length; b++) {
                row[b] *= 1 + eta / 2;
            }
        }
        return g;
    }

    /**
     * Cb_xy and Cw_xy: v + eta rho / 2 within a copy, v - eta rho / 2 across the copies when {@code coupled}
     * (otherwise one inflated network: v + eta rho / 2 for every pair).
     */
    public static PairCouplings couplings(FourierResidualNetwork net, double eta, boolean coupled) {
        double lb = net.rates().lambdaB();
        double lw = net.rates().lambdaW();
        double cbIn = net.cb() + eta * lb / 2;
        double cwIn = net.cw() + eta * lw / 2;
        double cbAcross = coupled ? net.cb() - eta * lb / 2 : cbIn;
        double cwAcross = coupled ? net.cw() - eta * lw / 2 : cwIn;
        return new PairCouplings(new double[][] {{cbIn, cbAcross}, {cbAcross, cbIn}},
                new double[][] {{cwIn, cwAcross}, {cwAcross, cwIn}});
    }
}
