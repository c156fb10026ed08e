package org.feynet.cli;

import java.util.Locale;
import org.feynet.core.LatexPreamble;
import org.feynet.model.MlpModel;

/**
 * The LaTeX document of a weight-tied network: its collective-field action beside the O(N) vector model's, the
 * identification of couplings, the saddle point and the one-loop formulas ({@link TiedDerivation} in print).
 */
final class TiedLatex {

    private TiedLatex() {}

    static String document(MlpModel model, String source) {
        String body = String.format(Locale.ROOT, """
                \\section*{The network}
                A weight-tied network, $z^{(t+1)} = b + W\\,\\sigma(z^{(t)})$ for $t = 1,\\dots,%d$, with one
                $W_{ij} \\sim \\mathcal N(0, C_W/n)$ and $b_i \\sim \\mathcal N(0, C_b)$ for every step
                ($C_b = %s$, $C_W = %s$), $z^{(1)}_{i} \\sim \\mathcal N(0, K^{(1)})$ independent of them, %d input(s).
                Read from \\texttt{%s}.

                \\section*{Collective fields and the exact action}
                With $f = (t, a)$ running over steps $1..%d$ and samples, $\\phi_{j;f} = \\sigma(z_{j;f})$,
                \\begin{align*}
                  \\Phi_{fg} &= \\frac1n \\sum_{j=1}^n \\phi_{j;f}\\,\\phi_{j;g}, &
                  R_{fg} &= \\frac1n \\sum_{i=1}^n z_{i;f+1}\\, z_{i;g+1}, &
                  C(\\Phi)_{fg} &= C_b + C_W\\, \\Phi_{fg}.
                \\end{align*}
                Each row of $(b, W)$ is an independent Gaussian vector, so conditioning step by step telescopes to the
                exact law $p(z^{(2..T)} \\mid z^{(1)}) = \\prod_i \\mathcal N\\big(z_i^{(2..T)}; 0, C(\\hat\\Phi)\\big)$,
                and relative to $n$ independent copies of the saddle-point process $\\nu_*$ the density is
                $e^{-n H(\\hat\\Phi, \\hat R)}$ with
                \\[
                  H(\\Phi, R) = \\tfrac12 \\log\\det C(\\Phi) - \\tfrac12 \\log\\det C_*
                    + \\tfrac12 \\operatorname{tr}\\big[(C(\\Phi)^{-1} - C_*^{-1}) R\\big].
                \\]

                \\section*{Beside the O(N) vector model}
                \\begin{align*}
                  \\text{network:}\\quad & n\\,H(\\Phi, R), \\quad \\text{$n$ neurons, fields $\\Phi, R$ bilinear in
                    the $n$ components;} \\\\
                  \\text{O(N) model:}\\quad & S = \\int \\Big[\\tfrac12 (\\partial\\vec\\varphi)^2
                    + \\tfrac{\\lambda}{8N} (\\vec\\varphi\\cdot\\vec\\varphi)^2\\Big]
                    \\;\\to\\; N\\Big[\\tfrac12 \\operatorname{tr}\\log(-\\partial^2 + \\rho)
                    - \\tfrac{1}{2\\lambda} \\textstyle\\int \\rho^2\\Big]
                    \\text{ after } \\rho = \\tfrac{\\lambda}{2N}\\vec\\varphi\\cdot\\vec\\varphi .
                \\end{align*}
                Identification: $N \\leftrightarrow n$ (neurons are the O(N) components), the invariant
                collective field $\\vec\\varphi\\cdot\\vec\\varphi/N \\leftrightarrow \\Phi, R$, the propagator
                $(-\\partial^2 + \\rho)^{-1} \\leftrightarrow C(\\Phi)$, the 't~Hooft coupling $\\lambda \\leftrightarrow
                C_W$ (with $C_b$ a constant source), Euclidean time $\\leftrightarrow$ the step $t$. Both actions are
                $N$ (resp.\\ $n$) times an order-one functional, so $1/N$ (resp.\\ $1/n$) counts loops; with tied
                weights the step-to-step correlations make the loop corrections grow with the number of steps,
                the expansion parameter being $T/n$.

                \\section*{Saddle point}
                $C_*(1,1) = K^{(1)}$, $C_*(1,s) = 0$ for $s \\ge 2$, and causally
                $C_*(t+1, s+1)_{ab} = C_b + C_W \\langle \\sigma(u_{t;a})\\sigma(u_{s;b}) \\rangle_{C_*}$;
                $\\nu_*$: $z^{(1)} \\sim \\mathcal N(0, K^{(1)})$ independent of $z^{(2..T)} \\sim \\mathcal N(0,
                C_*)$. At $O_* = \\mathbb E_{\\nu_*}[O]$, $H = 0$ and $\\nabla H = 0$.

                \\section*{One loop}
                With $O = (\\phi_f\\phi_g;\\, z_f z_g)$ per neuron, $\\Sigma = \\operatorname{Cov}_{\\nu_*}(O)$,
                $\\kappa_3[M]_a = \\mathbb E_{\\nu_*}[\\delta O_a\\, \\delta O^{\\mathsf T} M\\, \\delta O]$ and $H_2$, $H_3$
                the derivatives of $H$ at $O_*$ ($D = C_*^{-1}$, $S_u$ the symmetric unit matrices),
                \\begin{align*}
                  H_2[\\Phi_u, \\Phi_v] &= \\tfrac{C_W^2}{2} \\operatorname{tr}(D S_u D S_v), \\qquad
                  H_2[\\Phi_u, R_v] = -\\tfrac{C_W}{2} \\operatorname{tr}(D S_u D S_v), \\qquad H_2[R, R] = 0, \\\\
                  V_4 &= \\lim_{n\\to\\infty} n \\operatorname{Cov}(\\hat O) = \\Sigma' = \\Sigma (1 + H_2 \\Sigma)^{-1}, \\\\
                  K_1 &= \\lim_{n\\to\\infty} n\\,(\\mathbb E \\hat O - O_*) = -\\tfrac12 (1 + \\Sigma H_2)^{-1}
                    \\kappa_3\\big[(1 + H_2\\Sigma)^{-1} H_2\\big] - \\tfrac12 \\Sigma' H_3[\\Sigma'] ,
                \\end{align*}
                the first term the non-Gaussian (Edgeworth) single-neuron correction, the second the cubic vertex.
                The statistics of $R^{(t)}$ are the entries $(t a, t b)$ of the $R$ part:
                $\\mathbb E[R^{(t)}_{ab}] = K_0 + K_1/n$ and $n\\operatorname{Cov}(R^{(t)}_{ab}, R^{(t)}_{cd}) = V_4$.
                \\texttt{feynet eval} evaluates them, \\texttt{feynet compare} checks them against sampling.
                The same code evaluates the O(N) model at large $N$: with $O = \\varphi_i^2$, $\\nu_*$:
                $\\varphi_i \\sim \\mathcal N(0, q_*)$, $\\Sigma = 2q_*^2$, $\\kappa_3 = 8q_*^3$,
                $H_2 = U''(q_*)$, $H_3 = U'''(q_*)$ for $S = N[q/2 + U(q)]$ in the invariant
                $q = \\vec\\varphi\\cdot\\vec\\varphi/N$, it gives $\\langle\\varphi_1\\varphi_1\\rangle = q_* + K_1/N$ (\\texttt{feynet derive} on a
                \\texttt{theory} block with \\texttt{to order 1/N}).

                """, model.depth() - 1, model.cb(), model.cw(), model.inputs(), LatexPreamble.escape(source),
                model.depth() - 1);
        return LatexPreamble.of("Weight-tied network " + LatexPreamble.escape(model.name())
                + ": collective fields at one loop", "") + body + LatexPreamble.end();
    }
}
