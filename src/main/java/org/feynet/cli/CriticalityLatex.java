package org.feynet.cli;

import java.util.Locale;
import java.util.OptionalDouble;
import org.feynet.core.LatexPreamble;
import org.feynet.model.MlpModel;
import org.feynet.numerics.Criticality;
import org.feynet.numerics.FiniteWidthDepth;
import org.feynet.numerics.UniversalityClass;

/**
 * The derivation behind {@code feynet criticality} as a complete LaTeX document: the kernel map and its fixed point,
 * the susceptibilities as Gaussian expectations (Price's theorem), the correlation map, the depths, the phase and the
 * universality class with its power laws, each with the network's numbers (PDLT chapter 5).
 */
final class CriticalityLatex {

    private CriticalityLatex() {}

    /**
     * With {@code finiteWidth} (may be null) also the section on the depths' 1/n corrections; for a weight-tied model
     * with {@code tiedRates} (may be null) the local rates step by step, the Markov-chain section then being that of
     * the same network with independent layers.
     */
    static String write(MlpModel model, String sigmaLatex, Criticality c, FiniteWidthDepth.Result finiteWidth,
                        java.util.List<org.feynet.numerics.TiedLocalRate> tiedRates, String source) {
        StringBuilder s = new StringBuilder(LatexPreamble.of("Criticality of " + LatexPreamble.escape(model.name()),
                LatexPreamble.escape(source)));
        s.append(String.format(Locale.ROOT, "Activation $\\sigma(z) = %s$, $C_b = %s$, $C_W = %s$, infinite width."
                + " Gaussian expectations are\n\\[ \\langle F \\rangle_K = \\int \\frac{dz\\, e^{-z^2/(2K)}}{\\sqrt{2\\pi K}}"
                + " F(z), \\qquad \\langle F \\rangle_{K, K_{12}} = \\mathbb{E}\\, F(u_1, u_2),\\ u \\sim \\mathcal{N}\\Big(0,"
                + " \\begin{pmatrix} K & K_{12} \\\\ K_{12} & K \\end{pmatrix}\\Big). \\]\n\n", sigmaLatex, num(model.cb()),
                num(model.cw())));
        s.append("\\section*{The kernel map and its fixed point}\n")
                .append("A single input's kernel obeys (PDLT eq.~5.1)\n\\[ K^{(\\ell+1)} = f(K^{(\\ell)}), \\qquad"
                        + " f(K) = C_b + C_W \\langle \\sigma(z)^2 \\rangle_K , \\]\n")
                .append("and a fixed point $K^\\star = f(K^\\star)$ is attractive when $|f'(K^\\star)| < 1$. ")
                .append(String.format(Locale.ROOT, "From $K^{(1)} = %s$ the kernel %s.\n\n", num(c.startKernel()),
                        flow(c)));
        s.append("\\section*{Susceptibilities}\n")
                .append("Writing $K^{(\\ell)} = K^\\star + \\delta K^{(\\ell)}$ for one input, and $\\delta\\delta K$ for the"
                        + " perpendicular perturbation of two nearby inputs, the linearised maps are $\\delta K^{(\\ell+1)} ="
                        + " \\chi_\\parallel \\delta K^{(\\ell)}$ and $\\delta\\delta K^{(\\ell+1)} = \\chi_\\perp \\delta\\delta"
                        + " K^{(\\ell)}$ (PDLT \\S5.1), with, by Price's theorem $\\partial_K \\langle F\\rangle_K = \\tfrac12"
                        + " \\langle F'' \\rangle_K$,\n")
                .append("\\begin{align*}\n\\chi_\\parallel &= f'(K^\\star) = \\frac{C_W}{2} \\big\\langle (\\sigma^2)''"
                        + " \\big\\rangle_{K^\\star} = C_W \\big\\langle \\sigma'(z)^2 + \\sigma(z) \\sigma''(z) \\big\\rangle_{K^\\star}"
                        + " &&= " + value(c.chiPar(), c, "chi_par") + ",\\\\\n")
                .append("\\chi_\\perp &= C_W \\big\\langle \\sigma'(z)^2 \\big\\rangle_{K^\\star} &&= "
                        + value(c.chiPerp(), c, "chi_perp") + ",\\\\\n")
                .append("\\lambda &= \\tfrac12 \\ln \\chi_\\perp &&= " + value(c.lyapunov(), c, "lyapunov") + ".\n")
                .append("\\end{align*}\n$\\lambda$ is the largest Lyapunov exponent per layer of the input-output map at"
                        + " the fixed point.\n\n");
        s.append("\\section*{Two inputs}\n")
                .append("With both inputs at $K^\\star$, the off-diagonal kernel obeys\n\\[ K_{12}^{(\\ell+1)} = C_b + C_W"
                        + " \\langle \\sigma(u_1) \\sigma(u_2) \\rangle_{K^\\star, K_{12}^{(\\ell)}}, \\qquad c = K_{12}/K^\\star ,"
                        + " \\]\nwhich always has the fixed point $c = 1$, with slope $\\chi_\\perp$. Its attractive fixed"
                        + " point and slope there are\n")
                .append("\\begin{align*}\nc^\\star &= " + value(c.cStar(), c, "c_star") + ", \\\\\n\\chi_c &= C_W \\langle"
                        + " \\sigma'(u_1) \\sigma'(u_2) \\rangle_{K^\\star, c^\\star K^\\star} &&= " + value(c.chiC(), c, "chi_c")
                        + ",\n\\end{align*}\n")
                .append("and perturbations decay as $\\chi^\\ell = e^{-\\ell/\\xi}$ over the correlation depths\n")
                .append("\\begin{align*}\n\\xi_\\parallel &= -1/\\ln \\chi_\\parallel &&= " + value(c.xiPar(), c, "xi_par")
                        + ", \\\\\n\\xi_c &= -1/\\ln \\chi_c &&= " + value(c.xiC(), c, "xi_c") + ".\n\\end{align*}\n\n");
        s.append("\\section*{Phase and universality class}\n")
                .append(String.format(Locale.ROOT, "The phase is \\emph{%s}: ordered for $\\chi_\\perp < 1$, chaotic for"
                        + " $\\chi_\\perp > 1$, critical for $|\\chi_\\perp - 1| \\le %s$.%s\n\n", c.phase().key(),
                        num(c.tolerance()), c.tunedToCriticality() ? " Both susceptibilities are 1: the network is tuned"
                                + " to criticality." : ""))
                .append(universality(c.universality()));
        if (tiedRates != null) {
            s.append(tied(tiedRates, c));
        }
        if (finiteWidth != null) {
            s.append(finiteWidth(finiteWidth));
        }
        return s.append(LatexPreamble.end()).toString();
    }

