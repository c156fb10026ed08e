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
import org.feynet.numerics.FourierResidualKernels.MaskAverage;

/**
 * derive, latex and eval of a Fourier-feature residual network (docs/METHOD.md, "Fourier-feature residual
 * networks"): the infinite-width recursions of the stream kernel and the stream NTK per mask pattern, their exact
 * average over the 2^L patterns, and their values on the file's inputs; eval adds the 1/n correction of the NNGP at
 * m = infinity ({@link FourierResidualFiniteWidth}) and, with a finite m, the 1/m correction of the output kernels.
 * The 1/n correction of the NTK is not derived yet; every output says so.
 */
final class FourierCommands {

    static final String NOT_DERIVED = "not derived yet for this architecture: the 1/n correction of the NTK (the NTK"
            + " values are infinite width; eval gives the 1/n correction of the NNGP, and with a finite m the 1/m"
            + " correction of the output kernels)";

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
        s.append("\\section{Not derived yet}\n").append(LatexPreamble.escape(NOT_DERIVED)).append(".\n");
        s.append(LatexPreamble.end());
        Path file = output != null ? output : Path.of(net.name() + ".tex");
        AtomicFiles.write(file, s.toString());
        out.println("wrote " + file);
        return 0;
    }

    static int eval(FourierResidualNetwork net, PrintWriter out, boolean json) {
        MaskAverage average = FourierResidualKernels.maskAverage(net, net.inputs());
        if (json) {
            out.println(json(net, average));
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

    static String json(FourierResidualNetwork net, MaskAverage average) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", net.name());
        root.put("architecture", "fourier_residual");
        root.put("depth", net.depth());
        root.put("keep", net.keep());
        root.put("order", 0);
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
