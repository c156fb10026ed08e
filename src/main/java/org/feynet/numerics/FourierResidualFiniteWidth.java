package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.Matrices;
import org.feynet.model.ResidualModel;

/**
 * The 1/n correction of the NNGP (the mean output covariance) of a Fourier-feature residual network with stochastic
 * depth at m = infinity, averaged exactly over the mask patterns (docs/METHOD.md, "Fourier-feature residual
 * networks", "The 1/n correction of the NNGP").
 *
 * <h2>One mask pattern</h2>
 * At m = infinity, z^(0) = W^(0) gamma(x) has iid rows N(0, Gamma), Gamma_ab = exp(-2 pi^2 s^2 |x_a - x_b|^2)
 * (W^(0) iid N(0, 1), gamma(x_a).gamma(x_b) -&gt; Gamma_ab). A skipped block (mask 0) is the identity, a kept block l
 * is z^(l+1) = z^(l) + alpha_l (b + W sigma(z^(l))). So the pattern's network is the pre-activation residual network
 * of {@link ResidualModel} with K = Gamma and scales eps = (alpha_l, l kept) in order, depth k = the number of kept
 * blocks. Its exact O(1/n) route ({@link ResidualTheory}, closure exact) gives at the last layer k the statistics of
 * the metric Cb + Cw G^(k), G^(k) = (1/n) sigma(z^(k)).sigma(z^(k)) (the metric of layer k is built from
 * sigma(z^(k)), the layer's own stream). With f = w . sigma(z^(L)) / sqrt(n), w iid N(0, 1) independent of the rest,
 * E[f_a f_b | network] = G^(L)_ab, so
 * <pre>
 *   NNGP(n) = E[G^(L)] = nngp0 + nngp1 / n + O(1/n^2),  nngp0 = (K0_metric - Cb) / Cw,  nngp1 = K1_metric / Cw,
 *   n Cov(G_ab, G_cd | pattern) = V4_metric / Cw^2 + O(1/n).
 * </pre>
 * (The readout's own variance, Var_w(f_a f_b | G) = G_aa G_bb + G_ab^2, is O(1) and not part of V4 here.)
 *
 * <h2>Mask average</h2>
 * The masks are iid Bernoulli(p); the pattern's statistics depend only on its kept scale sequence, so the
 * distribution of that sequence is propagated block by block (kept: append alpha_l, probability p; skipped: unchanged,
 * 1 - p), merging equal sequences. NNGP(n) is linear in the pattern's statistics, so
 * E_m[NNGP(n)] = E_m[nngp0] + E_m[nngp1] / n, and the reported V4 is E_m[n Cov(G, G | pattern)], the within-pattern
 * finite-width covariance (the covariance across patterns is O(1) and is not a 1/n effect). The exact route is causal
 * (the statistics of layer j use eps_0 .. eps_(j-1) only), so a sequence that is a prefix of another is read off the
 * longer run at its own depth: with equal alphas one run of depth L serves all patterns.
 */
public final class FourierResidualFiniteWidth {

    private FourierResidualFiniteWidth() {}

    /**
     * The mask-averaged NNGP to order 1/n.
     *
     * @param nngp0 E_m[NNGP] at infinite width (from the exact route's quadrature)
     * @param nngp1 E_m[nngp1], the 1/n coefficient: E[f_a f_b] = nngp0 + nngp1 / n + O(1/n^2)
     * @param v4    E_m[n Cov(G_ab, G_cd | pattern)] to leading order, [a][b][c][d]
     * @param runs  the number of exact-route runs the average needed
     */
    public record Nngp(double[][] nngp0, double[][] nngp1, double[][][][] v4, int runs) {
        public Nngp {
            nngp0 = Matrices.copy(nngp0);
            nngp1 = Matrices.copy(nngp1);
            v4 = copy4(v4);
        }

        @Override
        public double[][] nngp0() {
            return Matrices.copy(nngp0);
        }

        @Override
        public double[][] nngp1() {
            return Matrices.copy(nngp1);
        }

        @Override
        public double[][][][] v4() {
            return copy4(v4);
        }
    }

    /**
     * The mask-averaged NNGP to order 1/n from runs on one or two inputs at a time.
     *
     * @param nngp0    E_m[NNGP] at infinite width
     * @param nngp1    E_m[nngp1], the 1/n coefficient
     * @param variance E_m[n Var(G_ab | pattern)] to leading order, [a][b]
     * @param runs     the number of exact-route runs
     */
    public record Pairwise(double[][] nngp0, double[][] nngp1, double[][] variance, int runs) {
        public Pairwise {
            nngp0 = Matrices.copy(nngp0);
            nngp1 = Matrices.copy(nngp1);
            variance = Matrices.copy(variance);
        }

        @Override
        public double[][] nngp0() {
            return Matrices.copy(nngp0);
        }