    /** The derivation of chi_1 (docs/METHOD.md, Correlation depth at finite width) with the network's numbers. */
    private static String finiteWidth(FiniteWidthDepth.Result r) {
        return "\\section*{Correlation depth at finite width}\n"
                + "At width $n$ the metric $\\hat G^{(\\ell)}$ is a Markov chain in $\\ell$. Its mean $\\bar K = K_0 +"
                + " K_1/n$ and its fluctuation $V/n = \\mathrm{Cov}(\\hat G, \\hat G)$ obey, to $O(1/n)$ (Taylor expansion"
                + " of $\\mathbb{E}\\, h(\\hat G)$; the third cumulant is $O(1/n^2)$), in the coordinates $g = (G_{ab})_{a"
                + " \\le b}$,\n\\begin{align*}\n\\bar K' &= h(\\bar K) + \\frac{1}{2n}\\, D^2 h(\\bar K) : V, &"
                + " h_{ab}(g) &= C_b + C_W \\langle \\sigma_a \\sigma_b \\rangle_g,\\\\\n"
                + "V' &= Dh\\, V\\, Dh^{T} + W(\\bar K), & W_{(ab)(cd)} &= C_W^2\\, \\mathrm{Cov}_g(\\sigma_a \\sigma_b,"
                + " \\sigma_c \\sigma_d),\n\\end{align*}\n"
                + "every derivative a Gaussian expectation by Price's theorem ($\\partial_{G_{aa}} = \\tfrac12 \\partial_a^2$,"
                + " $\\partial_{G_{ab}} = \\partial_a \\partial_b$). At $n = \\infty$ the Jacobian at the fixed point is block"
                + " triangular, with the eigenvalues $\\chi_\\parallel$, $\\chi_c$ of $Dh$ and their products in the $V$"
                + " block. A simple eigenvalue $\\chi$ of $Dh$ (left and right eigenvectors $u$, $v$) that is no such"
                + " product moves to $\\chi + \\chi_1/n$ with\n\\begin{align*}\n"
                + "\\chi_1 &= \\frac{u \\cdot \\big[ D^2h[g_1]\\, v + \\tfrac12 D^3h[v] : V^\\star + \\tfrac12 D^2h : v_V"
                + " \\big]}{u \\cdot v}, \\qquad (1 - Dh)\\, g_1 = \\tfrac12 D^2 h : V^\\star,\\\\\n"
                + "v_V &= (\\chi - Dh \\otimes Dh)^{-1} \\big[ D^2h[v]\\, V^\\star Dh^T + Dh\\, V^\\star D^2h[v]^T +"
                + " DW[v] \\big].\n\\end{align*}\n"
                + "For one input, with $f(K) = C_b + C_W \\langle\\sigma^2\\rangle_K$ and $w = C_W^2\\,"
                + " \\mathrm{Var}_K(\\sigma^2)$ at $K^\\star$,\n\\[ \\chi_{\\parallel,1} = f'' K_1^\\star + \\tfrac12 f'''"
                + " V^\\star + \\frac{f'' (2 \\chi_\\parallel f'' V^\\star + w')}{2 \\chi_\\parallel (1 - \\chi_\\parallel)},"
                + " \\quad V^\\star = \\frac{w}{1 - \\chi_\\parallel^2}, \\quad K_1^\\star = \\frac{f'' V^\\star}{2(1 -"
                + " \\chi_\\parallel)}. \\]\n"
                + "In terms of $K_0$ and $K_1$ the rates form a Jordan block: $K_1^{(\\ell)} - K_1^\\star \\simeq (B + A\\ell"
                + " \\chi_1/\\chi)\\chi^\\ell$ where $K_0^{(\\ell)} - K^\\star \\simeq A \\chi^\\ell$, the first-order"
                + " expansion of $(\\chi + \\chi_1/n)^\\ell$. The depths are $\\xi(n) = -1/\\ln|\\chi + \\chi_1/n| = \\xi"
                + " + \\xi_1/n + O(1/n^2)$, $\\xi_1 = \\chi_1/(\\chi \\ln^2|\\chi|)$. For this network\n"
                + "\\begin{align*}\n\\chi_{\\parallel,1} &= " + fw(r.chiPar1(), r, "chi_par_1") + ", & \\xi_{\\parallel,1} &= "
                + fw(r.xiPar1(), r, "xi_par_1") + ", & K_1^\\star &= " + fw(r.kStar1(), r, "chi_par_1") + ", & V^\\star &= "
                + fw(r.vStar(), r, "chi_par_1") + ",\\\\\n\\chi_{c,1} &= " + fw(r.chiC1(), r, "chi_c_1")
                + ", & \\xi_{c,1} &= " + fw(r.xiC1(), r, "xi_c_1") + ".\n\\end{align*}\n"
                + "At criticality ($\\chi = 1$) $\\xi$ is infinite and the approach is a power law; these formulas do not"
                + " apply there, and where $\\chi$ is degenerate or resonant the correction is not analytic in $1/n$.\n\n";
    }

