package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feynet.codegen.Evaluators;
import org.feynet.core.LatexPreamble;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.numerics.FiniteFeatureCorrection;
import org.feynet.numerics.FourierResidualFiniteWidth;
import org.feynet.numerics.FourierResidualKernels;
import org.feynet.numerics.FourierResidualNtk;
import org.feynet.numerics.FourierResidualKernels.MaskAverage;

/**
 * derive, latex and eval of a Fourier-feature residual network (docs/METHOD.md, "Fourier-feature residual
 * networks"): the infinite-width recursions of the stream kernel and the stream NTK per mask pattern, their exact
 * average over the 2^L patterns, and their values on the file's inputs; eval adds the 1/n corrections of the NNGP
 * ({@link FourierResidualFiniteWidth}) and, when the file asks for {@code derive ntk to order 1/n}, of the mean NTK
 * ({@link FourierResidualNtk}), both at m = infinity, and with a finite m the 1/m correction of the output kernels.
 */
final class FourierCommands {

    static final String NOT_DERIVED = "not derived yet for this architecture: the covariances between different"
            + " entries at order 1/n (n Cov(G_ab, G_cd) for (a,b) != (c,d), which needs four inputs at once) and the"
            + " NTK's own 1/n fluctuations";

    private FourierCommands() {}

    static String describe(FourierResidualNetwork net) {
        return String.format(Locale.ROOT, "%s: Fourier-feature residual network, L = %d blocks, activation %s,"
                        + " Cb = %s, Cw = %s, lambda_b = %s, lambda_W = %s, keep p = %s, Fourier s = %s, m = %s, P = %d,"
                        + " alpha = %s", net.name(), net.depth(), net.activation().name(), net.cb(), net.cw(),
                net.rates().lambdaB(), net.rates().lambdaW(), net.keep(), net.features().scale(),
                net.features().infinite() ? "infinite" : Integer.toString(net.features().count()), net.samples(),
                java.util.Arrays.toString(net.alpha()));
    }

    static final String RECURSIONS = """
            Infinite width, one mask pattern (m_l = 1 if block l is kept, 0 if not; m_l^2 = m_l), with
            S[K]_ab = <sigma_a sigma_b>_K, D[K]_ab = <sigma'_a sigma'_b>_K, G_ab = exp(-2 pi^2 s^2 |x_a - x_b|^2):
              K^(0) = G,            K^(l+1) = K^(l) + alpha_l^2 m_l (Cb + Cw S[K^(l)])
              Theta^(0) = G,        Theta^(l+1) = Theta^(l) + alpha_l^2 m_l (lambda_b + lambda_W S[K^(l)] + Cw D[K^(l)] o Theta^(l))
              NNGP = S[K^(L)],      NTK = S[K^(L)] + D[K^(L)] o Theta^(L)            (o: elementwise product)
            Mask average (exact, over the 2^L patterns, P(m) = p^k (1-p)^(L-k), k kept blocks):
              E[NTK] = sum_m P(m) NTK(m),   Var_m[NTK_ab] = sum_m P(m) (NTK_ab(m) - E[NTK_ab])^2
            1/n correction of the NNGP (m = infinity): per pattern the network is the residual network z[0] ~ N(0, G),
            eps = (alpha_l, l kept); with G^(L) = (1/n) sigma(z^(L)).sigma(z^(L)) and the exact residual route,
              E[f_a f_b] = E[G^(L)_ab] = NNGP_ab + nngp_1_ab / n + O(1/n^2),   E_m[...] linear in each pattern's values
            1/n correction of the mean NTK (m = infinity; with 'derive ntk to order 1/n'): two copies A, B of the network
            share the masks, every parameter (prior variance v, rate rho) has Var = v + eta rho/2 in each copy and
            Cov = v - eta rho/2 across them; by Price's theorem, at every width,
              E[NTK_ab] = d/d eta [E f_a(A) f_b(A) - E f_a(A) f_b(B)] at eta = 0,
            and the pair of copies is the residual network above on the samples (x_a in A, x_b in B) with pair couplings
              Cov(xi_A, xi_B | l) = (Cb - eta lambda_b/2) + (Cw - eta lambda_W/2) G^(l)_AB,   Cov(z0_A, z0_B) = (1 - eta/2) G_ab,
            so the exact residual route gives both output covariances to O(1/n); the limit eta -> 0 is a polynomial
            extrapolation through eta = h, 2h, 3h (a != b) or h .. 4h (a = b):
              E[NTK_ab] = NTK_ab + ntk_1_ab / n + O(1/n^2)
            and the mask variance of the pattern means, Var_m[E(NTK_ab | m)] = Var_m[NTK_ab] + 2 Cov_m(NTK_ab(m), ntk_1_ab(m)) / n
            """;

