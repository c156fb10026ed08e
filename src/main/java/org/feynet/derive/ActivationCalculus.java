package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.ScalarExpr;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The symbolic side of an activation: sigma(z) in Symja, its derivatives sigma^(k)(z) for k = 0..{@value #JET_ORDER}
 * (taken one at a time, since Symja 3.0.0's {@code D[f,{z,k}]} recurses without end on tanh and erf), and, for the
 * activations that have one, the closed form of the two-point function g(K_aa, K_bb, K_ab) = &lt;sigma_a sigma_b&gt;:
 * <ul>
 *   <li>ReLU: the arc-cosine kernel (Cho and Saul 2009), sqrt(K_aa K_bb) (sin t + (pi - t) cos t) / (2 pi),
 *       cos t = K_ab / sqrt(K_aa K_bb);</li>
 *   <li>erf: the arcsine kernel (Williams 1997), (2/pi) arcsin(2 K_ab / sqrt((1 + 2 K_aa)(1 + 2 K_bb)));</li>
 *   <li>sin: exp(-(K_aa + K_bb)/2) sinh(K_ab);</li>
 *   <li>linear: K_ab.</li>
 * </ul>
 */
public final class ActivationCalculus {

    /** The highest derivative emitted for evaluators: order 1/n^2 needs eight (two V4 blobs on one sample). */
    public static final int JET_ORDER = 8;

    private final Activation activation;
    private final String sigma;
    private List<IExpr> derivatives;

    public ActivationCalculus(Activation activation) {
        this.activation = activation;
        this.sigma = SymjaForm.of(activation.expression());
    }

    public Activation activation() {
        return activation;
    }

    /** True when the expression has a kink other than a plain ReLU (abs, max): its derivatives carry deltas. */
    public boolean hasUnsupportedKink() {
        return activation.closedForm() != ClosedForm.RELU && ScalarExpr.hasKink(activation.expression());
    }

    /** sigma^(k)(z) for k = 0..JET_ORDER, simplified by Symja. Not available for ReLU (distributions). */
    public synchronized List<IExpr> derivatives() {
        if (derivatives == null) {
            List<IExpr> out = new ArrayList<>();
            IExpr current = Symja.eval(sigma);
            out.add(current);
            for (int k = 1; k <= JET_ORDER; k++) {
                current = Symja.eval("D[" + current + ",z]");
                out.add(current);
            }
            derivatives = List.copyOf(out);
        }
        return derivatives;
    }

    /** sigma(z) itself, as Symja evaluates it. */
    public IExpr value() {
        return Symja.eval(sigma);
    }

    /** sigma(z) in LaTeX. */
    public String latex() {
        return Symja.tex(sigma);
    }

    /** The closed-form two-point function in Symja syntax, in the symbols Kaa, Kbb, Kab; empty if none. */
    public java.util.Optional<String> twoPointClosedForm() {
        return switch (activation.closedForm()) {
            case RELU -> java.util.Optional.of("Sqrt[Kaa*Kbb]*(Sqrt[1-Kab^2/(Kaa*Kbb)]"
                    + "+(Pi-ArcCos[Kab/Sqrt[Kaa*Kbb]])*Kab/Sqrt[Kaa*Kbb])/(2*Pi)");
            case ERF -> java.util.Optional.of("2/Pi*ArcSin[2*Kab/Sqrt[(1+2*Kaa)*(1+2*Kbb)]]");
            case SIN -> java.util.Optional.of("Exp[-(Kaa+Kbb)/2]*Sinh[Kab]");
            case LINEAR -> java.util.Optional.of("Kab");
            case NONE -> java.util.Optional.empty();
        };
    }

    /** The closed-form one-sample function &lt;sigma_a^2&gt; in the symbol Kaa; empty if none. */
    public java.util.Optional<String> diagonalClosedForm() {
        return switch (activation.closedForm()) {
            case RELU -> java.util.Optional.of("Kaa/2");
            case ERF -> java.util.Optional.of("2/Pi*ArcSin[2*Kaa/(1+2*Kaa)]");
            case SIN -> java.util.Optional.of("Exp[-Kaa]*Sinh[Kaa]");
            case LINEAR -> java.util.Optional.of("Kaa");
            case NONE -> java.util.Optional.empty();
        };
    }

    /** The closed-form two-point function in LaTeX (requires one). */
    public String twoPointLatex() {
        return kernelSubscripts(Symja.tex(twoPointClosedForm().orElseThrow()));
    }

    /** The closed-form one-sample function in LaTeX (requires one). */
    public String diagonalLatex() {
        return kernelSubscripts(Symja.tex(diagonalClosedForm().orElseThrow()));
    }

    /** Kaa -> K_{aa} in Symja's TeX output. */
    private static String kernelSubscripts(String tex) {
        return tex.replace("Kaa", "K_{aa}").replace("Kbb", "K_{bb}").replace("Kab", "K_{ab}");
    }

    /**
     * A kernel derivative of the closed form in LaTeX, simplified by Symja: by Price's theorem
     * &lt;d_{c1} d_{d1} ... (sigma_a sigma_b)&gt; = prod (1 + delta_{c d}) d^r g / dK_{c1 d1} ...
     *
     * @param variables the kernel entries to differentiate by, each one of "Kaa", "Kbb", "Kab"
     */
    public String closedFormDerivativeLatex(List<String> variables) {
        String g = twoPointClosedForm().orElseThrow();
        StringBuilder d = new StringBuilder(g);
        int factor = 1;
        for (String v : variables) {
            d.insert(0, "D[").append(',').append(v).append(']');
            factor *= v.equals("Kab") ? 1 : 2;
        }
        return kernelSubscripts(Symja.tex("Simplify[" + factor + "*" + d + "]"));
    }
}
