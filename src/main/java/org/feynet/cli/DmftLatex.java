package org.feynet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.feynet.core.LatexPreamble;
import org.feynet.dmft.Dynamics;
import org.feynet.model.MeanFieldNetwork;
import org.feynet.model.TrainingProblem;

/**
 * The LaTeX document of a mean-field network with a train block (docs/METHOD.md, "Feature learning at infinite
 * width"): the network as written, gradient flow and the layer decomposition of the NTK, the generating functional
 * and the average over the initial weights, the DMFT action with its factor n, the saddle-point equations (the
 * single-neuron processes, the self-consistency of the kernels and responses, the output flow), what
 * {@code feynet dmft} solves on the time grid, and the deep-linear closed system written out for the file's depth.
 * The mathematics is the fixed text {@code dmft-derivation.tex}; the file's numbers and its depth-specific equations
 * are filled in here. The conventions are those of the solver in {@code org.feynet.dmft}: g^l = gamma0 n df/dh^l,
 * rate gamma0^2 n, loss (1/(2P)) sum (f - y)^2, responses with the quadrature weights included on the grid.
 */
final class DmftLatex {

    private static final String BODY = "dmft-derivation.tex";

    private DmftLatex() {}

    /**
     * The complete document.
     *
     * @param problem the train block with its network
     * @param source  the file's path as the user gave it
     * @param text    the file's text, quoted verbatim
     */
    static String document(TrainingProblem problem, String source, String text) {
        requireFinite(problem);
        MeanFieldNetwork m = problem.network();
        String title = "Feature learning at infinite width: the DMFT of \\texttt{" + LatexPreamble.escape(m.name())
                + "}";
        return LatexPreamble.of(title, "") + body()
                .replace("@@NETWORK@@", network(problem, source, text))
                .replace("@@SOLVER@@", solver(m, problem, Dynamics.responsesFor(problem, null)))
                .replace("@@LINEAR@@", linear(problem)) + "\n" + LatexPreamble.end();
    }

    /**
     * The numbers the document and {@code derive} print must be finite: an input Gram (or its multiple (L+1) Phi^0, or
     * gamma0/P) that overflows is numerical trouble, reported instead of printed.
     */
    static void requireFinite(TrainingProblem problem) {
        MeanFieldNetwork m = problem.network();
        boolean finite = Double.isFinite(m.gamma0() / m.samples());
        for (double[] row : m.inputGram()) {
            for (double entry : row) {
                finite &= Double.isFinite(entry * (m.depth() + 1));
            }
        }
        if (!finite) {
            throw new org.feynet.numerics.NumericalTrouble("the input Gram x.x/n0 of " + m.name()
                    + " (or a multiple of it) is not a finite number; scale the inputs down");
        }
    }

    /** The block as written and its numbers: L, sigma, gamma0, P, n0, T, the inputs, targets and Phi^0. */
    private static String network(TrainingProblem problem, String source, String text) {
        MeanFieldNetwork m = problem.network();
        StringBuilder s = new StringBuilder("From \\texttt{").append(LatexPreamble.escape(source)).append("}:\n")
                .append("{\\scriptsize\n\\begin{verbatim}\n").append(text.strip()).append("\n\\end{verbatim}\n}\n");
        s.append("A mean-field network of depth $L = ").append(m.depth()).append("$ with activation $\\sigma(z) = {}$")
                .append("\\texttt{").append(LatexPreamble.escape(m.activation().name())).append("}, ")
                .append("feature-learning strength $\\gamma_0 = ").append(ResidualLatex.number(m.gamma0()))
                .append("$, $P = ").append(m.samples()).append("$ samples of dimension $n_0 = ")
                .append(m.inputDimension()).append("$, trained by gradient flow for $0 \\le t \\le T = ")
                .append(ResidualLatex.number(problem.time())).append("$. The inputs (one row per sample), the")
                .append(" targets and the input Gram $\\Phi^0_{\\mu\\nu} = x_\\mu\\cdot x_\\nu/n_0$ are\n")
                .append("\\[\nx = ").append(matrix(m.inputs())).append(",\\qquad y = ")
                .append(matrix(column(problem.targets()))).append(",\\qquad \\Phi^0 = ").append(matrix(m.inputGram()))
                .append(".\n\\]\n");
        return s.toString();
    }

