package org.feynet.dmft;

/**
 * The exact layer solution when sigma(h) = h (deep linear networks): with M = A^{l-1} + gamma0 Q[Phi^{l-1}] and
 * N = B^l + gamma0 Q[G^{l+1}] (see {@link LayerInputs}), the process h = u + M z, z = r + N h is linear, so
 * <pre>
 *   h = S_h (u + M r),  z = S_z (r + N u),   S_h = (I - M N)^{-1},  S_z = (I - N M)^{-1},
 *   Phi^l = S_h (Phi^{l-1} + M G^{l+1} M^T) S_h^T,   G^l = S_z (G^{l+1} + N Phi^{l-1} N^T) S_z^T,
 *   A^l = dh/dr = S_h M,   B^{l-1} = dz/du = S_z N
 * </pre>
 * (u and r independent). These are the closed matrix equations of the deep-linear DMFT; no sampling.
 */
final class LinearLayer implements LayerSolver {

    private final TimeGrid grid;

    LinearLayer(TimeGrid grid) {
        this.grid = grid;
    }

    @Override
    public LayerKernels solve(int layer, LayerInputs in) {
        int d = grid.dimension();
        double[][] m = in.operatorOnG(grid);
        double[][] n = in.operatorOnSigma(grid);
        double[][] sh = Dense.inverse(Dense.plus(Dense.identity(d), -1, Dense.multiply(m, n)), "I - M N of layer " + layer);
        double[][] sz = Dense.inverse(Dense.plus(Dense.identity(d), -1, Dense.multiply(n, m)), "I - N M of layer " + layer);
        double[][] phi = Dense.sandwich(sh, Dense.plus(in.below(), 1, Dense.sandwich(m, in.above())));
        double[][] g = Dense.sandwich(sz, Dense.plus(in.above(), 1, Dense.sandwich(n, in.below())));
        return new LayerKernels(phi, g, Dense.multiply(sh, m), Dense.multiply(sz, n));
    }

    @Override
    public int population() {
        return 0;
    }
}