        @Override
        public double[][] nngp1() {
            return Matrices.copy(nngp1);
        }

        @Override
        public double[][] variance() {
            return Matrices.copy(variance);
        }
    }

    /**
     * The NNGP to order 1/n of {@code net} on all {@code inputs} jointly at m = infinity. The exact route's quadrature
     * is a tensor product over the P inputs, so this is for P &lt;= 2; {@link #pairwise} serves any P.
     */
    public static Nngp of(FourierResidualNetwork net, double[][] inputs, ResidualRecursions exact) {
        return forGram(net, FourierResidualKernels.fourierGram(net.features().scale(), inputs), exact);
    }

    /**
     * The NNGP to order 1/n and n Var(G_ab) for any P, one or two inputs at a time. Given layer l the increments on
     * the inputs of a subset A are N(0, eps^2 (Cb + Cw G^(l)_AA)), which involve the stream on A only: the network
     * restricted to A is the same network with inputs A, exactly, at every n. So entry (a, b) is the (a, b) entry of
     * the run on {a, b} (P = 2), and entry (a, a) is read from the first pair containing a (from the run on {a} only
     * when P = 1: the P = 1 quadrature of {@link ResidualTheory} is less accurate, about 4e-5 in K0 at L = 3, than the
     * P = 2 one, which matches {@link FourierResidualKernels} to 1e-7). Runs are memoised by the sub-gram (inputs at
     * equal distances share them).
     */
    public static Pairwise pairwise(FourierResidualNetwork net, double[][] inputs, ResidualRecursions exact) {
        double[][] gram = FourierResidualKernels.fourierGram(net.features().scale(), inputs);
        int p = gram.length;
        double[][] nngp0 = new double[p][p];
        double[][] nngp1 = new double[p][p];
        double[][] variance = new double[p][p];
        Map<List<Double>, Nngp> memo = new HashMap<>();
        boolean[] diagonal = new boolean[p];
        for (int a = 0; a < p; a++) {
            for (int b = p == 1 ? a : a + 1; b < p; b++) {
                int[] subset = a == b ? new int[] {a} : new int[] {a, b};
                double[][] sub = new double[subset.length][subset.length];
                List<Double> key = new ArrayList<>();
                for (int i = 0; i < subset.length; i++) {
                    for (int j = 0; j < subset.length; j++) {
                        sub[i][j] = gram[subset[i]][subset[j]];
                        key.add(sub[i][j]);
                    }
                }
                Nngp r = memo.computeIfAbsent(key, k -> forGram(net, sub, exact));
                int y = subset.length - 1;
                nngp0[a][b] = nngp0[b][a] = r.nngp0()[0][y];
                nngp1[a][b] = nngp1[b][a] = r.nngp1()[0][y];
                variance[a][b] = variance[b][a] = r.v4()[0][y][0][y];
                for (int i = 0; i < subset.length; i++) {
                    int c = subset[i];
                    if (!diagonal[c]) {
                        diagonal[c] = true;
                        nngp0[c][c] = r.nngp0()[i][i];
                        nngp1[c][c] = r.nngp1()[i][i];
                        variance[c][c] = r.v4()[i][i][i][i];
                    }
                }
            }
        }
        int runs = memo.values().stream().mapToInt(Nngp::runs).sum();
        return new Pairwise(nngp0, nngp1, variance, runs);
    }