    /** The weight-tied network's local rates (docs/METHOD.md; numerics.TiedLocalRate) with its numbers. */
    private static String tied(java.util.List<org.feynet.numerics.TiedLocalRate> rates, Criticality c) {
        StringBuilder s = new StringBuilder("\\section*{Weight-tied steps at finite width: the local rate}\n"
                + "With $W$ and $b$ shared by every step the kernel is not a Markov chain, and its $1/n$ correction $K_1(t)$"
                + " (collective-field route, one loop) does not settle at a fixed point, so there is no single rate"
                + " $\\chi + \\chi_1/n$. For one input with $K^{(1)} = " + num(c.startKernel()) + "$ and $K = K_0 + K_1/n$,"
                + " $D(t) = K(t) - K(t+1) = D_0 + D_1/n$, the local rate and the local correlation depth are\n"
                + "\\begin{align*}\nr(t) &= \\frac{D(t+1)}{D(t)} = r_0 + \\frac{r_1}{n}, & r_0 &= \\frac{D_0(t+1)}{D_0(t)},"
                + " & r_1 &= \\frac{D_1(t+1) - r_0 D_1(t)}{D_0(t)},\\\\\n\\xi(t) &= -\\frac{1}{\\ln|r(t)|} = \\xi_0 +"
                + " \\frac{\\xi_1}{n}, & \\xi_1 &= \\frac{r_1}{r_0 \\ln^2|r_0|}.\n\\end{align*}\n"
                + "For independent layers $r_1(t) \\to \\chi_{\\parallel,1}$ (next section); tied, it changes with $t$, the"
                + " $O(t/n)$ of the collective-field expansion. For this network (errors: the quasi-Monte Carlo's):\n"
                + "\\begin{center}\n\\begin{tabular}{rrrrr}\n$t$ & $r_0$ & $r_1$ & $\\xi_0$ & $\\xi_1$ \\\\ \\hline\n");
        for (org.feynet.numerics.TiedLocalRate r : rates) {
            s.append(String.format(Locale.ROOT, "%d & %s & $%s \\pm %s$ & %s & %s \\\\\n", r.step(), num(r.r0()),
                    num(r.r1()), String.format(Locale.ROOT, "%.2g", r.r1Error()),
                    Double.isNaN(r.xi0()) ? "--" : num(r.xi0()),
                    Double.isNaN(r.xi1()) ? "--" : "$" + num(r.xi1()) + " \\pm " + String.format(Locale.ROOT, "%.2g",
                            r.xi1Error()) + "$"));
        }
        return s.append("\\end{tabular}\n\\end{center}\n"
                + "The next section is the Markov-chain derivation for the same network with independent layers.\n\n")
                .toString();
    }