    /** The discretisation, the iteration and the layer solver feynet uses for this file, with its defaults. */
    private static String solver(MeanFieldNetwork m, TrainingProblem problem,
            org.feynet.dmft.ResponseEstimator responses) {
        Dynamics.Options d = Dynamics.Options.defaults();
        boolean stein = responses == org.feynet.dmft.ResponseEstimator.STEIN;
        int points = d.steps() + 1;
        StringBuilder s = new StringBuilder();
        s.append("Time is discretised on $t_k = kT/N$, $k = 0,\\dots,N$ ($N$ = \\texttt{--steps}, default ")
                .append(d.steps()).append(", a multiple of ").append(Dynamics.INTERVALS * 2)
                .append("), and a two-time kernel is a $D\\times D$ matrix on the index $(k,\\mu)$, $D = P(N+1)$ ($=")
                .append(m.samples() * points).append("$ here by default). Causal integrals use the trapezoid rule,")
                .append(" $\\int_0^{t_k}\\mathrm ds\\,F(s) \\approx \\sum_{j\\le k} w_{kj}F(t_j)$ with")
                .append(" $w_{kj} = \\Delta t/2$ at $j\\in\\{0,k\\}$, $\\Delta t$ in between, $w_{00} = 0$;")
                .append(" the discrete responses carry their weights, $\\tilde A^l = \\gamma_0 A^l w$ and")
                .append(" $\\tilde B^l = \\gamma_0 B^l w$, so that $\\tilde A^l = \\langle\\partial\\sigma(h^l)/")
                .append("\\partial r^l\\rangle$ and $\\tilde B^{l-1} = \\langle\\partial g^l/\\partial u^l\\rangle$")
                .append(" as matrix derivatives. The outputs follow (\\ref{eq:outputs}) by the implicit trapezoid")
                .append(" rule,\n\\begin{equation}\n")
                .append("\\Big(I + \\tfrac{\\Delta t}{2P}K(t_k)\\Big) f(t_k) = f(t_{k-1}) + \\tfrac{\\Delta t}{2P}")
                .append("\\big[K(t_{k-1})\\Delta(t_{k-1}) + K(t_k)\\,y\\big],\\qquad f(t_0) = 0.\n")
                .append("\\end{equation}\n");
        s.append("The saddle point is found by iteration from the lazy kernels ($\\gamma_0 = 0$): from the current")
                .append(" kernels, $K$ by (\\ref{eq:outputs}) and $f$, $\\Delta = y - f$ on the grid; then the layers")
                .append(" $l = 1,\\dots,L$ in turn, each driven by the newest $\\Phi^{l-1}$, $\\tilde A^{l-1}$ and")
                .append(" the previous $G^{l+1}$, $\\tilde B^l$, give new kernels and responses, which are mixed")
                .append(" with the old ones, $(1-\\beta)\\,\\text{old} + \\beta\\,\\text{new}$ ($\\beta$ =")
                .append(" \\texttt{--damping}, default ").append(ResidualLatex.number(d.damping()))
                .append("), until the largest change of a kernel entry (relative to the kernel's size) or of $f$")
                .append(" is below")
                .append(" \\texttt{--tolerance} (default $").append(scientific(d.tolerance())).append("$).")
                .append(" By default the mixing is accelerated (Anderson, type II, with a history of")
                .append(" \\texttt{--anderson} differences, default ").append(d.history()).append("; 0 is the plain")
                .append(" mixing): with $x$ the kernels and responses, $F(x)$ one sweep and $r_k = F(x_k) - x_k$,")
                .append(" $x_{k+1} = x_k + \\beta r_k - (\\Delta X + \\beta\\Delta R)\\gamma_k$ with")
                .append(" $\\gamma_k$ minimising $\\lVert r_k - \\Delta R\\gamma\\rVert_2$ over the last")
                .append(" differences of iterates ($\\Delta X$) and of residuals ($\\Delta R$); converged when $\\lvert F(x) - x\\rvert$ (kernels")
                .append(" and responses, relative) and the change of $f$ are below the tolerance. An iteration")
                .append(" that has not converged after half of the most iterations goes on by plain mixing, and")
                .append(" the mean of those iterates is reported.\n\n");
        if (m.linear()) {
            s.append("Here $\\sigma$ is the identity, so each layer's step is the closed system of the next")
                    .append(" section, solved exactly (no sampling; \\texttt{--sampling} forces the sampling")
                    .append(" solver instead).\n\n");
        } else {
            s.append("Here $\\sigma$ is not linear, and each layer's step samples its single-neuron process:")
                    .append(" a population of $m$ neurons (\\texttt{--population}, default ").append(d.population())
                    .append(") in each of \\texttt{--replicas} (default ").append(d.replicas())
                    .append(") independent replicas, with sources $u = F_u e_u$, $r = F_r e_r$, $F F^\\top$ the")
                    .append(" kernel and $e$ fixed standard normal vectors (the same in every iteration, whitened")
                    .append(" over the population). Each trajectory (\\ref{eq:h-process})--(\\ref{eq:z-process}) is")
                    .append(" integrated forward in time, the equal-time terms by fixed-point iteration; the kernels")
                    .append(" (\\ref{eq:self}) are population averages. ");
            if (stein) {
                s.append("The responses follow from Gaussian")
                        .append(" integration by parts in causal form (\\texttt{--responses stein}, the default for")
                        .append(" an activation that is odd up to a constant, or has a kink at depth 1): with $r = L_G e$,")
                        .append(" $L_G$ the Cholesky factor of")
                        .append(" $G^{l+1}$ (lower triangular in time), $\\langle\\sigma(h)e^\\top\\rangle =")
                        .append(" \\langle\\partial\\sigma(h)/\\partial r\\rangle L_G$, so $\\tilde A^l =")
                        .append(" \\langle\\sigma(h^l)e_r^\\top\\rangle L_G^{-1}$ and likewise $\\tilde B^{l-1}$")
                        .append(" from $g^l$ and $u^l$; the kernel gets a ridge of \\texttt{--ridge} (default $")
                        .append(scientific(d.ridge())).append("$) times its mean diagonal before it is factored.");
            } else if (responses == org.feynet.dmft.ResponseEstimator.SMOOTHED) {
                s.append("$\\sigma$ has kinks (it calls max or abs), whose $\\sigma''$ is a delta function that")
                        .append(" pathwise derivatives miss and whose iteration does not settle with integration by")
                        .append(" parts; the solution is the limit of smooth activations (\\texttt{--responses")
                        .append(" smoothed}, the default for a kinked $\\sigma$ at depth $L\\ge 2$, population ")
                        .append(Dynamics.defaultPopulation(problem)).append("): every $\\max(a, b)$ becomes")
                        .append(" $b + s_\\beta(a - b)$ and $\\lvert a\\rvert$ becomes $-a + s_\\beta(2a)$,")
                        .append(" $s_\\beta(x) = \\log(1 + e^{\\beta x})/\\beta$, each $\\beta = 8, 16, 32$ is")
                        .append(" solved with pathwise responses (each trajectory differentiated with respect to its")
                        .append(" sources, $s_\\beta''$ a peak of unit mass and width $1/\\beta$) and the same")
                        .append(" noise, and every quantity is extrapolated to $1/\\beta = 0$ by the quadratic in")
                        .append(" $1/\\beta$ through the three, $q_\\infty = \\tfrac13 q(8) - 2 q(16) +")
                        .append(" \\tfrac83 q(32)$, with the difference from $2q(32) - q(16)$ as its error.");
            } else {
                s.append("$\\sigma$ is smooth and has an even part, so the responses are pathwise derivatives")
                        .append(" (\\texttt{--responses pathwise}): each trajectory is differentiated with respect")
                        .append(" to its sources, $dh = du + M\\,dg$, $dz = dr + N\\sigma'(h)\\,dh$,")
                        .append(" $dg = \\sigma''(h)z\\,dh + \\sigma'(h)\\,dz$ ($M$, $N$ the operators of")
                        .append(" (\\ref{eq:h-process})--(\\ref{eq:z-process})), and $\\tilde A^l =")
                        .append(" \\langle\\partial\\sigma(h^l)/\\partial r^l\\rangle$,")
                        .append(" $\\tilde B^{l-1} = \\langle\\partial g^l/\\partial u^l\\rangle$ are their")
                        .append(" population averages; the sources are the kernels' symmetric roots times $e$,")
                        .append(" no ridge.");
            }
            s.append(" The Monte Carlo error is the standard error over the replicas.\n\n");
        }
        s.append("Besides the full solution \\texttt{feynet dmft} reports the static NTK ($f = (I -")
                .append(" e^{-K(0)t/P})y$ exactly), the gradient-independence approximation (the same iteration")
                .append(" with $\\tilde A = \\tilde B = 0$) and leading-order perturbation theory,")
                .append(" $K = K(0) + \\gamma_0^2 K_1(t)$, $f = f_0 + \\gamma_0^2 f_1$ with")
                .append(" $\\dot f_1 = \\frac1P(K_1\\Delta_0 - K(0) f_1)$, $f_1(0) = 0$, around the static-NTK")
                .append(" residuals $\\Delta_0$.\n");
        return s.toString();
    }

