package org.feynet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One statistic of a layer: the coefficient of n^{-order} in the joint cumulant of {@code size} entries of a
 * collective field of the layer (the conventions of docs/OUTPUTS.md). For the metric Ghat^(l):
 * <pre>
 *   E[Ghat_{a1 b1}]                      = K0 + K1/n + K2/n^2 + ...      size 1, orders 0, 1, 2, ...
 *   n Cov(Ghat_{a1 b1}, Ghat_{a2 b2})    = V4 + V4_1/n + V4_2/n^2 + ...  size 2, orders 1, 2, 3, ...
 *   n^2 kappa_3(Ghat, Ghat, Ghat)        = T6 + T6_1/n + ...             size 3, orders 2, 3, ...
 *   n^(r-1) kappa_r                      = C2r + C2r_1/n + ...            size r >= 4, orders r-1, r, ...
 * </pre>
 * A cumulant of r entries starts at order n^-(r-1). The tensor of a statistic has 2 size sample indices
 * (a_1 b_1)...(a_r b_r), symmetric within each pair and under permutations of the pairs.
 *
 * <p>This record is the one place that names statistics: {@link #name()} is the plain-text name and the JSON key
 * of {@code eval --json} (docs/OUTPUTS.md), {@link #latex(String)} the symbol in PDLT's notation.
 *
 * @param kind  which collective field the cumulant is of
 * @param size  r, the number of entries, at least 1
 * @param order t, the power of 1/n, at least max(0, r - 1)
 */
public record Statistic(Kind kind, int size, int order) implements Comparable<Statistic> {

    /**
     * The collective field whose cumulants a statistic describes. Besides the metric, the neural tangent kernel
     * Theta^(l)_{ij;ab} of the preactivations z^(l) (PDLT chapter 8), with i != k two different neurons:
     */
    public enum Kind {
        /** The stochastic metric Ghat^(l)_{ab} = Cb + (Cw/n) sum_j sigma(z_{j;a}) sigma(z_{j;b}). */
        METRIC,
        /** H: the mean NTK of one neuron, E[Theta_{ii;ab}] = H0 + H1/n + ... (size 1). */
        NTK_MEAN,
        /** D: n Cov(Theta_{ii;ab}, Ghat_{cd}), the NTK-metric cross-correlation, NTK pair first (size 2). */
        NTK_METRIC,
        /** A: n Cov(Theta_{ii;ab}, Theta_{kk;cd}), the NTK fluctuation shared by different neurons (size 2). */
        NTK_NTK,
        /** F: n E[Theta_{ik;ab} z_{i;c} z_{k;d}], off-diagonal NTK against the preactivations (size 2). */
        NTK_OFF_METRIC,
        /** B: n E[Theta_{ik;ab} Theta_{ik;cd}], the off-diagonal NTK fluctuation (size 2). */
        NTK_OFF,
        /**
         * P: the dNTK against a preactivation, n E[dH_{i k k; a b c} z_{i;d}] with i != k (PDLT chapter 11), where
         * dH_{i0 i1 i2; d0 d1 d2} = sum lambda_mu lambda_nu (d^2 z_{i0;d0} / dtheta_mu dtheta_nu)
         * (dz_{i1;d1} / dtheta_mu)(dz_{i2;d2} / dtheta_nu) (size 2: four sample indices a b c d).
         */
        DNTK_P,
        /** Q: n E[dH_{i i k; a b c} z_{k;d}] with i != k (size 2). */
        DNTK_Q,
        /**
         * R: n E[ddI H_{i i k k; a b c d}] with i != k, where ddI H_{i0 i1 i2 i3} = sum lambda^3
         * (d^3 z_{i0} / dtheta^3)(dz_{i1})(dz_{i2})(dz_{i3}) contracts the third derivative (size 2).
         */
        DDNTK_R,
        /**
         * S: n E[ddII H_{i i k k; a b c d}] with i != k, where ddII H_{i1 i2 i3 i4} = sum lambda_mu lambda_nu
         * lambda_rho (d^2 z_{i1} / dtheta_mu dtheta_nu)(d^2 z_{i2} / dtheta_mu dtheta_rho)(dz_{i3} / dtheta_nu)
         * (dz_{i4} / dtheta_rho) (size 2).
         */
        DDNTK_S,
        /** T: n E[ddII H_{i k i k; a d b c}] with i != k, indexed T_{a b c d} (size 2). */
        DDNTK_T,
        /** U: n E[ddII H_{i k k i; a c d b}] with i != k, indexed U_{a b c d} (size 2). */
        DDNTK_U
    }

    /** Validates the size and the order. */
    public Statistic {
        if (kind == null) {
            throw new IllegalArgumentException("a statistic needs a kind");
        }
        if (kind != Kind.METRIC && size != (kind == Kind.NTK_MEAN ? 1 : 2)) {
            throw new IllegalArgumentException(kind + " has size " + (kind == Kind.NTK_MEAN ? 1 : 2) + ", got " + size);
        }
        if (size < 1) {
            throw new IllegalArgumentException("a cumulant has at least one entry, got size " + size);
        }
        if (order < size - 1) {
            throw new IllegalArgumentException("a cumulant of " + size + " entries starts at order n^-" + (size - 1)
                    + ", got order " + order);
        }
    }

    /** The metric statistic of the given size and order. */
    public static Statistic metric(int size, int order) {
        return new Statistic(Kind.METRIC, size, order);
    }

    /** K0, the infinite-width kernel. */
    public static final Statistic K0 = metric(1, 0);
    /** K1, the 1/n correction of the mean metric. */
    public static final Statistic K1 = metric(1, 1);
    /** K2, the 1/n^2 correction of the mean metric. */
    public static final Statistic K2 = metric(1, 2);
    /** V4 = lim n Cov of two metric entries, the four-point vertex. */
    public static final Statistic V4 = metric(2, 1);
    /** V4_1, the 1/n correction of n Cov. */
    public static final Statistic V4_1 = metric(2, 2);
    /** T6 = lim n^2 kappa_3 of three metric entries. */
    public static final Statistic T6 = metric(3, 2);
    /** H0, the infinite-width NTK. */
    public static final Statistic H0 = new Statistic(Kind.NTK_MEAN, 1, 0);
    /** H1, the 1/n correction of the mean NTK. */
    public static final Statistic H1 = new Statistic(Kind.NTK_MEAN, 1, 1);
    /** D, the leading NTK-metric cross-correlation. */
    public static final Statistic D = new Statistic(Kind.NTK_METRIC, 2, 1);
    /** A, the leading NTK covariance between different neurons. */
    public static final Statistic A = new Statistic(Kind.NTK_NTK, 2, 1);
    /** F, the leading off-diagonal NTK-preactivation correlation. */
    public static final Statistic F = new Statistic(Kind.NTK_OFF_METRIC, 2, 1);
    /** B, the leading off-diagonal NTK fluctuation. */
    public static final Statistic B = new Statistic(Kind.NTK_OFF, 2, 1);

    /** P, the leading dNTK-preactivation correlation (same neuron differentiated and observed). */
    public static final Statistic P = new Statistic(Kind.DNTK_P, 2, 1);
    /** Q, the leading dNTK-preactivation correlation (the differentiated neuron in the NTK pair). */
    public static final Statistic Q = new Statistic(Kind.DNTK_Q, 2, 1);
    /** R, the leading mean of the first ddNTK. */
    public static final Statistic R = new Statistic(Kind.DDNTK_R, 2, 1);
    /** S, T, U: the leading means of the second ddNTK, by which neurons coincide. */
    public static final Statistic S = new Statistic(Kind.DDNTK_S, 2, 1);
    /** T (see {@link #S}). */
    public static final Statistic T = new Statistic(Kind.DDNTK_T, 2, 1);
    /** U (see {@link #S}). */
    public static final Statistic U = new Statistic(Kind.DDNTK_U, 2, 1);

    /** The statistics of the dNTK chain at order 1/n: the NTK chain's, then P and Q (PDLT chapter 11). */
    public static List<Statistic> dntkUpTo(int p) {
        List<Statistic> out = new ArrayList<>(ntkUpTo(p));
        out.addAll(List.of(P, Q));
        return out;
    }

    /** The statistics of the ddNTK chain at order 1/n: the dNTK chain's, then R, S, T and U. */
    public static List<Statistic> ddntkUpTo(int p) {
        List<Statistic> out = new ArrayList<>(dntkUpTo(p));
        out.addAll(List.of(R, S, T, U));
        return out;
    }

    /**
     * The statistics of the NTK chain at order 1/n, in evaluation order: the metric's K0, K1, V4, then H0, H1, D, A,
     * F, B (PDLT chapter 8; every one needs only the previous layer's).
     */
    public static List<Statistic> ntkUpTo(int p) {
        if (p != 1) {
            throw new IllegalArgumentException("the NTK statistics are derived to order 1/n");
        }
        List<Statistic> out = new ArrayList<>(metricUpTo(1));
        out.addAll(List.of(H0, H1, D, A, F, B));
        return out;
    }

    /**
     * The metric statistics a derivation to order 1/n^p needs, in an order in which each can be evaluated from the
     * previous layer: the mean to every order 0..p, then for each cumulant size r = 2..p+1 the orders r-1..p.
     */
    public static List<Statistic> metricUpTo(int p) {
        List<Statistic> out = new ArrayList<>();
        for (int q = 0; q <= p; q++) {
            out.add(metric(1, q));
        }
        for (int r = 2; r <= p + 1; r++) {
            for (int q = r - 1; q <= p; q++) {
                out.add(metric(r, q));
            }
        }
        return out;
    }

    /** The number of sample indices of its tensor, 2 size. */
    public int rank() {
        return 2 * size;
    }

    /**
     * Whether the sample indices come in pairs (a1 b1)(a2 b2)..., one pair per entry of a collective field: true
     * for the metric and the NTK; false for the dNTK and ddNTK statistics, whose four indices belong to the four
     * derivatives (P_{a b c d}).
     */
    public boolean pairedIndices() {
        return switch (kind) {
            case METRIC, NTK_MEAN, NTK_METRIC, NTK_NTK, NTK_OFF_METRIC, NTK_OFF -> true;
            case DNTK_P, DNTK_Q, DDNTK_R, DDNTK_S, DDNTK_T, DDNTK_U -> false;
        };
    }

    /** How far beyond its leading order the statistic is: 0 for K0, V4, T6; 1 for K1, V4_1; ... */
    public int correction() {
        return size == 1 ? order : order - (size - 1);
    }

    /** The plain name: K0, K1, K2, V4, V4_1, V4_2, T6, T6_1, C8, C8_1, ...; H0, H1, D, A, F, B for the NTK. */
    public String name() {
        if (kind != Kind.METRIC) {
            return kind == Kind.NTK_MEAN ? "H" + order : letter() + (correction() == 0 ? "" : "_" + correction());
        }
        if (size == 1) {
            return "K" + order;
        }
        String base = switch (size) {
            case 2 -> "V4";
            case 3 -> "T6";
            default -> "C" + (2 * size);
        };
        return correction() == 0 ? base : base + "_" + correction();
    }

    /** PDLT's letter of an NTK statistic. */
    private String letter() {
        return switch (kind) {
            case NTK_MEAN -> "H";
            case NTK_METRIC -> "D";
            case NTK_NTK -> "A";
            case NTK_OFF_METRIC -> "F";
            case NTK_OFF -> "B";
            case DNTK_P -> "P";
            case DNTK_Q -> "Q";
            case DDNTK_R -> "R";
            case DDNTK_S -> "S";
            case DDNTK_T -> "T";
            case DDNTK_U -> "U";
            case METRIC -> "K";
        };
    }

    /** The JSON key of {@code eval --json}: the same as {@link #name()}. */
    public String jsonKey() {
        return name();
    }

    /**
     * The LaTeX symbol at the given layer, without indices: K^{(l)}, K^{\{1\}(l)}, V^{(l)}, V^{\{1\}(l)}, T^{(l)},
     * C_{8}^{(l)}; PDLT writes the 1/n^k corrections with braces, K^{\{k\}}.
     */
    public String latex(String layer) {
        int k = correction();
        String braces = k == 0 ? "" : "\\{" + k + "\\}";
        if (kind != Kind.METRIC) {
            return letter() + "^{" + braces + "(" + layer + ")}";
        }
        String symbol = switch (size) {
            case 1 -> "K";
            case 2 -> "V";
            case 3 -> "T";
            default -> "C_{" + (2 * size) + "}";
        };
        return symbol + "^{" + braces + "(" + layer + ")}";
    }

    /** The symbol's parts for drawings: letter, subscript and superscript (K_1, V_4^(1), T_6, C_8). */
    public String[] symbolParts() {
        if (kind != Kind.METRIC) {
            return new String[] {letter(), kind == Kind.NTK_MEAN ? String.valueOf(order) : "",
                    kind != Kind.NTK_MEAN && correction() > 0 ? "(" + correction() + ")" : ""};
        }
        String letter = switch (size) {
            case 1 -> "K";
            case 2 -> "V";
            case 3 -> "T";
            default -> "C";
        };
        String sub = size == 1 ? String.valueOf(order) : String.valueOf(2 * size);
        String sup = size == 1 || correction() == 0 ? "" : "(" + correction() + ")";
        return new String[] {letter, sub, sup};
    }

    /** What the statistic is, in words, for listings. */
    public String description() {
        return switch (kind) {
            case METRIC -> size == 1 ? "mean of a metric entry" : "joint cumulant of " + size + " metric entries";
            case NTK_MEAN -> "mean NTK of a neuron";
            case NTK_METRIC -> "n Cov of an NTK entry and a metric entry";
            case NTK_NTK -> "n Cov of the NTKs of two different neurons";
            case NTK_OFF_METRIC -> "n E of an off-diagonal NTK entry and the two neurons' preactivations";
            case NTK_OFF -> "n E of two off-diagonal NTK entries of the same pair of neurons";
            case DNTK_P -> "n E of a dNTK and the preactivation of its differentiated neuron";
            case DNTK_Q -> "n E of a dNTK and the preactivation of its other neuron";
            case DDNTK_R -> "n E of the first ddNTK, neurons paired (i i k k)";
            case DDNTK_S -> "n E of the second ddNTK, neurons paired (i i k k)";
            case DDNTK_T -> "n E of the second ddNTK, neurons paired (i k i k)";
            case DDNTK_U -> "n E of the second ddNTK, neurons paired (i k k i)";
        };
    }

    /**
     * The permutations of the 2 size index positions that leave the tensor unchanged, identity first: for the metric
     * and for A and H, swaps within each pair and permutations of the pairs; for D, swaps within each pair; for F, the
     * simultaneous swap of both pairs (exchanging the two neurons); for B, that and the exchange of the pairs; for
     * P, b c; for Q, none; for R, c d; for S, (a c) with (b d); for T, the reversal; for U, the exchange of the pairs.
     */
    public List<int[]> symmetries() {
        return switch (kind) {
            case METRIC, NTK_MEAN, NTK_NTK -> pairSymmetries(size);
            case NTK_METRIC -> List.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 2, 3}, new int[] {0, 1, 3, 2},
                    new int[] {1, 0, 3, 2});
            case NTK_OFF_METRIC -> List.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 3, 2});
            case NTK_OFF -> List.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 3, 2}, new int[] {2, 3, 0, 1},
                    new int[] {3, 2, 1, 0});
            // dH_{i0 i1 i2} is symmetric in (i1 d1) <-> (i2 d2); ddI in its last three slots; ddII under
            // (i1 d1, i3 d3) <-> (i2 d2, i4 d4).
            case DNTK_P -> List.of(new int[] {0, 1, 2, 3}, new int[] {0, 2, 1, 3});
            case DDNTK_R -> List.of(new int[] {0, 1, 2, 3}, new int[] {0, 1, 3, 2});
            case DNTK_Q -> List.of(new int[] {0, 1, 2, 3});
            case DDNTK_S -> List.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 3, 2});
            case DDNTK_T -> List.of(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0});
            case DDNTK_U -> List.of(new int[] {0, 1, 2, 3}, new int[] {2, 3, 0, 1});
        };
    }

    /** Every permutation of r pairs combined with every swap within pairs, identity first. */
    private static List<int[]> pairSymmetries(int r) {
        List<int[]> out = new ArrayList<>();
        permutePairs(r, new int[r], new boolean[r], 0, out);
        return out;
    }

    private static void permutePairs(int r, int[] order, boolean[] used, int depth, List<int[]> out) {
        if (depth == r) {
            for (int flips = 0; flips < (1 << r); flips++) {
                int[] image = new int[2 * r];
                for (int k = 0; k < r; k++) {
                    boolean flip = ((flips >> k) & 1) == 1;
                    image[2 * k] = 2 * order[k] + (flip ? 1 : 0);
                    image[2 * k + 1] = 2 * order[k] + (flip ? 0 : 1);
                }
                out.add(image);
            }
            return;
        }
        for (int p = 0; p < r; p++) {
            if (!used[p]) {
                used[p] = true;
                order[depth] = p;
                permutePairs(r, order, used, depth + 1, out);
                used[p] = false;
            }
        }
    }

    /** By kind, size, then order. */
    @Override
    public int compareTo(Statistic o) {
        int c = kind.compareTo(o.kind);
        if (c == 0) {
            c = Integer.compare(size, o.size);
        }
        return c != 0 ? c : Integer.compare(order, o.order);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Component-wise equality, as the record's generated method; written out because the generated one is linked at
     * run time, which costs the JVM several milliseconds of start-up on its first call (docs/BENCHMARKS.md).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Statistic other && kind == other.kind && size == other.size && order == other.order;
    }

    @Override
    public int hashCode() {
        return (31 * kind.hashCode() + size) * 31 + order;
    }
}