    /**
     * The NNGP to order 1/n for the stream gram {@code gram} of z^(0); {@code exact} is the exact route's generated
     * recursions (org.feynet.codegen.Evaluators.residual(Closure.EXACT)), as for {@link #of} and {@link #pairwise}.
     *
     * @throws UnsupportedOperationException when more than {@link FourierResidualKernels#MAX_STATES} kept sequences
     *                                       have positive probability
     */
    public static Nngp forGram(FourierResidualNetwork net, double[][] gram, ResidualRecursions exact) {
        Map<List<Double>, Double> sequences = sequences(net);
        Map<List<Double>, ResidualStatistics.Layer> last = lastLayers(net, gram, sequences.keySet(), exact);
        int p = gram.length;
        double[][] nngp0 = new double[p][p];
        double[][] nngp1 = new double[p][p];
        double[][][][] v4 = new double[p][p][p][p];
        double cb = net.cb();
        double cw = net.cw();
        for (Map.Entry<List<Double>, Double> e : sequences.entrySet()) {
            double w = e.getValue();
            ResidualStatistics.Kernel metric = last.get(e.getKey()).metric();
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    nngp0[a][b] += w * (metric.k0()[a][b] - cb) / cw;
                    nngp1[a][b] += w * metric.k1()[a][b] / cw;
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            v4[a][b][c][d] += w * metric.v4()[a][b][c][d] / (cw * cw);
                        }
                    }
                }
            }
        }
        requireFinite(net, nngp1, v4);
        return new Nngp(nngp0, nngp1, v4, runsOf(sequences.keySet()));
    }

    /** The distribution of the kept scale sequence (alpha_l, l kept), equal sequences merged. */
    static Map<List<Double>, Double> sequences(FourierResidualNetwork net) {
        Map<List<Double>, Double> states = new LinkedHashMap<>();
        states.put(List.of(), 1.0);
        double keep = net.keep();
        double[] alpha = net.alpha();
        for (int l = 0; l < net.depth(); l++) {
            Map<List<Double>, Double> next = new LinkedHashMap<>();
            for (Map.Entry<List<Double>, Double> s : states.entrySet()) {
                if (keep > 0) {
                    List<Double> kept = new ArrayList<>(s.getKey());
                    kept.add(alpha[l]);
                    next.merge(List.copyOf(kept), s.getValue() * keep, Double::sum);
                }
                if (keep < 1) {
                    next.merge(s.getKey(), s.getValue() * (1 - keep), Double::sum);
                }
            }
            if (next.size() > FourierResidualKernels.MAX_STATES) {
                throw new UnsupportedOperationException("the 1/n NNGP needs more than " + FourierResidualKernels.MAX_STATES
                        + " distinct kept-block sequences after block " + l + " (unequal residual scales and large L)");
            }
            states = next;
        }
        return states;
    }

    /** The sequences that need their own exact-route run: those that are no prefix of a longer one. */
    static List<List<Double>> maximal(java.util.Collection<List<Double>> sequences) {
        List<List<Double>> sorted = new ArrayList<>(sequences);
        sorted.sort(Comparator.comparingInt(List<Double>::size).reversed());
        List<List<Double>> runs = new ArrayList<>();
        for (List<Double> s : sorted) {
            if (runs.stream().noneMatch(r -> r.subList(0, s.size()).equals(s))) {
                runs.add(s);
            }
        }
        return runs;
    }

    private static int runsOf(java.util.Collection<List<Double>> sequences) {
        return maximal(sequences).size();
    }

    /** The exact route's last layer for every sequence, one run per maximal sequence. */
    private static Map<List<Double>, ResidualStatistics.Layer> lastLayers(FourierResidualNetwork net, double[][] gram,
                                                                          java.util.Collection<List<Double>> sequences,
                                                                          ResidualRecursions exact) {
        return lastLayers(net, gram, PairCouplings.uniform(net.cb(), net.cw(), gram.length), false, sequences, exact);
    }

    /**
     * The exact route's last layer for every kept sequence on the stream gram {@code gram} with pair couplings (one
     * network: uniform; the NTK's coupled copies: {@link FourierResidualNtk}) and grids turned or not: one run per
     * maximal sequence, a prefix read off the longer run at its own depth (the route is causal).
     */
    static Map<List<Double>, ResidualStatistics.Layer> lastLayers(FourierResidualNetwork net, double[][] gram,
                                                                  PairCouplings couplings, boolean turned,
                                                                  java.util.Collection<List<Double>> sequences,
                                                                  ResidualRecursions exact) {
        Map<List<Double>, ResidualStatistics.Layer> out = new HashMap<>();
        for (List<Double> run : maximal(sequences)) {
            double[] eps = run.stream().mapToDouble(Double::doubleValue).toArray();
            ResidualModel model = new ResidualModel(net.name(), net.activation(), net.cb(), net.cw(), eps, gram,
                    Closure.EXACT);
            ResidualStatistics stats = new ResidualTheory(model, couplings, turned).run(exact, null);
            for (List<Double> s : sequences) {
                if (!out.containsKey(s) && s.size() <= run.size() && run.subList(0, s.size()).equals(s)) {
                    out.put(s, stats.layers().get(s.size()));
                }
            }
        }
        return out;
    }

    private static void requireFinite(FourierResidualNetwork net, double[][] nngp1, double[][][][] v4) {
        for (int a = 0; a < nngp1.length; a++) {
            for (int b = 0; b < nngp1.length; b++) {
                boolean ok = Double.isFinite(nngp1[a][b]);
                for (int c = 0; c < nngp1.length && ok; c++) {
                    for (int d = 0; d < nngp1.length && ok; d++) {
                        ok = Double.isFinite(v4[a][b][c][d]);
                    }
                }
                if (!ok) {
                    throw new NumericalTrouble("the 1/n correction of the NNGP of " + net.name() + " is not finite");
                }
            }
        }
    }

    private static double[][][][] copy4(double[][][][] m) {
        double[][][][] c = new double[m.length][][][];
        for (int a = 0; a < m.length; a++) {
            c[a] = new double[m[a].length][][];
            for (int b = 0; b < m[a].length; b++) {
                c[a][b] = Matrices.copy(m[a][b]);
            }
        }
        return c;
    }
}