    /** The deep-linear closed system: general form, then written out layer by layer for this file's L. */
    private static String linear(TrainingProblem problem) {
        MeanFieldNetwork m = problem.network();
        int depth = m.depth();
        StringBuilder s = new StringBuilder();
        if (!m.linear()) {
            s.append("The activation of this file is not linear; for the same network with $\\sigma(h) = h$ the")
                    .append(" saddle point closes algebraically, as follows, and \\texttt{feynet dmft} solves these")
                    .append(" equations exactly for such a file.\n\n");
        }
        s.append("For $\\sigma(h) = h$ one has $g^l = z^l$, the processes (\\ref{eq:h-process})--")
                .append("(\\ref{eq:z-process}) are linear and the preactivation kernel")
                .append(" $H^l = \\langle h^l h^{l\\top}\\rangle$ is $\\Phi^l$. On the grid, with")
                .append(" $\\boldsymbol\\Phi^0_{(k\\mu),(j\\nu)} = \\Phi^0_{\\mu\\nu}$ (the input Gram at every pair")
                .append(" of times), $J_{(k\\mu),(j\\nu)} = 1$ ($G^{L+1}$), the drive operator")
                .append("\n\\begin{equation}\n")
                .append("Q[K]_{(k\\mu),(j\\nu)} = \\frac{\\gamma_0}{P}\\, w_{kj}\\,\\Delta_\\nu(t_j)\\,")
                .append("K_{(k\\mu),(j\\nu)}")
                .append(" = ").append(ResidualLatex.number(m.gamma0() / m.samples()))
                .append("\\, w_{kj}\\,\\Delta_\\nu(t_j)\\,K_{(k\\mu),(j\\nu)}\\quad (j\\le k),\n")
                .append("\\end{equation}\n$Q[K]_{(k\\mu),(j\\nu)} = 0$ for $j > k$ ")
                .append("(here $\\gamma_0/P = ").append(ResidualLatex.number(m.gamma0())).append("/")
                .append(m.samples()).append("$) and the layer operators\n\\begin{equation}\n")
                .append("M_l = \\tilde A^{l-1} + Q[\\Phi^{l-1}],\\quad N_l = \\tilde B^{l} + Q[G^{l+1}],\\quad")
                .append(" S^h_l = (I - M_lN_l)^{-1},\\quad S^z_l = (I - N_lM_l)^{-1} = I + N_l S^h_l M_l,\n")
                .append("\\end{equation}\n")
                .append("the process of layer $l$ is $h = u + M_l z$, $z = r + N_l h$, solved by")
                .append(" $h^l = S^h_l u^l + \\tilde A^l r^l$ and $z^l = S^z_l r^l + \\tilde B^{l-1} u^l$ with")
                .append(" $\\tilde A^l = S^h_l M_l$ and $\\tilde B^{l-1} = S^z_l N_l = N_l S^h_l$ (push-through).")
                .append(" Since $u^l$ and $r^l$ are independent the saddle-point equations")
                .append(" (\\ref{eq:self})--(\\ref{eq:response-saddle}) become matrix equations. For this file")
                .append(" ($L = ").append(depth).append("$):\n\\begin{align}\n");
        for (int l = 1; l <= depth; l++) {
            s.append(layer(l, depth));
        }
        s.append("K_{\\mu\\nu}(t_k) &= ").append(ntkSum(depth)).append("\\Big|_{(k\\mu),(k\\nu)}.\n")
                .append("\\end{align}\n");
        s.append("Every operator is causal (block lower triangular on the grid), so $S^h_l$ follows by block")
                .append(" forward substitution; the iteration of the previous section solves the system together")
                .append(" with the trapezoid flow of $f$. In the lazy limit $\\gamma_0\\to0$ every $M_l, N_l\\to0$,")
                .append(" so $\\Phi^l = \\boldsymbol\\Phi^0$, $G^l = J$ and the NTK is constant,\n\\[\n")
                .append("K(0) = (L+1)\\,\\Phi^0 = ").append(matrix(scaled(m.inputGram(), depth + 1)))
                .append(",\\qquad f(t) = \\big(I - e^{-K(0)t/P}\\big)\\,y .\n\\]\n");
        return s.toString();
    }