    static final String LATEX = """
            \\begin{align}
            K^{(0)}_{ab} &= \\Theta^{(0)}_{ab} = G_{ab} = e^{-2\\pi^2 s^2 |x_a - x_b|^2}, \\\\
            K^{(\\ell+1)}_{ab} &= K^{(\\ell)}_{ab} + \\alpha_\\ell^2 m_\\ell \\big(C_b + C_W \\langle\\sigma_a\\sigma_b\\rangle_{K^{(\\ell)}}\\big), \\\\
            \\Theta^{(\\ell+1)}_{ab} &= \\Theta^{(\\ell)}_{ab} + \\alpha_\\ell^2 m_\\ell \\big(\\lambda_b + \\lambda_W \\langle\\sigma_a\\sigma_b\\rangle_{K^{(\\ell)}}
              + C_W \\langle\\sigma'_a\\sigma'_b\\rangle_{K^{(\\ell)}} \\Theta^{(\\ell)}_{ab}\\big), \\\\
            \\mathrm{NNGP}_{ab} &= \\langle\\sigma_a\\sigma_b\\rangle_{K^{(L)}}, \\qquad
            \\Theta_{ab} = \\langle\\sigma_a\\sigma_b\\rangle_{K^{(L)}} + \\langle\\sigma'_a\\sigma'_b\\rangle_{K^{(L)}} \\Theta^{(L)}_{ab}, \\\\
            \\mathbb{E}_m[\\Theta_{ab}] &= \\sum_{m \\in \\{0,1\\}^L} p^{|m|}(1-p)^{L-|m|}\\, \\Theta_{ab}(m), \\qquad
            \\mathrm{Var}_m[\\Theta_{ab}] = \\mathbb{E}_m\\big[(\\Theta_{ab} - \\mathbb{E}_m\\Theta_{ab})^2\\big].
            \\end{align}
            """;

    /** The 1/n correction of the NNGP, as {@link FourierResidualFiniteWidth} computes it. */
    static final String FINITE_WIDTH_LATEX = """
            With the Fourier features at $m = \\infty$, $z^{(0)} = W^{(0)} \\gamma(x)$ is exactly Gaussian with covariance
            $G$ at every width, and for a fixed mask pattern $m$ the network is the residual network
            $z^{(\\ell+1)} = z^{(\\ell)} + \\varepsilon_\\ell \\big(b^{(\\ell+1)} + W^{(\\ell+1)} \\sigma(z^{(\\ell)})\\big)$ over the kept
            blocks, $\\varepsilon_\\ell = \\alpha_\\ell$, with the same $C_b$, $C_W$. The readout $w \\sim \\mathcal{N}(0, 1)$ is independent
            of the stream, so with $\\hat G^{(L)}_{ab} = \\frac{1}{n}\\sum_i \\sigma(z^{(L)}_{i;a})\\sigma(z^{(L)}_{i;b})$
            \\begin{align}
            \\mathbb{E}[f_a f_b \\mid m] &= \\mathbb{E}[\\hat G^{(L)}_{ab} \\mid m]
              = \\mathrm{NNGP}_{ab}(m) + \\frac{1}{n}\\,\\frac{K^{(L)}_{1,ab}(m)}{C_W} + O(n^{-2}), \\\\
            n\\,\\mathrm{Cov}\\big(\\hat G^{(L)}_{ab}, \\hat G^{(L)}_{cd} \\mid m\\big) &= \\frac{V^{(L)}_{(ab)(cd)}(m)}{C_W^2} + O(n^{-1}), \\qquad
            \\mathbb{E}[f_a f_b] = \\sum_{m} p^{|m|}(1-p)^{L-|m|}\\, \\mathbb{E}[f_a f_b \\mid m],
            \\end{align}
            where $K_1$ and $V$ are the $1/n$ mean shift and the fluctuation of the metric $C_b + C_W \\hat G^{(L)}$ from the
            exact $O(1/n)$ residual route (the one-point function of the stream's empirical measure and its fluctuation
            covariance; see \\texttt{feynet latex} of a residual network). Patterns with equal kept-$\\alpha$ sequences
            share one evaluation, and the route is causal, so a prefix is read off a longer run. \\texttt{feynet eval
            --json} gives $\\sum_m P(m) K_1(m)/C_W$ as \\texttt{nngp\\_1} and the mask-averaged $V/C_W^2$ of the
            diagonal entries as \\texttt{nngp\\_var}.
            """;

