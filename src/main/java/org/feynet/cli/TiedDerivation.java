package org.feynet.cli;

import java.util.Locale;
import org.feynet.model.MlpModel;

/**
 * The plain-text derivation that {@code derive} prints for a weight-tied network: the collective-field action, its
 * saddle point and the one-loop formulas of {@link org.feynet.numerics.CollectiveFieldTheory}.
 */
final class TiedDerivation {

    private TiedDerivation() {}

    static String text(MlpModel model) {
        int t = model.depth();
        int p = model.inputs();
        return String.format(Locale.ROOT, """
                weight-tied network: z[t+1] = b + W . sigma(z[t]), t = 1 .. %d, the same W ~ N(0, Cw/n), b ~ N(0, Cb)
                at every step (Cb = %s, Cw = %s), z[1] ~ N(0, K1) independent of W and b, %d input(s).

                collective fields (f = (t, a) runs over the %d step-sample pairs of steps 1 .. %d):
                  Phi_fg = (1/n) sum_j sigma(z_{j;f}) sigma(z_{j;g}),   R_fg = (1/n) sum_i z_{i;f+1} z_{i;g+1}
                  C(Phi)_fg = Cb + Cw Phi_fg                       (untied weights: only f, g at the same step)

                exact law (each row of (b, W) is Gaussian and independent; conditioning step by step telescopes):
                  p(z[2..%d] | z[1]) = prod_i N( z_i[2..%d] ; 0, C(Phi) )

                action relative to the saddle point, per neuron (density = exp(-n H) times that of n iid copies of nu*):
                  H(Phi, R) = 1/2 log det C(Phi) - 1/2 log det C* + 1/2 tr[ (C(Phi)^-1 - C*^-1) R ]

                saddle point (infinite width), solved causally:
                  C*(1, 1) = K1,   C*(1, s) = 0 (s >= 2),
                  C*(t+1, s+1)_ab = Cb + Cw < sigma(u_{t;a}) sigma(u_{s;b}) >_{C*}
                  nu*: z[1] ~ N(0, K1) independent of z[2..%d] ~ N(0, C*);  H(O*) = 0, grad H(O*) = 0, O* = E_nu*[O]

                one loop (order 1/n), O = (sigma_f sigma_g ; z_f z_g) per neuron, x = sqrt(n) (O-hat - O*):
                  Sigma = Cov_nu*(O),   kappa3[M]_a = E_nu*[dO_a dO^T M dO],   H2, H3 = derivatives of H at O*
                  H2[Phi_u, Phi_v] = Cw^2/2 tr(D S_u D S_v),   H2[Phi_u, R_v] = -Cw/2 tr(D S_u D S_v),   H2[R, R] = 0
                  H3[Phi Phi Phi] = -Cw^3 (tr(D S_u D S_v D S_w) + tr(D S_u D S_w D S_v))
                  H3[Phi_u Phi_v R_w] = Cw^2/2 (tr(D S_u D S_v D S_w) + tr(D S_v D S_u D S_w)),   D = C*^-1
                  V4 = lim n Cov(O-hat)         = Sigma' = Sigma (1 + H2 Sigma)^-1
                  K1 = lim n (E[O-hat] - O*)    = -1/2 (1 + Sigma H2)^-1 kappa3[(1 + H2 Sigma)^-1 H2]
                                                  - 1/2 Sigma' H3[Sigma']
                  E[R^(t)_ab] = K0 + K1/n,  n Cov(R^(t)_ab, R^(t)_cd) = V4: the R-entries (t a, t b), (t c, t d)

                analogy: the O(N) vector model with N = n neurons, the kernel C the O(N)-invariant collective field, Cw
                the 't Hooft coupling; the expansion parameter grows with the number of steps (T/n).
                evaluate: feynet eval FILE (--json);  compare with sampling: feynet compare FILE
                """, t - 1, model.cb(), model.cw(), p, (t - 1) * p, t - 1, t, t, t);
    }
}
