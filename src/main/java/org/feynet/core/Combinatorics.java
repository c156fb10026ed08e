package org.feynet.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * The counting and enumeration that both diagram engines need: factorials, binomials and double factorials
 * (exact, {@link BigInteger}), set partitions and perfect matchings.
 *
 * <p><b>Orders.</b> Set partitions come in lexicographic order of their restricted growth strings
 * (Knuth, TAOCP 7.2.1.5): element {@code i} goes into block {@code a[i]}, with {@code a[0] = 0} and
 * {@code a[i] <= 1 + max(a[0..i-1])}, so blocks are numbered by their smallest element; the first partition is
 * the single block, the last the partition into singletons. Perfect matchings pair the smallest unmatched
 * point with each later unmatched point in increasing order. Callers whose output depends on these orders may
 * rely on them.
 *
 * <p><b>Counts.</b> There are {@code Bell(n)} set partitions of n elements (1, 1, 2, 5, 15, 52, 203, ...) and
 * {@code (2k-1)!! = (2k)! / (2^k k!)} perfect matchings of 2k points; each is produced in {@code O(n)}.
 * Small factorials and binomials come from Hipparchus {@link CombinatoricsUtils}.
 */
public final class Combinatorics {

    /** The largest n whose factorial fits in a long (Hipparchus keeps a table up to it). */
    private static final int LONG_FACTORIALS = 20;
    /** The largest n for which Hipparchus computes every binomial coefficient in a long. */
    private static final int LONG_BINOMIALS = 66;

    private Combinatorics() {}

    /** {@code n! = 1 * 2 * ... * n}, with {@code 0! = 1}. */
    public static BigInteger factorial(int n) {
        requireNonNegative("factorial", n);
        if (n <= LONG_FACTORIALS) {
            return BigInteger.valueOf(CombinatoricsUtils.factorial(n));
        }
        BigInteger f = BigInteger.valueOf(CombinatoricsUtils.factorial(LONG_FACTORIALS));
        for (int i = LONG_FACTORIALS + 1; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /** {@code C(n, k) = n! / (k! (n-k)!)}, 0 when {@code k < 0} or {@code k > n}. */
    public static BigInteger binomial(int n, int k) {
        requireNonNegative("binomial", n);
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        if (n <= LONG_BINOMIALS) {
            return BigInteger.valueOf(CombinatoricsUtils.binomialCoefficient(n, k));
        }
        BigInteger c = BigInteger.ONE;
        int m = Math.min(k, n - k);
        for (int i = 1; i <= m; i++) {
            c = c.multiply(BigInteger.valueOf(n - m + i)).divide(BigInteger.valueOf(i));
        }
        return c;
    }

    /**
     * {@code n!! = n (n-2) (n-4) ...} down to 1 or 2, with {@code 0!! = (-1)!! = 1}. For {@code n = 2k-1} it is
     * the number of perfect matchings of 2k points and the Gaussian moment {@code E[z^(2k)]}.
     */
    public static BigInteger doubleFactorial(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("doubleFactorial: expected n >= -1, got " + n);
        }
        BigInteger f = BigInteger.ONE;
        for (int i = n; i > 1; i -= 2) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /**
     * The restricted growth strings of length n in lexicographic order, one per set partition of
     * {@code {0..n-1}}: {@code a[0] = 0} and {@code a[i] <= 1 + max(a[0..i-1])}. For {@code n = 0}, the empty
     * string.
     */
    public static List<int[]> restrictedGrowthStrings(int n) {
        requireNonNegative("restrictedGrowthStrings", n);
        List<int[]> out = new ArrayList<>();
        grow(new int[n], 0, 0, out);
        return out;
    }

    private static void grow(int[] a, int i, int blocks, List<int[]> out) {
        if (i == a.length) {
            out.add(a.clone());
            return;
        }
        for (int b = 0; b <= blocks; b++) {
            a[i] = b;
            grow(a, i + 1, Math.max(blocks, b + 1), out);
        }
    }

    /** The number of blocks of the partition that a restricted growth string encodes. */
    public static int blocks(int[] growthString) {
        int blocks = 0;
        for (int b : growthString) {
            blocks = Math.max(blocks, b + 1);
        }
        return blocks;
    }

    /**
     * The set partitions of {@code items}: each partition a list of blocks in order of their first item, each
     * block in input order; partitions in restricted-growth-string order. Unmodifiable lists.
     */
    public static <T> List<List<List<T>>> setPartitions(List<T> items) {
        List<List<List<T>>> out = new ArrayList<>();
        for (int[] a : restrictedGrowthStrings(items.size())) {
            List<List<T>> blocks = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                if (a[i] == blocks.size()) {
                    blocks.add(new ArrayList<>());
                }
                blocks.get(a[i]).add(items.get(i));
            }
            out.add(blocks.stream().map(List::copyOf).toList());
        }
        return out;
    }

    /** The set partitions of {@code {1..m}}, as {@link #setPartitions(List)} orders them. */
    public static List<List<List<Integer>>> setPartitions(int m) {
        requireNonNegative("setPartitions", m);
        List<Integer> labels = new ArrayList<>();
        for (int i = 1; i <= m; i++) {
            labels.add(i);
        }
        return setPartitions(labels);
    }

    /**
     * The perfect matchings of the points {@code 0..k-1}, each as its partner array
     * ({@code partner[partner[i]] == i != partner[i]}): {@code (k-1)!!} of them for even k, none for odd k.
     */
    public static List<int[]> perfectMatchings(int k) {
        requireNonNegative("perfectMatchings", k);
        List<int[]> out = new ArrayList<>();
        if (k % 2 == 0) {
            match(new int[k], new boolean[k], 0, out);
        }
        return out;
    }

    private static void match(int[] partner, boolean[] used, int from, List<int[]> out) {
        int i = from;
        while (i < used.length && used[i]) {
            i++;
        }
        if (i == used.length) {
            out.add(partner.clone());
            return;
        }
        used[i] = true;
        for (int j = i + 1; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                partner[i] = j;
                partner[j] = i;
                match(partner, used, i + 1, out);
                used[j] = false;
            }
        }
        used[i] = false;
    }

    private static void requireNonNegative(String what, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(what + ": expected n >= 0, got " + n);
        }
    }
}