    /** The 1/n correction of the mean NTK, as {@link FourierResidualNtk} computes it. */
    static final String NTK_LATEX = """
            Let the two copies $A$ and $B$ of the network share the masks and draw every trained parameter $\\theta_i$
            (prior variance $v_i$, learning rate $\\rho_i$: $1$ for $W^{(0)}$ and $w$, $\\lambda_b$ for the biases,
            $\\lambda_W/n$ for the hidden weights) jointly Gaussian with $\\mathrm{Var}\\,\\theta^A_i = \\mathrm{Var}\\,\\theta^B_i
            = v_i + \\eta\\rho_i/2$ and $\\mathrm{Cov}(\\theta^A_i, \\theta^B_i) = v_i - \\eta\\rho_i/2$. Price's theorem
            ($\\partial_{C}\\,\\mathbb{E}\\,g = \\mathbb{E}\\,\\partial_x\\partial_y g$ for the covariance $C$ of a Gaussian pair,
            $\\tfrac12\\mathbb{E}\\,\\partial_x^2 g$ for a variance) gives, at every width,
            \\begin{equation}
            \\mathbb{E}\\,\\Theta_{ab} = \\sum_i \\rho_i\\, \\mathbb{E}\\Big[\\frac{\\partial f_a}{\\partial\\theta_i}\\frac{\\partial f_b}{\\partial\\theta_i}\\Big]
              = \\frac{d}{d\\eta}\\Big(\\mathbb{E}\\big[f_a(\\theta^A) f_b(\\theta^A)\\big] - \\mathbb{E}\\big[f_a(\\theta^A) f_b(\\theta^B)\\big]\\Big)\\Big|_{\\eta = 0}.
            \\end{equation}
            Neuron $i$ of the pair carries $(z^{A}_{i;a}, z^{B}_{i;b})$: the rows of $z^{(0)}$ are iid with
            $\\mathrm{Cov}(z^A, z^B) = (1 - \\eta/2) G_{ab}$, and given layer $\\ell$ the increments are iid with
            $\\mathrm{Cov}(\\xi^A, \\xi^B) = (C_b - \\eta\\lambda_b/2) + (C_W - \\eta\\lambda_W/2)\\, \\hat G^{(\\ell)}_{AB}$, so the pair
            is the residual network of the previous section on two samples with pair-dependent $C_b$, $C_W$ (the exact
            route holds for any such couplings), and $\\mathbb{E}[f_a(\\theta^A) f_b(\\theta^B)] = (1 - \\eta/2)\\,
            \\mathbb{E}\\,\\hat G^{(L)}_{AB}$ to $O(1/n)$. The limit $\\eta \\to 0$ of the difference quotient is the polynomial
            through $\\eta = h, 2h, 3h$ ($a \\ne b$, $h = 2\\cdot 10^{-3}$) or $h, \\ldots, 4h$ ($a = b$, $h = 10^{-3}$,
            nearly identical copies, quadrature grids turned against the eigenvectors), order by order in $1/n$:
            \\begin{equation}
            \\mathbb{E}\\,\\Theta_{ab} = \\Theta_{ab} + \\frac{1}{n}\\,\\Theta^{\\{1\\}}_{ab} + O(n^{-2}), \\qquad
            \\mathbb{E}_m\\big[\\mathbb{E}\\,\\Theta_{ab}\\big] = \\sum_m p^{|m|}(1-p)^{L-|m|}\\, \\mathbb{E}[\\Theta_{ab} \\mid m].
            \\end{equation}
            At infinite width this reproduces the recursion of the first section. The mask variance of the pattern's
            mean NTK is $\\mathrm{Var}_m[\\Theta_{ab}(m)] + \\frac{2}{n}\\mathrm{Cov}_m\\big(\\Theta_{ab}(m), \\Theta^{\\{1\\}}_{ab}(m)\\big)
            + O(n^{-2})$. \\texttt{feynet eval --json} gives $\\Theta^{\\{1\\}}$ as \\texttt{ntk\\_1}, its extrapolation error as
            \\texttt{ntk\\_1\\_error} and the $1/n$ coefficient of the mask variance as \\texttt{ntk\\_mask\\_var\\_1}.
            """;