    /** The equations of layer l of the deep-linear system, boundary terms substituted. */
    private static String layer(int l, int depth) {
        String below = l == 1 ? "\\boldsymbol\\Phi^0" : "\\Phi^{" + (l - 1) + "}";
        String above = l == depth ? "J" : "G^{" + (l + 1) + "}";
        String m = (l == 1 ? "" : "\\tilde A^{" + (l - 1) + "} + ") + "Q[" + below + "]";
        String n = (l == depth ? "" : "\\tilde B^{" + l + "} + ") + "Q[" + above + "]";
        StringBuilder s = new StringBuilder();
        s.append(String.format("M_{%d} &= %s, & N_{%d} &= %s,\\\\\n", l, m, l, n));
        s.append(String.format("S^h_{%d} &= (I - M_{%d}N_{%d})^{-1}, & S^z_{%d} &= I + N_{%d}S^h_{%d}M_{%d},\\\\\n",
                l, l, l, l, l, l, l));
        s.append(String.format("\\Phi^{%d} &= S^h_{%d}\\big(%s + M_{%d}\\,%s\\,M_{%d}^\\top\\big)S^{h\\,\\top}_{%d},"
                + "\\\\\n", l, l, below, l, above, l, l));
        s.append(String.format("G^{%d} &= S^z_{%d}\\big(%s + N_{%d}\\,%s\\,N_{%d}^\\top\\big)S^{z\\,\\top}_{%d},"
                + "\\\\\n", l, l, above, l, below, l, l));
        if (l < depth || l > 1) {
            String a = l < depth ? String.format("\\tilde A^{%d} &= S^h_{%d} M_{%d}", l, l, l) : "";
            String b = l > 1 ? String.format("\\tilde B^{%d} &= N_{%d} S^h_{%d}", l - 1, l, l) : "";
            s.append(a).append(!a.isEmpty() && !b.isEmpty() ? ", & " : "").append(b).append(",\\\\\n");
        }
        return s.toString();
    }

