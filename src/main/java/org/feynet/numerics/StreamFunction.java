package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;

/**
 * A test function of one neuron's residual stream z in R^P whose empirical average is a kernel entry: z_a z_b (the
 * stream kernel R), sigma(z_a) sigma(z_b) (the metric kernel G) or z_a sigma(z_b) (the mixed kernel M).
 *
 * @param kind which kernel
 * @param a    first sample
 * @param b    second sample
 */
public record StreamFunction(Kind kind, int a, int b) {

    /** The three kernels. */
    public enum Kind { ZZ, SS, ZS }

    /** The value at a point with coordinates z and activations s = sigma(z). */
    double value(double[] z, double[] s) {
        return switch (kind) {
            case ZZ -> z[a] * z[b];
            case SS -> s[a] * s[b];
            case ZS -> z[a] * s[b];
        };
    }

    /**
     * The derivative d/dz_c at a point with coordinates z, activations s and slopes ds = sigma'(z).
     */
    double derivative(int c, double[] z, double[] s, double[] ds) {
        double v = 0;
        switch (kind) {
            case ZZ -> {
                v += c == a ? z[b] : 0;
                v += c == b ? z[a] : 0;
            }
            case SS -> {
                v += c == a ? ds[a] * s[b] : 0;
                v += c == b ? s[a] * ds[b] : 0;
            }
            case ZS -> {
                v += c == a ? s[b] : 0;
                v += c == b ? z[a] * ds[b] : 0;
            }
        }
        return v;
    }

    /** The functions of a symmetric kernel, a <= b, in row order. */
    public static List<StreamFunction> symmetric(Kind kind, int p) {
        List<StreamFunction> list = new ArrayList<>();
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                list.add(new StreamFunction(kind, a, b));
            }
        }
        return list;
    }

    /** All P^2 entries z_a sigma(z_b) of the mixed kernel. */
    public static List<StreamFunction> mixed(int p) {
        List<StreamFunction> list = new ArrayList<>();
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                list.add(new StreamFunction(Kind.ZS, a, b));
            }
        }
        return list;
    }

    /** The position of the symmetric entry (a, b) in {@link #symmetric}'s list. */
    public static int symmetricIndex(int a, int b, int p) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return lo * p - lo * (lo - 1) / 2 + (hi - lo);
    }
}