    static int derive(FourierResidualNetwork net, PrintWriter out) {
        out.print(describe(net) + "\n\n" + RECURSIONS + "\nLaTeX:\n" + LATEX + "\n" + NOT_DERIVED + "\n");
        return 0;
    }

    static int latex(FourierResidualNetwork net, String source, String text, Path output, PrintWriter out) {
        StringBuilder s = new StringBuilder(LatexPreamble.of("feynet: infinite-width kernels of \\texttt{"
                + LatexPreamble.escape(net.name()) + "}", ""));
        s.append("\\section{Model}\nFrom \\texttt{").append(LatexPreamble.escape(source)).append("}:\n")
                .append("\\begin{verbatim}\n").append(text.strip()).append("\n\\end{verbatim}\n");
        s.append("\\section{Infinite width}\nFor one mask pattern $m \\in \\{0,1\\}^L$ ($m_\\ell = 1$ when block $\\ell$"
                + " is kept), with brackets the Gaussian expectations over $z \\sim \\mathcal{N}(0, K)$:\n");
        s.append(LATEX);
        s.append("The cross term between the skip path and $W^{(\\ell+1)}$ is of order $n^{-1/2}$ with mean zero and"
                + " vanishes at infinite width.\n");
        s.append("\\section{Finite width: the NNGP to order $1/n$}\n").append(FINITE_WIDTH_LATEX);
        s.append("\\section{Finite width: the mean NTK to order $1/n$}\n").append(NTK_LATEX);
        s.append("\\section{Not derived yet}\n").append(LatexPreamble.escape(NOT_DERIVED)).append(".\n");
        s.append(LatexPreamble.end());
        Path file = output != null ? output : Path.of(net.name() + ".tex");
        AtomicFiles.write(file, s.toString());
        out.println("wrote " + file);
        return 0;
    }

    static int eval(FourierResidualNetwork net, PrintWriter out, boolean json, boolean progress) {
        MaskAverage average = FourierResidualKernels.maskAverage(net, net.inputs());
        FourierResidualNtk.Ntk ntk = finiteWidthNtk(net, progress);
        if (json) {
            out.println(json(net, average, ntk));
            return 0;
        }
        StringBuilder s = new StringBuilder(describe(net)).append("\n\n");
        s.append("Mask-averaged stream kernels (infinite width), entries (1,1) and (1,2):\n");
        s.append(String.format(Locale.ROOT, "%5s %12s %12s %12s %12s%n", "l", "K_11", "K_12", "Theta_11", "Theta_12"));
        double[][][] k = average.stream();
        double[][][] t = average.streamNtk();
        int b = Math.min(1, net.samples() - 1);
        for (int l = 0; l < k.length; l++) {
            s.append(String.format(Locale.ROOT, "%5d %12.6f %12.6f %12.6f %12.6f%n", l, k[l][0][0], k[l][0][b],
                    t[l][0][0], t[l][0][b]));
        }
        s.append(String.format(Locale.ROOT, "output: NNGP_11 = %.6f, NTK_11 = %.6f, mask variance of NTK_11 = %.6f%n",
                average.nngp()[0][0], average.ntk()[0][0], average.ntkMaskVariance()[0][0]));
        if (!net.features().infinite()) {
            FiniteFeatureCorrection.Correction c = FiniteFeatureCorrection.of(net, net.inputs());
            int m = net.features().count();
            s.append(String.format(Locale.ROOT, "finite m = %d (second-order delta method): E_B[NTK_12] = %.6f + %.6f/m"
                    + " = %.6f%n", m, average.ntk()[0][b], c.ntk()[0][b], average.ntk()[0][b] + c.ntk()[0][b] / m));
        }
        FourierResidualFiniteWidth.Pairwise finite = FourierResidualFiniteWidth.pairwise(net, net.inputs(),
                Evaluators.residual(Closure.EXACT));
        s.append(String.format(Locale.ROOT, "finite n (m = infinity, exact residual route): E[f_1 f_1] = %.6f %+.6f/n,"
                + " E[f_1 f_2] = %.6f %+.6f/n; n Var(G_11 | mask) = %.6f%n", finite.nngp0()[0][0],
                finite.nngp1()[0][0], finite.nngp0()[0][b], finite.nngp1()[0][b], finite.variance()[0][0]));
        if (ntk != null) {
            s.append(String.format(Locale.ROOT, "finite n (m = infinity, coupled copies on the exact route): E[NTK_11] ="
                    + " %.6f %+.6f/n (+- %.1e), E[NTK_12] = %.6f %+.6f/n (+- %.1e)%n", ntk.ntk0()[0][0],
                    ntk.ntk1()[0][0], ntk.error()[0][0], ntk.ntk0()[0][b], ntk.ntk1()[0][b], ntk.error()[0][b]));
            s.append(String.format(Locale.ROOT, "  mask variance of the pattern's mean NTK: Var_m[NTK_11] = %.6f %+.6f/n%n",
                    ntk.maskVariance0()[0][0], ntk.maskVariance1()[0][0]));
        } else {
            s.append("the 1/n correction of the NTK: ask for it with 'derive ntk to order 1/n'\n");
        }
        s.append(NOT_DERIVED).append("\n(--json for every entry)\n");
        out.print(s);
        return 0;
    }

