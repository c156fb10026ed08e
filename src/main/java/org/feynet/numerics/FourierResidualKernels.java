package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.Matrices;
import org.feynet.numerics.KernelBrackets.Brackets;

/**
 * The infinite-width kernels of a Fourier-feature residual network with stochastic depth
 * ({@link FourierResidualNetwork}; docs/METHOD.md, "Fourier-feature residual networks"), for one mask pattern and
 * averaged exactly over the 2^L patterns.
 *
 * <h2>Fixed mask (m_l = 1 when block l is kept, else 0)</h2>
 * With S[K] = &lt;sigma sigma&gt;_K and D[K] = &lt;sigma' sigma'&gt;_K elementwise ({@link KernelBrackets}), G the
 * Fourier gram gamma(x_a).gamma(x_b), and the NTK rates of the model (W^(0), w: 1; b: lambda_b; hidden W:
 * lambda_W / n):
 * <pre>
 *   K^(0) = G,                          K^(l+1) = K^(l) + alpha_l^2 m_l (Cb + Cw S[K^(l)]),
 *   Theta^(0) = G,                      Theta^(l+1) = Theta^(l) + alpha_l^2 m_l (lambda_b + lambda_W S[K^(l)]
 *                                                                             + Cw D[K^(l)] o Theta^(l)),
 *   NNGP  = S[K^(L)],                   NTK = S[K^(L)] + D[K^(L)] o Theta^(L)         (o: elementwise product).
 * </pre>
 * Derivation: z^(l+1)_i = z^(l)_i + alpha_l m_l (b_i + sum_j W_ij sigma(z^(l)_j)) with b, W^(l+1) independent of
 * z^(l) and of mean zero, so the cross terms of K^(l+1) vanish and m_l^2 = m_l. For the NTK, the new parameters
 * give alpha_l^2 m_l (lambda_b + (lambda_W / n) sum_j sigma_j sigma_j') -&gt; alpha_l^2 m_l (lambda_b + lambda_W S);
 * the earlier ones propagate through dz^(l+1)_i/dtheta = dz^(l)_i/dtheta + alpha_l m_l sum_j W_ij sigma'_j
 * dz^(l)_j/dtheta: the square gives Theta^(l) delta_ik, the cross term alpha_l m_l W_ik sigma'_k Theta^(l) (one
 * weight of size n^-1/2 and mean zero, independent of sigma'_k: it vanishes at infinite width), and the quadratic
 * term alpha_l^2 m_l sum_j W_ij W_kj sigma'_j sigma'_j' Theta^(l) -&gt; alpha_l^2 m_l Cw D o Theta^(l) delta_ik.
 * At the output f = w . sigma(z^(L)) / sqrt(n): w gives S[K^(L)], the rest sigma'_i sigma'_i' w_i^2 / n Theta^(L)
 * -&gt; D o Theta^(L). Theta^(0) = sum_k gamma_k gamma_k' = G (W^(0) at rate 1, prior variance 1).
 *
 * <h2>Fourier gram</h2>
 * gamma.gamma' = (1/m) sum_k cos(2 pi b_k.(x - x')) with b_k iid N(0, s^2 I); its mean over B, and its m -&gt;
 * infinity limit, is E cos(2 pi b.Delta) = exp(-2 pi^2 s^2 |Delta|^2) (the characteristic function of the Gaussian).
 *
 * <h2>Mask average</h2>
 * The masks are iid Bernoulli(p): pattern m has probability p^k (1 - p)^(L - k), k the number of kept blocks. The
 * mean kernels and the NTK's variance over patterns, Var_m[Theta_ab] = sum_m P(m) (Theta_ab(m) - mean_ab)^2 (the
 * O(1) fluctuation of the NTK across networks that survives infinite width), are computed by enumerating the
 * patterns of positive probability, depth first so that each prefix is computed once (2^(L+1) block steps at most),
 * with S and D memoised per kernel (equal alphas give only L + 1 distinct kernels). {@link #distributionAverage}
 * computes the same moments by propagating the distribution of the state (K, Theta), merging equal states, without
 * naming patterns: polynomial in L when the alphas are equal.
 */
public final class FourierResidualKernels {

    /** Deepest network whose patterns {@link #maskAverage} enumerates (2^16 patterns). */
    public static final int MAX_ENUMERATED_DEPTH = 16;
    /** Most distinct states (K, Theta) that {@link #distributionAverage} carries through one block. */
    public static final int MAX_STATES = 1 << 16;

