package org.feynet.numerics;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * An immutable dense tensor over P samples: the components T[i_1]..[i_rank], each index in 0..P-1, stored
 * row-major. A statistic of rank 2r (r pairs of sample indices) is one of these.
 */
public final class Tensor {

    private final int inputs;
    private final int rank;
    private final double[] values;

    private Tensor(int inputs, int rank, double[] values) {
        this.inputs = inputs;
        this.rank = rank;
        this.values = values;
    }

    /** The tensor of the given shape with every component zero. */
    public static Tensor zeros(int inputs, int rank) {
        return new Tensor(inputs, rank, new double[size(inputs, rank)]);
    }

    /** A tensor from its row-major components (copied). */
    public static Tensor of(int inputs, int rank, double[] values) {
        if (values.length != size(inputs, rank)) {
            throw new IllegalArgumentException("a rank-" + rank + " tensor over " + inputs + " samples has "
                    + size(inputs, rank) + " components, got " + values.length);
        }
        return new Tensor(inputs, rank, values.clone());
    }

    /** A rank-2 tensor from a P x P matrix (copied). */
    public static Tensor matrix(double[][] m) {
        int p = m.length;
        double[] v = new double[p * p];
        for (int a = 0; a < p; a++) {
            if (m[a].length != p) {
                throw new IllegalArgumentException("a matrix tensor must be square");
            }
            System.arraycopy(m[a], 0, v, a * p, p);
        }
        return new Tensor(p, 2, v);
    }

    /** P^rank, the number of components. */
    static int size(int inputs, int rank) {
        int n = 1;
        for (int i = 0; i < rank; i++) {
            n = Math.multiplyExact(n, inputs);
        }
        return n;
    }

    /** this + factor * other, component by component; the shapes must agree. */
    public Tensor plus(double factor, Tensor other) {
        if (other.inputs != inputs || other.rank != rank) {
            throw new IllegalArgumentException("cannot add a rank-" + other.rank + " tensor over " + other.inputs
                    + " samples to a rank-" + rank + " one over " + inputs);
        }
        double[] sum = values.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += factor * other.values[i];
        }
        return new Tensor(inputs, rank, sum);
    }

    public int inputs() {
        return inputs;
    }

    public int rank() {
        return rank;
    }

    /** The component at the given sample indices (exactly rank of them). */
    public double get(int... indices) {
        return values[offset(inputs, indices)];
    }

    /** The row-major offset of an index tuple. */
    static int offset(int inputs, int[] indices) {
        int o = 0;
        for (int i : indices) {
            o = o * inputs + i;
        }
        return o;
    }

    /** Whether every component is finite. */
    public boolean isFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The components as nested arrays, double[P]...[P] with rank levels (for JSON and tests). */
    public Object nested() {
        return nest(rank, 0);
    }

    /** The components of a rank-2 tensor as a P x P matrix. */
    public double[][] asMatrix() {
        return (double[][]) nestedOfRank(2);
    }


    private Object nestedOfRank(int expected) {
        if (rank != expected) {
            throw new IllegalStateException("tensor has rank " + rank + ", not " + expected);
        }
        return nested();
    }

    private Object nest(int levels, int start) {
        if (levels == 1) {
            return Arrays.copyOfRange(values, start, start + inputs);
        }
        int[] dims = new int[levels];
        Arrays.fill(dims, inputs);
        Object out = Array.newInstance(double.class, dims);
        int block = size(inputs, levels - 1);
        for (int i = 0; i < inputs; i++) {
            Array.set(out, i, nest(levels - 1, start + i * block));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.inputs == inputs && t.rank == rank && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + rank) + Arrays.hashCode(values);
    }
}
