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

    static KernelState empty(int depth) {
        return new KernelState(new double[depth + 1][][], new double[depth + 1][][], new double[depth + 1][][],
                new double[depth + 1][][]);
    }
}
