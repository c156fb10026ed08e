package org.feynet.dmft;

/**
 * The DMFT order parameters on the grid, by layer l = 1 .. L (index 0 unused): the two-time kernels Phi^l and G^l,
 * the responses A^l = &lt;d sigma(h^l)/d r^l&gt; and B^l = &lt;d g^{l+1}/d u^{l+1}&gt; (l = 1 .. L-1; null elsewhere).
 */
record KernelState(double[][][] phi, double[][][] g, double[][][] a, double[][][] b) {

    int depth() {
        return phi.length - 1;
    }

    /** (1 - beta) this + beta fresh, layer by layer. */
    KernelState damped(KernelState fresh, double beta) {
        int depth = depth();
        KernelState out = empty(depth);
        for (int l = 1; l <= depth; l++) {
            out.phi[l] = Dense.damp(phi[l], fresh.phi[l], beta);
            out.g[l] = Dense.damp(g[l], fresh.g[l], beta);
            out.a[l] = mix(a[l], fresh.a[l], beta);
            out.b[l] = mix(b[l], fresh.b[l], beta);
        }
        return out;
    }

    private static double[][] mix(double[][] old, double[][] fresh, double beta) {
        if (fresh == null) {
            return null;
        }
        return old == null ? Dense.scale(fresh, beta) : Dense.damp(old, fresh, beta);
    }

    /** The largest change of a kernel entry between this and {@code other}, relative to the kernels' size (at least 1). */
    double change(KernelState other) {
        double change = 0;
        for (int l = 1; l <= depth(); l++) {
            change = Math.max(change, Dense.maxDifference(phi[l], other.phi[l]) / Math.max(1, Dense.maxAbs(phi[l])));
            change = Math.max(change, Dense.maxDifference(g[l], other.g[l]) / Math.max(1, Dense.maxAbs(g[l])));
        }
        return change;
    }

    /**
     * The largest change of any entry, kernels and responses, between this and {@code other}, each block relative to
     * its size in this state (at least 1); a response absent on one side counts as zero.
     */
    double residual(KernelState other) {
        double change = change(other);
        for (int l = 1; l < depth(); l++) {
            change = Math.max(change, relative(a[l], other.a[l]));
            change = Math.max(change, relative(b[l], other.b[l]));
        }
        return change;
    }

    private static double relative(double[][] x, double[][] y) {
        if (x == null && y == null) {
            return 0;
        }
        double[][] xx = x == null ? Dense.zeros(y.length, y.length) : x;
        double[][] yy = y == null ? Dense.zeros(x.length, x.length) : y;
        return Dense.maxDifference(xx, yy) / Math.max(1, Dense.maxAbs(xx));
    }

    /**
     * The state as one vector: for l = 1 .. L the entries of Phi^l and G^l, then, with {@code responses} and l < L,
     * those of A^l and B^l (zeros where absent); each block d x d, row by row.
     */
    double[] flatten(int d, boolean responses) {
        int depth = depth();
        double[] v = new double[size(depth, d, responses)];
        int at = 0;
        for (int l = 1; l <= depth; l++) {
            at = put(v, at, phi[l], d);
            at = put(v, at, g[l], d);
            if (responses && l < depth) {
                at = put(v, at, a[l], d);
                at = put(v, at, b[l], d);
            }
        }
        return v;
    }

    /** The inverse of {@link #flatten}. */
    static KernelState unflatten(double[] v, int depth, int d, boolean responses) {
        KernelState out = empty(depth);
        int at = 0;
        for (int l = 1; l <= depth; l++) {
            out.phi[l] = take(v, at, d);
            at += d * d;
            out.g[l] = take(v, at, d);
            at += d * d;
            if (responses && l < depth) {
                out.a[l] = take(v, at, d);
                at += d * d;
                out.b[l] = take(v, at, d);
                at += d * d;
            }
        }
        return out;
    }

    private static int size(int depth, int d, boolean responses) {
        return d * d * (2 * depth + (responses ? 2 * (depth - 1) : 0));
    }

    private static int put(double[] v, int at, double[][] block, int d) {
        if (block != null) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(block[i], 0, v, at + i * d, d);
            }
        }
        return at + d * d;
    }

    private static double[][] take(double[] v, int at, int d) {
        double[][] block = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(v, at + i * d, block[i], 0, d);
        }
        return block;
    }

    static KernelState empty(int depth) {
        return new KernelState(new double[depth + 1][][], new double[depth + 1][][], new double[depth + 1][][],
                new double[depth + 1][][]);
    }
}