    private static double[][] plus(double[][] a, double[][] b, double scale) {
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = a[i][j] + scale * b[i][j];
            }
        }
        return out;
    }

    /**
     * The mean NTK to order 1/n when the file asks for it ({@code derive ntk to order 1/n}), else null; progress on
     * stderr over the P(P+1)/2 entries.
     */
    static FourierResidualNtk.Ntk finiteWidthNtk(FourierResidualNetwork net, boolean progress) {
        if (net.order() < 1) {
            return null;
        }
        int total = FourierResidualNtk.distinctEntries(net, net.inputs());
        try (Progress bar = Progress.start("1/n NTK of " + net.name(), total, progress)) {
            return FourierResidualNtk.of(net, net.inputs(), Evaluators.residual(Closure.EXACT), bar::stepTo);
        }
    }

    static String json(FourierResidualNetwork net, MaskAverage average, FourierResidualNtk.Ntk ntk) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", net.name());
        root.put("architecture", "fourier_residual");
        root.put("depth", net.depth());
        root.put("keep", net.keep());
        root.put("order", ntk == null ? 0 : 1);
        List<Map<String, Object>> layers = new ArrayList<>();
        double[][][] k = average.stream();
        double[][][] t = average.streamNtk();
        for (int l = 0; l < k.length; l++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l);
            layer.put("K0", k[l]);
            layer.put("ntk", t[l]);
            layers.add(layer);
        }
        root.put("layers", layers);
        root.put("nngp", average.nngp());
        root.put("ntk", average.ntk());
        root.put("ntk_mask_var", average.ntkMaskVariance());
        FourierResidualFiniteWidth.Pairwise finiteWidth = FourierResidualFiniteWidth.pairwise(net, net.inputs(),
                Evaluators.residual(Closure.EXACT));
        root.put("nngp_1", finiteWidth.nngp1());
        root.put("nngp_var", finiteWidth.variance());
        if (ntk != null) {
            root.put("ntk_1", ntk.ntk1());
            root.put("ntk_1_error", ntk.error());
            root.put("ntk_mask_var_1", ntk.maskVariance1());
        }
        if (!net.features().infinite()) {
            int m = net.features().count();
            FiniteFeatureCorrection.Correction c = FiniteFeatureCorrection.of(net, net.inputs());
            Map<String, Object> finite = new LinkedHashMap<>();
            finite.put("m", m);
            finite.put("nngp_coefficient", c.nngp());
            finite.put("ntk_coefficient", c.ntk());
            finite.put("nngp", plus(average.nngp(), c.nngp(), 1.0 / m));
            finite.put("ntk", plus(average.ntk(), c.ntk(), 1.0 / m));
            root.put("finite_m", finite);
        }
        root.put("not_derived", NOT_DERIVED);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
