package org.feynet.dmft;

/**
 * What the single-neuron process of layer l is driven by (Bordelon and Pehlevan 2022, eqs. for h and z):
 * <pre>
 *   h^l_mu(t) = u^l_mu(t) + sum_{s, nu} [ A^{l-1}_{mu nu}(t, s) + gamma0 w(t, s) (1/P) Delta_nu(s) Phi^{l-1}_{mu nu}(t, s) ] g^l_nu(s)
 *   z^l_mu(t) = r^l_mu(t) + sum_{s, nu} [ B^l_{mu nu}(t, s)     + gamma0 w(t, s) (1/P) Delta_nu(s) G^{l+1}_{mu nu}(t, s) ] sigma(h^l_nu(s))
 *   g^l = sigma'(h^l) z^l,   u^l ~ GP(0, Phi^{l-1}),   r^l ~ GP(0, G^{l+1})
 * </pre>
 * with w the trapezoid weights and A, B the discrete responses (their quadrature weights included):
 * A^{l-1} = d sigma(h^{l-1}) / d r^{l-1}, B^l = d g^{l+1} / d u^{l+1}, both averaged over their layer's neurons.
 *
 * @param below         Phi^{l-1}, the covariance of u^l (for l = 1 the input gram at every pair of times)
 * @param above         G^{l+1}, the covariance of r^l (for l = L all ones: r^L is the readout's initial weight)
 * @param responseBelow A^{l-1}, or null (l = 1, or the gradient-independence assumption)
 * @param responseAbove B^l, or null (l = L, or the gradient-independence assumption)
 * @param delta         Delta_nu(t_k) = y_nu - f_nu(t_k), [k][nu]
 * @param gamma0        the feature-learning strength
 */
record LayerInputs(double[][] below, double[][] above, double[][] responseBelow, double[][] responseAbove,
        double[][] delta, double gamma0) {

    /** gamma0 w(t, s) (1/P) Delta_nu(s) K_{mu nu}(t, s) on the causal part s <= t, zero elsewhere. */
    double[][] drive(TimeGrid grid, double[][] kernel) {
        int p = grid.samples();
        int d = grid.dimension();
        double[][] q = new double[d][d];
        for (int k = 0; k < grid.points(); k++) {
            for (int j = 0; j <= k; j++) {
                double w = gamma0 * grid.weight(k, j) / p;
                if (w == 0) {
                    continue;
                }
                for (int mu = 0; mu < p; mu++) {
                    int row = grid.index(k, mu);
                    for (int nu = 0; nu < p; nu++) {
                        int column = grid.index(j, nu);
                        q[row][column] = w * delta[j][nu] * kernel[row][column];
                    }
                }
            }
        }
        return q;
    }

    /** The operator on g^l in the equation of h^l. */
    double[][] operatorOnG(TimeGrid grid) {
        double[][] q = drive(grid, below);
        return responseBelow == null ? q : Dense.plus(q, 1, responseBelow);
    }

    /** The operator on sigma(h^l) in the equation of z^l. */
    double[][] operatorOnSigma(TimeGrid grid) {
        double[][] q = drive(grid, above);
        return responseAbove == null ? q : Dense.plus(q, 1, responseAbove);
    }
}
