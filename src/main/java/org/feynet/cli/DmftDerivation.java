package org.feynet.cli;

import java.util.Locale;
import org.feynet.model.MeanFieldNetwork;
import org.feynet.model.TrainingProblem;

/**
 * {@code feynet derive} of a train block: the DMFT saddle-point equations in plain text, specialised to the file's
 * depth and numbers (the same equations as the document of {@link DmftLatex}, where they are derived).
 */
final class DmftDerivation {

    private DmftDerivation() {}

    static String text(TrainingProblem problem) {
        DmftLatex.requireFinite(problem);
        MeanFieldNetwork m = problem.network();
        int depth = m.depth();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: mean-field network, L = %d, sigma(z) = %s, gamma0 = %s, P = %d,"
                + " n0 = %d, t in [0, %s]%n", m.name(), depth, m.activation().name(), ResidualLatex.number(m.gamma0()),
                m.samples(), m.inputDimension(), ResidualLatex.number(problem.time())));
        s.append("  h^1 = W^1 x / sqrt(n0), h^{l+1} = W^{l+1} sigma(h^l) / sqrt(n), f = w . sigma(h^L) / (gamma0 n),\n")
                .append("  d theta/dt = -gamma0^2 n dLoss/dtheta, Loss = (1/(2P)) sum_mu (f_mu - y_mu)^2,"
                        + " g^l = gamma0 n df/dh^l\n\n");
        s.append("Saddle point of Z = int exp(n S[Phi, Phihat, G, Ghat, A, B]) as n -> infinity, for l = 1 .. ")
                .append(depth).append(":\n")
                .append("  h^l_mu(t) = u^l_mu(t) + gamma0 int_0^t ds sum_nu [A^{l-1}_{mu nu}(t,s)"
                        + " + (1/P) Delta_nu(s) Phi^{l-1}_{mu nu}(t,s)] g^l_nu(s)\n")
                .append("  z^l_mu(t) = r^l_mu(t) + gamma0 int_0^t ds sum_nu [B^l_{mu nu}(t,s)"
                        + " + (1/P) Delta_nu(s) G^{l+1}_{mu nu}(t,s)] sigma(h^l_nu(s))\n")
                .append("  g^l = sigma'(h^l) z^l,  u^l ~ GP(0, Phi^{l-1}) and r^l ~ GP(0, G^{l+1}) independent\n")
                .append("  Phi^l(t,s) = <sigma(h^l(t)) sigma(h^l(s))>,  G^l(t,s) = <g^l(t) g^l(s)>\n")
                .append("  A^l(t,s) = <d sigma(h^l(t)) / d r^l(s)> / gamma0,")
                .append("  B^{l-1}(t,s) = <d g^l(t) / d u^l(s)> / gamma0\n")
                .append(String.format(Locale.ROOT, "  boundaries: Phi^0 = x.x/n0 at all times, G^%d = 1, A^0 = 0,"
                        + " B^%d = 0, r^%d = w(0) ~ N(0, 1)%n", depth + 1, depth, depth))
                .append("  df/dt = (1/P) K(t) Delta(t),  Delta = y - f,  f(0) = 0,\n")
                .append("  K(t) = ").append(ntk(depth)).append("  (entrywise, at (t, t))\n");
        s.append("Phi^0 =");
        for (double[] row : m.inputGram()) {
            s.append(" [");
            for (int j = 0; j < row.length; j++) {
                s.append(j > 0 ? ", " : "").append(ResidualLatex.number(row[j]));
            }
            s.append(']');
        }
        s.append('\n');
        s.append(m.linear()
                ? "sigma is linear: feynet dmft solves the deep-linear closed system (exact, no sampling).\n"
                : "sigma is not linear: feynet dmft samples each layer's single-neuron process.\n");
        s.append("The derivation, with the deep-linear system for L = ").append(depth)
                .append(": feynet latex FILE.\n");
        return s.toString();
    }

    /** G^1 Phi^0 + G^2 Phi^1 + ... + Phi^L. */
    private static String ntk(int depth) {
        StringBuilder s = new StringBuilder();
        for (int l = 0; l <= depth; l++) {
            s.append(l > 0 ? " + " : "").append(l == depth ? "" : "G^" + (l + 1) + " ").append("Phi^").append(l);
        }
        return s.toString();
    }
}
