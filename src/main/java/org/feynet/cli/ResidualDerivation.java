package org.feynet.cli;

import java.util.ArrayList;
import java.util.List;
import org.feynet.derive.ClosureDiagrams;
import org.feynet.derive.ResidualSystem;
import org.feynet.model.Closure;

/** The equations {@code derive} prints for a residual network (docs/METHOD.md, "Residual networks"). */
final class ResidualDerivation {

    private ResidualDerivation() {}

    static String text(Subject.Residual r, boolean continuous) {
        StringBuilder s = new StringBuilder(ResidualCommands.describe(r)).append("\n\n");
        s.append(DISCRETE);
        s.append('\n').append(generated(r.model().closure()));
        if (continuous) {
            s.append('\n').append(CONTINUOUS);
        }
        return s.toString();
    }

    /**
     * The tensor equations of a kernel closure or of the exact route, as its generated evaluator (feynet codegen)
     * computes them and as its javadoc prints them: one representation, org.feynet.derive.ResidualSystem.
     */
    static String generated(Closure closure) {
        StringBuilder s = new StringBuilder("Generated evaluator of closure ").append(closure.keyword())
                .append(" (feynet codegen; arrays row-major, indices not on the left summed, primes = layer l+1):\n");
        ResidualSystem system = ResidualSystem.of(closure);
        for (String line : system.lines()) {
            s.append("  ").append(line).append('\n');
        }
        return s.append(diagramLines(system)).toString();
    }

    /**
     * Which of the equations are the MLP's one-layer diagrams read in the closure's notation
     * (org.feynet.derive.ClosureDiagrams), with those diagrams and the reading; the others are bookkeeping.
     */
    static String diagramLines(ResidualSystem system) {
        List<ClosureDiagrams.Line> lines = ClosureDiagrams.of(system.closure());
        if (lines.isEmpty()) {
            return "  (the exact route's equations are written in the form its propagation needs, not read from"
                    + " diagrams)\n";
        }
        StringBuilder s = new StringBuilder("  from the MLP's one-layer diagrams (feynet diagrams; the other lines are"
                + " the closure's bookkeeping):\n");
        for (ClosureDiagrams.Line line : lines) {
            s.append("    ").append(line.equation().target().plain()).append(" (").append(where(system, line))
                    .append(") <- ").append(line.origin()).append('\n')
                    .append("        read as ").append(line.reading().describe()).append('\n');
        }
        return s.toString();
    }

    /** "readout", "step" or "readout, step": where the system uses the line. */
    static String where(ResidualSystem system, ClosureDiagrams.Line line) {
        List<String> in = new ArrayList<>();
        if (system.readout().contains(line.equation())) {
            in.add("readout");
        }
        if (system.step().contains(line.equation())) {
            in.add("step");
        }
        return String.join(", ", in);
    }