    private final FourierResidualNetwork network;
    private final KernelBrackets brackets;
    private final Map<MatrixKey, Brackets> memo = new HashMap<>();

    /** The kernels of {@code network} with the exact engines or quadrature of {@link KernelBrackets}. */
    public FourierResidualKernels(FourierResidualNetwork network) {
        this(network, KernelBrackets.forActivation(network.activation()));
    }

    public FourierResidualKernels(FourierResidualNetwork network, KernelBrackets brackets) {
        this.network = network;
        this.brackets = brackets;
    }

    /**
     * The infinite-width kernels of one mask pattern.
     *
     * @param stream    K^(l), l = 0 .. L, the stream kernels
     * @param streamNtk Theta^(l), l = 0 .. L, the stream NTKs
     * @param nngp      S[K^(L)], the output's NNGP kernel
     * @param ntk       the output's NTK
     */
    public record Kernels(double[][][] stream, double[][][] streamNtk, double[][] nngp, double[][] ntk) {
        public Kernels {
            stream = copy3(stream);
            streamNtk = copy3(streamNtk);
            nngp = Matrices.copy(nngp);
            ntk = Matrices.copy(ntk);
        }

        @Override
        public double[][][] stream() {
            return copy3(stream);
        }

        @Override
        public double[][][] streamNtk() {
            return copy3(streamNtk);
        }

        @Override
        public double[][] nngp() {
            return Matrices.copy(nngp);
        }

        @Override
        public double[][] ntk() {
            return Matrices.copy(ntk);
        }
    }

    /** One mask pattern: kept[l] when block l is on, its probability and its kernels. */
    public record MaskPattern(boolean[] kept, double probability, Kernels kernels) {
        public MaskPattern {
            kept = kept.clone();
        }

        @Override
        public boolean[] kept() {
            return kept.clone();
        }
    }

    /**
     * The moments over mask patterns.
     *
     * @param nngp            E_m[NNGP]
     * @param ntk             E_m[NTK]
     * @param ntkMaskVariance Var_m[NTK_ab], elementwise
     * @param stream          E_m[K^(l)], l = 0 .. L
     * @param streamNtk       E_m[Theta^(l)], l = 0 .. L
     * @param patterns        every pattern of positive probability (empty from {@link #distributionAverage})
     */
    public record MaskAverage(double[][] nngp, double[][] ntk, double[][] ntkMaskVariance, double[][][] stream,
                              double[][][] streamNtk, List<MaskPattern> patterns) {
        public MaskAverage {
            nngp = Matrices.copy(nngp);
            ntk = Matrices.copy(ntk);
            ntkMaskVariance = Matrices.copy(ntkMaskVariance);
            stream = copy3(stream);
            streamNtk = copy3(streamNtk);
            patterns = List.copyOf(patterns);
        }

        @Override
        public double[][][] streamNtk() {
            return copy3(streamNtk);
        }

        @Override
        public double[][] nngp() {
            return Matrices.copy(nngp);
        }

        @Override
        public double[][] ntk() {
            return Matrices.copy(ntk);
        }

        @Override
        public double[][] ntkMaskVariance() {
            return Matrices.copy(ntkMaskVariance);
        }

        @Override
        public double[][][] stream() {
            return copy3(stream);
        }
    }

    /** The kernels of one mask pattern on {@code inputs}, with the m -&gt; infinity Fourier gram. */
    public static Kernels infiniteWidth(FourierResidualNetwork net, double[][] inputs, boolean[] kept) {
        return new FourierResidualKernels(net).kernels(fourierGram(net.features().scale(), inputs), kept);
    }

    /** The mask average on {@code inputs}, with the m -&gt; infinity Fourier gram. */
    public static MaskAverage maskAverage(FourierResidualNetwork net, double[][] inputs) {
        return new FourierResidualKernels(net).maskAverage(fourierGram(net.features().scale(), inputs));
    }

