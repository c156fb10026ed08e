package org.feynet.model;

import java.util.Arrays;

/**
 * A pre-activation residual network (SPEC section 3): z^(l+1)_i = z^(l)_i + eps_l (b^(l+1)_i + sum_j W^(l+1)_ij
 * sigma(z^(l)_j)), l = 0..L-1, b ~ N(0, Cb), W ~ N(0, Cw/n), all fresh per layer; the stream z^(0)_i, i = 1..n, is
 * iid N(0, K) over neurons, K the P x P input gram. Given layer l the increments are iid N(0, eps_l^2 (Cb + Cw
 * G^(l))), G^(l) = (1/n) sum_i sigma(z^(l)_i) sigma(z^(l)_i)^T.
 *
 * @param name       the block name
 * @param activation sigma
 * @param cb         Cb >= 0
 * @param cw         Cw > 0
 * @param eps        the residual scales eps_0..eps_{L-1} (eps_l scales the increment into layer l+1), all > 0
 * @param gram       K, the kernel of the stream z^(0) (P x P, positive definite)
 * @param closure    the state the statistics are propagated on
 */
public record ResidualModel(String name, Activation activation, double cb, double cw, double[] eps, double[][] gram,
                            Closure closure) {

    public ResidualModel {
        eps = eps.clone();
        double[][] copy = new double[gram.length][];
        for (int a = 0; a < gram.length; a++) {
            copy[a] = gram[a].clone();
        }
        gram = copy;
    }

    /** L, the number of residual blocks; layers 0..L are described. */
    public int depth() {
        return eps.length;
    }

    /** P, the number of inputs. */
    public int inputs() {
        return gram.length;
    }

    /** eps_l, the scale of the increment from layer l to l+1. */
    public double eps(int l) {
        return eps[l];
    }

    /** The kernel of z^(0). */
    public double[][] gramCopy() {
        double[][] copy = new double[gram.length][];
        for (int a = 0; a < gram.length; a++) {
            copy[a] = gram[a].clone();
        }
        return copy;
    }

    /** The same network under another closure. */
    public ResidualModel withClosure(Closure c) {
        return new ResidualModel(name, activation, cb, cw, eps, gram, c);
    }

    /** The same network with all scales eps and depth L. */
    public ResidualModel withUniformScale(double scale, int depth) {
        double[] e = new double[depth];
        Arrays.fill(e, scale);
        return new ResidualModel(name, activation, cb, cw, e, gram, closure);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidualModel m && name.equals(m.name) && activation.equals(m.activation) && cb == m.cb
                && cw == m.cw && Arrays.equals(eps, m.eps) && Arrays.deepEquals(gram, m.gram) && closure == m.closure;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(eps);
    }

    @Override
    public String toString() {
        return "ResidualModel[" + name + ", " + activation.name() + ", Cb=" + cb + ", Cw=" + cw + ", L=" + depth()
                + ", closure " + closure + "]";
    }
}
