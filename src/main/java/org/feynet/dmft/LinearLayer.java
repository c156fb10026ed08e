package org.feynet.dmft;

/**
 * The exact layer solution when sigma(h) = h (deep linear networks): with M = A^{l-1} + gamma0 Q[Phi^{l-1}] and
 * N = B^l + gamma0 Q[G^{l+1}] (see {@link LayerInputs}), the process h = u + M z, z = r + N h is linear, so
 * <pre>
 *   h = S_h u + A^l r,  z = S_z r + B^{l-1} u,   S_h = (I - M N)^{-1},  S_z = (I - N M)^{-1} = I + N S_h M,
 *   A^l = dh/dr = S_h M,   B^{l-1} = dz/du = S_z N = N S_h,
 *   Phi^l = S_h Phi^{l-1} S_h^T + A^l G^{l+1} A^l^T,   G^l = S_z G^{l+1} S_z^T + B^{l-1} Phi^{l-1} B^{l-1}^T
 * </pre>
 * (u and r independent; S_z N = N S_h is the push-through identity). These are the closed matrix equations of the
 * deep-linear DMFT; no sampling. All operators are causal (block lower-triangular on the time grid), so S_h is
 * found by block forward substitution and every product skips the zero blocks.
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
        double[][] sh = Dense.inverseBlockLower(Dense.plus(Dense.identity(d), -1, Dense.multiply(m, n)),
                grid.samples(), "I - M N of layer " + layer);
        double[][] a = Dense.multiply(sh, m);
        double[][] b = Dense.multiply(n, sh);
        double[][] sz = Dense.plus(Dense.identity(d), 1, Dense.multiply(b, m));
        double[][] phi = Dense.plus(Dense.sandwich(sh, in.below()), 1, Dense.sandwich(a, in.above()));
        double[][] g = Dense.plus(Dense.sandwich(sz, in.above()), 1, Dense.sandwich(b, in.below()));
        return new LayerKernels(phi, g, a, b);
    }

    @Override
    public int population() {
        return 0;
    }
}