    /** G^1 Phi^0 + G^2 Phi^1 + ... + J Phi^L, entrywise products, for depth L. */
    private static String ntkSum(int depth) {
        StringBuilder s = new StringBuilder("\\Big(");
        for (int l = 0; l <= depth; l++) {
            s.append(l > 0 ? " + " : "").append(l == depth ? "" : "G^{" + (l + 1) + "}\\odot ")
                    .append(l == 0 ? "\\boldsymbol\\Phi^0" : "\\Phi^{" + l + "}");
        }
        return s.append("\\Big)").toString();
    }

    private static String matrix(double[][] a) {
        StringBuilder s = new StringBuilder("\\begin{pmatrix}");
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s.append(j > 0 ? " & " : "").append(ResidualLatex.number(a[i][j]));
            }
            s.append(i + 1 < a.length ? " \\\\ " : "");
        }
        return s.append("\\end{pmatrix}").toString();
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    private static double[][] scaled(double[][] a, double factor) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                b[i][j] = factor * a[i][j];
            }
        }
        return b;
    }

    /** x as a LaTeX power of ten where it is one (1e-6 as 10^{-6}), otherwise as {@link ResidualLatex#number}. */
    private static String scientific(double x) {
        int exponent = (int) Math.round(Math.log10(x));
        double mantissa = x / Math.pow(10, exponent);
        if (Math.abs(exponent) < 3) {
            return ResidualLatex.number(x);
        }
        return (Math.abs(mantissa - 1) < 1e-12 ? "" : ResidualLatex.number(mantissa) + "\\times ")
                + "10^{" + exponent + "}";
    }

    private static String body() {
        try (InputStream in = DmftLatex.class.getResourceAsStream(BODY)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BODY);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