    /** exp(-2 pi^2 s^2 |x_a - x_b|^2), the m -&gt; infinity limit and the mean over B of gamma(x_a).gamma(x_b). */
    public static double[][] fourierGram(double scale, double[][] inputs) {
        int p = inputs.length;
        double[][] g = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double d2 = 0;
                for (int i = 0; i < inputs[a].length; i++) {
                    double d = inputs[a][i] - inputs[b][i];
                    d2 += d * d;
                }
                g[a][b] = Math.exp(-2 * Math.PI * Math.PI * scale * scale * d2);
            }
        }
        return g;
    }

    /**
     * The kernels of the pattern {@code kept} for stream gram {@code gram} (the Fourier gram, or the finite-m gram
     * of drawn frequencies).
     */
    public Kernels kernels(double[][] gram, boolean[] kept) {
        requirePattern(kept);
        int depth = network.depth();
        double[][][] k = new double[depth + 1][][];
        double[][][] theta = new double[depth + 1][][];
        k[0] = Matrices.copy(gram);
        theta[0] = Matrices.copy(gram);
        for (int l = 0; l < depth; l++) {
            double[][][] next = kept[l] ? step(l, k[l], theta[l]) : new double[][][] {k[l], theta[l]};
            k[l + 1] = next[0];
            theta[l + 1] = next[1];
        }
        double[][][] out = output(k[depth], theta[depth]);
        return new Kernels(k, theta, out[0], out[1]);
    }

    /**
     * The exact average over the mask patterns, enumerated when L is at most {@value #MAX_ENUMERATED_DEPTH}, else by
     * {@link #distributionAverage} (without the list of patterns).
     *
     * @throws UnsupportedOperationException beyond the state limit of {@link #distributionAverage}
     */
    public MaskAverage maskAverage(double[][] gram) {
        int depth = network.depth();
        if (depth > MAX_ENUMERATED_DEPTH) {
            return distributionAverage(gram);
        }
        List<MaskPattern> patterns = new ArrayList<>();
        double[][][] stream = new double[depth + 1][][];
        double[][][] streamNtk = new double[depth + 1][][];
        stream[0] = Matrices.copy(gram);
        streamNtk[0] = Matrices.copy(gram);
        enumerate(0, new boolean[depth], 1.0, new double[depth + 1][][], new double[depth + 1][][], gram, patterns);
        int p = gram.length;
        double[][] nngp = new double[p][p];
        double[][] ntk = new double[p][p];
        for (int l = 1; l <= depth; l++) {
            stream[l] = new double[p][p];
            streamNtk[l] = new double[p][p];
        }
        for (MaskPattern pattern : patterns) {
            addScaled(nngp, pattern.probability(), pattern.kernels().nngp);
            addScaled(ntk, pattern.probability(), pattern.kernels().ntk);
            for (int l = 1; l <= depth; l++) {
                addScaled(stream[l], pattern.probability(), pattern.kernels().stream[l]);
                addScaled(streamNtk[l], pattern.probability(), pattern.kernels().streamNtk[l]);
            }
        }
        double[][] variance = new double[p][p];
        for (MaskPattern pattern : patterns) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double d = pattern.kernels().ntk[a][b] - ntk[a][b];
                    variance[a][b] += pattern.probability() * d * d;
                }
            }
        }
        return new MaskAverage(nngp, ntk, variance, stream, streamNtk, patterns);
    }

    private void enumerate(int l, boolean[] kept, double probability, double[][][] k, double[][][] theta,
                           double[][] gram, List<MaskPattern> patterns) {
        if (l == 0) {
            k[0] = Matrices.copy(gram);
            theta[0] = Matrices.copy(gram);
        }
        int depth = network.depth();
        if (l == depth) {
            double[][][] out = output(k[depth], theta[depth]);
            patterns.add(new MaskPattern(kept, probability, new Kernels(k, theta, out[0], out[1])));
            return;
        }
        double keep = network.keep();
        if (keep > 0) {
            double[][][] next = step(l, k[l], theta[l]);
            k[l + 1] = next[0];
            theta[l + 1] = next[1];
            kept[l] = true;
            enumerate(l + 1, kept, probability * keep, k, theta, gram, patterns);
        }
        if (keep < 1) {
            k[l + 1] = k[l];
            theta[l + 1] = theta[l];
            kept[l] = false;
            enumerate(l + 1, kept, probability * (1 - keep), k, theta, gram, patterns);
        }
    }

    /**
     * The same moments as {@link #maskAverage} (patterns left empty) by propagating the distribution of the state
     * (K^(l), Theta^(l)): each state splits into a kept (probability p) and a skipped (1 - p) successor, and equal
     * successors merge; at most {@value #MAX_STATES} states per block.
     *
     * @throws UnsupportedOperationException when a block has more distinct states
     */
    public MaskAverage distributionAverage(double[][] gram) {
        int depth = network.depth();
        int p = gram.length;
        Map<StateKey, Double> states = new LinkedHashMap<>();
        states.put(new StateKey(Matrices.copy(gram), Matrices.copy(gram)), 1.0);
        double[][][] stream = new double[depth + 1][][];
        double[][][] streamNtk = new double[depth + 1][][];
        stream[0] = Matrices.copy(gram);
        streamNtk[0] = Matrices.copy(gram);
        for (int l = 0; l < depth; l++) {
            Map<StateKey, Double> next = new LinkedHashMap<>();
            for (Map.Entry<StateKey, Double> state : states.entrySet()) {
                StateKey s = state.getKey();
                if (network.keep() > 0) {
                    double[][][] kept = step(l, s.k, s.theta);
                    next.merge(new StateKey(kept[0], kept[1]), state.getValue() * network.keep(), Double::sum);
                }
                if (network.keep() < 1) {
                    next.merge(s, state.getValue() * (1 - network.keep()), Double::sum);
                }
            }
            if (next.size() > MAX_STATES) {
                throw new UnsupportedOperationException("the mask distribution has more than " + MAX_STATES
                        + " distinct kernel states after block " + l + " (unequal residual scales and large L)");
            }
            states = next;
            stream[l + 1] = new double[p][p];
            streamNtk[l + 1] = new double[p][p];
            for (Map.Entry<StateKey, Double> state : states.entrySet()) {
                addScaled(stream[l + 1], state.getValue(), state.getKey().k);
                addScaled(streamNtk[l + 1], state.getValue(), state.getKey().theta);
            }
        }
        double[][] nngp = new double[p][p];
        double[][] ntk = new double[p][p];
        double[][] second = new double[p][p];
        for (Map.Entry<StateKey, Double> state : states.entrySet()) {
            double[][][] out = output(state.getKey().k, state.getKey().theta);
            addScaled(nngp, state.getValue(), out[0]);
            addScaled(ntk, state.getValue(), out[1]);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    second[a][b] += state.getValue() * out[1][a][b] * out[1][a][b];
                }
            }
        }
        double[][] variance = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                variance[a][b] = Math.max(0, second[a][b] - ntk[a][b] * ntk[a][b]);
            }
        }
        return new MaskAverage(nngp, ntk, variance, stream, streamNtk, List.of());
    }

    /** One kept block: (K, Theta) -&gt; (K', Theta'). */
    private double[][][] step(int l, double[][] k, double[][] theta) {
        Brackets b = brackets(k);
        double a2 = network.alpha()[l] * network.alpha()[l];
        double lb = network.rates().lambdaB();
        double lw = network.rates().lambdaW();
        int p = k.length;
        double[][] k1 = new double[p][p];
        double[][] t1 = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = b.sigmaSigma()[i][j];
                k1[i][j] = k[i][j] + a2 * (network.cb() + network.cw() * s);
                t1[i][j] = theta[i][j] + a2 * (lb + lw * s + network.cw() * b.slopeSlope()[i][j] * theta[i][j]);
            }
        }
        return new double[][][] {k1, t1};
    }

    /** (NNGP, NTK) of the output from the last stream state. */
    private double[][][] output(double[][] k, double[][] theta) {
        Brackets b = brackets(k);
        int p = k.length;
        double[][] ntk = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                ntk[i][j] = b.sigmaSigma()[i][j] + b.slopeSlope()[i][j] * theta[i][j];
                if (!Double.isFinite(ntk[i][j])) {
                    throw new NumericalTrouble("the NTK of " + network.name() + " is not finite");
                }
            }
        }
        return new double[][][] {b.sigmaSigma(), ntk};
    }

    private Brackets brackets(double[][] k) {
        return memo.computeIfAbsent(new MatrixKey(k), key -> brackets.of(key.m));
    }

    private void requirePattern(boolean[] kept) {
        if (kept.length != network.depth()) {
            throw new IllegalArgumentException("need one mask entry per block: " + kept.length + " for L = "
                    + network.depth());
        }
    }

    private static void addScaled(double[][] target, double c, double[][] m) {
        for (int a = 0; a < target.length; a++) {
            for (int b = 0; b < target.length; b++) {
                target[a][b] += c * m[a][b];
            }
        }
    }

    private static double[][][] copy3(double[][][] m) {
        double[][][] c = new double[m.length][][];
        for (int i = 0; i < m.length; i++) {
            c[i] = Matrices.copy(m[i]);
        }
        return c;
    }

    /** A matrix compared by value (the memo key of S and D). */
    private record MatrixKey(double[][] m) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MatrixKey other && Arrays.deepEquals(m, other.m);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(m);
        }
    }

    /** A state (K, Theta) compared by value. */
    private record StateKey(double[][] k, double[][] theta) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey other && Arrays.deepEquals(k, other.k) && Arrays.deepEquals(theta, other.theta);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.deepHashCode(k) + Arrays.deepHashCode(theta);
        }
    }
}