    static final String DISCRETE = """
            Residual stream z_i^(l), i = 1..n; given layer l the increments are iid: z^(l+1)_i = z^(l)_i + eps_l xi_i,
            xi_i ~ N(0, Sigma(mu^l)), Sigma(mu) = Cb + Cw mu(sigma sigma^T), mu^l the empirical measure of the stream.
            <f>_K: Gaussian expectation over z ~ N(0, K); d_a d_b: derivatives in sample directions (Price's theorem);
            repeated sample indices are summed over ordered pairs.

            Infinite width (exact for every closure):
              K^(l+1)_ab = K^(l)_ab + eps_l^2 (Cb + Cw <sigma_a sigma_b>_{K^(l)}),   metric K0 = Cb + Cw <sigma_a sigma_b>_{K^(l)}

            Exact O(1/n) route (one-point function and fluctuation covariance of mu^l around the mean-field Gaussian):
              E mu^l(phi) = <phi>_{K^(l)} + m1^l(phi)/n,   n Cov(mu^l(phi), mu^l(psi)) = C^l(phi, psi)
              T_l phi(z) = E phi(z + eps_l xi), xi ~ N(0, Sigma0_l)                      (Gaussian smoothing)
              L_l phi = T_l phi + (eps_l^2/2) Cw <d_a d_b phi>_{K^(l+1)} sigma_a sigma_b       (linear response)
              C^(l+1)(phi, psi) = <T_l(phi psi) - T_l phi T_l psi>_{K^(l)} + C^l(L_l phi, L_l psi)
              m1^(l+1)(phi) = m1^l(L_l phi) + (eps_l^2/2) Cw C^l(sigma_a sigma_b, T_l d_a d_b phi)
                              + (eps_l^4/8) Cw^2 C^l(sigma_a sigma_b, sigma_c sigma_d) <d_a d_b d_c d_d phi>_{K^(l+1)}
              C^0 = the covariance of one neuron under N(0, K^(0)),  m1^0 = 0
              R:      K1 = m1(z_a z_b),             V4 = C(z_a z_b, z_c z_d)
              metric: K1 = Cw m1(sigma_a sigma_b),  V4 = Cw^2 C(sigma_a sigma_b, sigma_c sigma_d)
              L_l maps the smoothed kernel functions T_{l+1->j} f to T_{l->j} f + c . sigma sigma: C^l and m1^l are
              carried on them, one per later layer j, and every number is a Gaussian expectation E[f(x) g(y)] of two
              points of one mean-field trajectory, x at layer j, y at layer i, branching at layer c:
              Cov(x) = K^(j), Cov(y) = K^(i), Cov(x, y) = K^(c).
              R: K1^(l+1) = K1^(l) + eps_l^2 metric K1^(l) (exact: E R^(l+1) = E R^(l) + eps_l^2 E[Cb + Cw G^(l)]).

            Regression closures (approximations): the same recursions with C and m1 kept on a finite state S and the
            fluctuation of any other function replaced by its regression on a basis B under N(0, K^(l)):
              delta(phi) ~ beta(phi) . delta(B),  beta(phi) = Cov(B, B)^-1 Cov(B, phi)
              closure Gproj: B = {sigma_a sigma_b}               (R carried alongside, T z z = z z + const)
              closure RG:  B = {z_a z_b, sigma_a sigma_b}
              closure RGM: B = {z_a z_b, sigma_a sigma_b, z_a sigma_b}
              V^(l+1) = A V^(l) A^T + B^(l),  m1^(l+1) = A m1^(l) + s^(l)   on S, with
              A = beta(T_l s) + (eps_l^2/2) Cw <d_c d_d s>_{K^(l+1)} e_{sigma_c sigma_d},
              B^(l) = <T_l(s s') - T_l s T_l s'>_{K^(l)},
              s^(l) = (eps_l^2/2) Cw V(sigma_c sigma_d, B) beta(T_l d_c d_d s)
                      + (eps_l^4/8) Cw^2 V(sigma_a sigma_b, sigma_c sigma_d) <d_a d_b d_c d_d s>_{K^(l+1)}

            The published G-only theory (closure G): each neuron Gaussian given the metric's path, with the covariance
            it drives, R_drv^(l) = K^(0) + sum_{k<l} eps_k^2 (Cb + Cw G^(k)); G^(l) = <sigma sigma>_{R_drv^(l)} + noise:
              J_l = 1 + (eps_l^2/2) Cw <d_c d_d s>_{K^(l+1)} e_{sigma_c sigma_d}         (the G-only Jacobian)
              V^(l+1) = J_l V^(l) J_l^T + B^(l),  V^(0) = C^0
              K1_R^(l+1) = K1_R^(l) + eps_l^2 Cw K1_G^(l)
              K1_G^(l) = (1/2) <d_c d_d sigma sigma>_{K^(l)} K1_R^(l)_cd
                         + (1/8) W^(l)_{ab,cd} <d_a d_b d_c d_d sigma sigma>_{K^(l)}      (one-loop tadpole)
              W^(l+1) = W^(l) + eps_l^2 Cw (X^(l) + X^(l)T) + eps_l^4 Cw^2 V_GG^(l),  X^(l+1) = (X^(l) + eps_l^2 Cw V_GG^(l)) J_GG^T
              W = n Cov(R_drv, R_drv), X = n Cov(R_drv, G), W^(0) = X^(0) = 0; metric K1 = Cw K1_G
              (no regression of T s - s in J, no cross term in the K1 source: at layer 1 K1 is the Hessian term alone)

            LaTeX (the whole derivation: feynet latex FILE):
            \\begin{align}
            K^{(\\ell+1)}_{ab} &= K^{(\\ell)}_{ab} + \\epsilon_\\ell^2\\big(C_b + C_W \\langle\\sigma_a\\sigma_b\\rangle_{K^{(\\ell)}}\\big) \\\\
            C^{(\\ell+1)}(\\phi,\\psi) &= \\big\\langle T_\\ell(\\phi\\psi) - T_\\ell\\phi\\, T_\\ell\\psi\\big\\rangle_{K^{(\\ell)}}
              + C^{(\\ell)}(\\mathcal{L}_\\ell\\phi, \\mathcal{L}_\\ell\\psi), \\quad
              \\mathcal{L}_\\ell\\phi = T_\\ell\\phi + \\tfrac{\\epsilon_\\ell^2 C_W}{2}\\langle\\partial_a\\partial_b\\phi\\rangle_{K^{(\\ell+1)}}\\sigma_a\\sigma_b \\\\
            m_1^{(\\ell+1)}(\\phi) &= m_1^{(\\ell)}(\\mathcal{L}_\\ell\\phi)
              + \\tfrac{\\epsilon_\\ell^2 C_W}{2} C^{(\\ell)}(\\sigma_a\\sigma_b, T_\\ell\\partial_a\\partial_b\\phi)
              + \\tfrac{\\epsilon_\\ell^4 C_W^2}{8} C^{(\\ell)}(\\sigma_a\\sigma_b,\\sigma_c\\sigma_d)\\langle\\partial_a\\partial_b\\partial_c\\partial_d\\phi\\rangle_{K^{(\\ell+1)}}
            \\end{align}
            """;