    private static String fw(OptionalDouble v, FiniteWidthDepth.Result r, String key) {
        return v.isPresent() ? num(v.getAsDouble())
                : "\\text{" + LatexPreamble.escape("undefined: " + r.notes().getOrDefault(key, "")) + "}";
    }

    private static String universality(UniversalityClass u) {
        if (u instanceof UniversalityClass.ScaleInvariant si) {
            return String.format(Locale.ROOT, "Scale-invariant class: $\\sigma(z) = %s z$ for $z>0$ and $%s z$ for $z<0$,"
                    + " so $f(K) = C_b + C_W A_2 K$ exactly with $A_2 = (p^2+q^2)/2 = %s$, and $\\chi_\\parallel = \\chi_\\perp"
                    + " = C_W A_2$ for every $K$. Criticality: $C_b = 0$, $C_W = 1/A_2 = %s$, where every $K$ is a fixed"
                    + " point. There the correlation obeys $\\epsilon' = \\epsilon - \\beta \\epsilon^{3/2} + O(\\epsilon^2)$,"
                    + " $\\epsilon = 1 - c$, $\\beta = 2\\sqrt2 (p-q)^2 / (3\\pi (p^2+q^2))$, hence %s\n\n", num(si.p()),
                    num(si.q()), num(si.a2()), num(si.criticalCw()), si.correlationAmplitude().map(a ->
                            String.format(Locale.ROOT, "$1 - c^{(\\ell)} \\simeq %s\\, \\ell^{-2}$.", num(a)))
                            .orElse("(as $p = q$) no flow of $c$ at all."));
        }
        if (u instanceof UniversalityClass.ZeroFixedPoint z) {
            return String.format(Locale.ROOT, "$K^\\star = 0$ class (PDLT \\S5.3.3): with $\\sigma_k = \\sigma^{(k)}(0)$,"
                    + "\n\\[ C_W \\langle \\sigma^2 \\rangle_K = C_W \\sigma_1^2 \\big[K + a_1 K^2 + O(K^3)\\big], \\quad"
                    + " C_W \\langle \\sigma'^2 \\rangle_K = C_W \\sigma_1^2 \\big[1 + b_1 K + O(K^2)\\big], \\]\n"
                    + "$a_1 = \\sigma_3/\\sigma_1 + \\tfrac34 (\\sigma_2/\\sigma_1)^2 = %s$, $b_1 = \\sigma_3/\\sigma_1 +"
                    + " (\\sigma_2/\\sigma_1)^2 = %s$. Criticality: $C_b = 0$, $C_W = 1/\\sigma_1^2 = %s$, where $K^{(\\ell)}"
                    + " \\simeq 1/((-a_1)\\ell) = %s/\\ell$ and perpendicular perturbations decay as $\\ell^{-p_\\perp}$,"
                    + " $p_\\perp = b_1/a_1 = %s$.\n\n", num(z.a1()), num(z.b1()), num(z.criticalCw()),
                    num(z.kernelAmplitude()), num(z.perpendicularExponent()));
        }
        return "No closed-form universality class: " + LatexPreamble.escape(((UniversalityClass.Other) u).reason())
                + ".\n\n";
    }

    private static String flow(Criticality c) {
        return switch (c.flow()) {
            case FIXED_POINT -> "flows to the attractive fixed point $K^\\star = " + num(c.kStar().getAsDouble()) + "$";
            case TO_ZERO -> "flows to $K^\\star = 0$; the susceptibilities below are the limits $K \\to 0$";
            case TO_INFINITY -> "grows without bound: there is no fixed point";
            case FIXED_LINE -> "does not move: every $K$ is a fixed point";
        };
    }

    private static String value(OptionalDouble v, Criticality c, String key) {
        if (v.isPresent()) {
            return num(v.getAsDouble());
        }
        return "\\text{" + LatexPreamble.escape("undefined: " + c.notes().getOrDefault(key, "")) + "}";
    }

    private static String num(double x) {
        String t = String.format(Locale.ROOT, "%.10g", x);
        if (t.contains("e")) {
            String[] parts = t.split("e");
            return parts[0].replaceAll("\\.?0+$", "") + " \\times 10^{" + Integer.parseInt(parts[1]) + "}";
        }
        return t.contains(".") ? t.replaceAll("\\.?0+$", "") : t;
    }
}