    static final String CONTINUOUS = """
            Continuous depth (eps -> 0, t = l eps^2 fixed; Sigma0(t) = Cb + Cw <sigma sigma>_{K(t)}):
              dK/dt = Sigma0(t)
              Exact route: C(t; t1, t2)[f, g] = C_t(T_{t->t1} f, T_{t->t2} g) for t <= t1, t2 obeys
                d/dt C(t; t1, t2)[f, g] = Sigma0_ab(t) E_t[d_a f(x) d_b g(y)]
                     + (Cw/2) <d_a d_b f>_{K(t1)} C(t; t, t2)[sigma_a sigma_b, g]
                     + (Cw/2) <d_a d_b g>_{K(t2)} C(t; t1, t)[f, sigma_a sigma_b]
                (x at t1, y at t2, branching at t), and m1(t; t1)[f] = m1_t(T_{t->t1} f) obeys
                d/dt m1(t; t1)[f] = (Cw/2) <d_a d_b f>_{K(t1)} m1(t; t)[sigma_a sigma_b]
                     + (Cw/2) C(t; t, t1)[sigma_a sigma_b, d_a d_b f]
                with V4 and K1 at depth t read off at t1 = t2 = t (the Hessian term is O(eps^4) per layer and drops out).
                Solved as a Volterra system in two times: with delta_t = sqrt(n) (mu_t - m_t), G = delta_t(sigma sigma),
                I(t) = int_0^t G,
                g_u(f)_cd = (Cw/2) <d_c d_d f>_{K(u)}, H(t) = g_t(sigma sigma), Phi' = H Phi, Phi(0) = 1,
                delta_t(T_{t->u} f) = N(t; u)[f] + g_u(f) . I(t), the noise N(t; u)[f] = delta_0(T_{0->u} f)
                + int_0^t dM_r(T_{r->u} f) Gaussian with E N(s; u)[f] N(s; v)[g] = P_s(u, v)[f, g]
                = E[f(x_u) g(y_v)] - <f>_{K(u)} <g>_{K(v)} (branching at s), dM the martingale part of delta:
                B(s; u)[f] = E[I(s) N(s; u)[f]] = Phi(s) int_0^s Phi(r)^-1 P_r(r, u)[sigma sigma, f] dr   (s <= u)
                D(s) = B(s; s)[sigma sigma],  A(s) = E[I I^T] = Phi(s) int_0^s Phi^-1 (D + D^T) Phi^-T dr Phi(s)^T
                S(t) = (Cw/2) int_0^t [P_s(s, t)[sigma_c sigma_d, psi] + (H B(s; t)[psi])_cd
                                       + ((D^T + H A)(s) g_t(psi))_cd]_{psi = d_c d_d sigma sigma} ds   (cross term)
                J(t) = Phi(t) int_0^t Phi^-1 S ds:  metric K1 = Cw (H J + S),  R K1 = g_t(z z) . J
                V4: E[G G^T] = P_t(t, t) + H D + D^T H^T + H A H^T (R: g_t(z z), B(t; t)[z z] in place of H, D)
                No finite ODE system closes it: D(t) needs d/du B(s; u)[f] = B(s; u)[A_u f], so every A^k sigma sigma.
                K, Phi by Dormand-Prince; the memory integrals on a grid (local-cubic rule, O(h^4)); eval --continuous.
              Regression closures: finite ODEs on the state S,
                dV/dt = J V + V J^T + D,   dm1/dt = J m1 + (Cw/2) V(sigma_c sigma_d, B) beta(d_c d_d s)
                J = Cov(B, B)^-1 Cov(B, A_t s) + (Cw/2) <d_c d_d s>_{K(t)} e_{sigma_c sigma_d},  A_t = (1/2) Sigma0_ab d_a d_b
                D = Sigma0_ab(t) <d_a s d_b s'>_{K(t)}   (carre du champ)
              Published G-only theory (closure G): dV/dt = J V + V J^T + D with J = (Cw/2) <d_c d_d s>_{K(t)} e_{sigma_c sigma_d},
                dK1_R/dt = Cw K1_G,  K1_G = (1/2) <d_c d_d sigma sigma> K1_R_cd + (1/8) W_{ab,cd} <d_a d_b d_c d_d sigma sigma>,
                dW/dt = Cw (X + X^T),  dX/dt = Cw V_GG + X J_GG^T
              integrated with Hipparchus' Dormand-Prince 8(5,3) adaptive solver (eval --continuous).
            """;
}
