package org.feynet.numerics;

import java.util.Optional;
import org.feynet.model.Activation;

/**
 * The universality class of an activation at criticality and the power laws that come with it (PDLT section 5.3).
 * Two classes have closed forms:
 * <ul>
 * <li>{@link ScaleInvariant}: sigma(z) = p z for z &gt; 0 and q z for z &lt; 0 (relu, leaky relu, abs, linear).</li>
 * <li>{@link ZeroFixedPoint}: the K* = 0 class, sigma(0) = 0, sigma'(0) != 0 and a1 &lt; 0 (tanh, erf, sin).</li>
 * </ul>
 * Any other activation (gelu, swish, sigmoid, ...) is {@link Other}: its critical points, if any, are found
 * numerically, without a closed-form power law.
 */
public sealed interface UniversalityClass {

    /** "scale-invariant", "K*=0" or "none". */
    String label();

    /**
     * Scale-invariant activations. With A2 = (p^2 + q^2)/2 the kernel map is exactly f(K) = Cb + Cw A2 K, so
     * chi_par = chi_perp = Cw A2 for every K, and criticality is Cb = 0, Cw = 1/A2, where every K is a fixed point
     * (the kernel does not flow: exponent 0). Writing sigma = ((p+q)/2) z + ((p-q)/2) |z| and using
     * E|u1||u2| = (2/pi) K (sqrt(1 - c^2) + c arcsin c), the normalised correlation map at Cb = 0 is
     * <pre>
     *   c' = [ (p+q)^2/4 c + (p-q)^2/4 (2/pi)(sqrt(1-c^2) + c arcsin c) ] / A2,
     * </pre>
     * whose expansion at eps = 1 - c is eps' = eps - beta eps^(3/2) + O(eps^2), beta = 2 sqrt 2 (p-q)^2 / (3 pi
     * (p^2 + q^2)). Hence 1 - c^(l) ~ (4/beta^2) l^(-2): correlation exponent 2, amplitude 4/beta^2 (9 pi^2/2 for
     * relu, PDLT section 5.2). For p = q (linear) the correlation does not move: no exponent.
     */
    record ScaleInvariant(double p, double q) implements UniversalityClass {
        @Override
        public String label() {
            return "scale-invariant";
        }

        /** A2 = (p^2 + q^2)/2 = &lt;sigma^2&gt;_K / K. */
        public double a2() {
            return 0.5 * (p * p + q * q);
        }

        /** The critical weight variance 1/A2 (at Cb = 0). */
        public double criticalCw() {
            return 1.0 / a2();
        }

        /** beta of the correlation map's expansion, 0 for linear activations. */
        public double beta() {
            return 2.0 * Math.sqrt(2.0) * (p - q) * (p - q) / (3.0 * Math.PI * (p * p + q * q));
        }

        /** The exponent of 1 - c^(l) ~ A l^(-2) at criticality: 2, or empty when p = q (c is constant). */
        public Optional<Double> correlationExponent() {
            return p == q ? Optional.empty() : Optional.of(2.0);
        }

        /** The amplitude 4/beta^2 of 1 - c^(l) ~ amplitude / l^2; empty when p = q. */
        public Optional<Double> correlationAmplitude() {
            return p == q ? Optional.empty() : Optional.of(4.0 / (beta() * beta()));
        }
    }

    /**
     * The K* = 0 class (PDLT section 5.3.3). With sigma_k = sigma^(k)(0), the expansions at small K are
     * <pre>
     *   Cw &lt;sigma^2&gt;_K    = Cw sigma_1^2 [ K + a1 K^2 + O(K^3) ],   a1 = sigma_3/sigma_1 + (3/4)(sigma_2/sigma_1)^2,
     *   Cw &lt;sigma'^2&gt;_K   = Cw sigma_1^2 [ 1 + b1 K + O(K^2) ],     b1 = sigma_3/sigma_1 + (sigma_2/sigma_1)^2,
     * </pre>
     * (from sigma = sigma_1 z + sigma_2 z^2/2 + sigma_3 z^3/6 + ..., E z^2 = K, E z^4 = 3K^2). Criticality is Cb = 0,
     * Cw = 1/sigma_1^2; there K^(l+1) = K^(l) + a1 (K^(l))^2 + ..., so for a1 &lt; 0 the kernel decays as a power law,
     * K^(l) ~ 1/((-a1) l) (exponent 1), chi_par^(l) = 1 + 2 a1 K^(l) ~ 1 - 2/l, and chi_perp^(l) = 1 + b1 K^(l) ~
     * 1 - p_perp/l with p_perp = b1/a1, the exponent of the decay l^(-p_perp) of a perpendicular perturbation.
     * tanh: a1 = b1 = -2; erf (sigma_1 = 2/sqrt(pi), sigma_3 = -4/sqrt(pi)): a1 = b1 = -2; sin: a1 = b1 = -1.
     */
    record ZeroFixedPoint(double sigma1, double sigma2, double sigma3) implements UniversalityClass {
        @Override
        public String label() {
            return "K*=0";
        }

        public double a1() {
            return sigma3 / sigma1 + 0.75 * (sigma2 / sigma1) * (sigma2 / sigma1);
        }

        public double b1() {
            return sigma3 / sigma1 + (sigma2 / sigma1) * (sigma2 / sigma1);
        }

        /** The critical weight variance 1/sigma_1^2 (at Cb = 0). */
        public double criticalCw() {
            return 1.0 / (sigma1 * sigma1);
        }

        /** The amplitude of K^(l) ~ amplitude / l at criticality: 1/(-a1). */
        public double kernelAmplitude() {
            return -1.0 / a1();
        }

        /** p_perp = b1/a1. */
        public double perpendicularExponent() {
            return b1() / a1();
        }
    }

    /** No closed-form class. */
    record Other(String reason) implements UniversalityClass {
        @Override
        public String label() {
            return "none";
        }
    }

    /**
     * The class of an activation: scale-invariant by {@link Activation#scaleInvariantSlopes}, else the K* = 0 class
     * when the jet at 0 has sigma(0) = 0, sigma'(0) != 0 and a1 &lt; 0, else {@link Other}.
     */
    static UniversalityClass of(Activation activation, ActivationJet jet) {
        Optional<double[]> slopes = activation.scaleInvariantSlopes();
        if (slopes.isPresent()) {
            return new ScaleInvariant(slopes.get()[0], slopes.get()[1]);
        }
        if (activation.closedForm() == Activation.ClosedForm.RELU || org.feynet.model.ScalarExpr.hasKink(
                activation.expression())) {
            return new Other("a kink that is not scale invariant");
        }
        double[] d = new double[9];
        jet.derivatives(0.0, d);
        if (Math.abs(d[0]) > 1e-14) {
            return new Other("sigma(0) != 0, so K = 0 is not a fixed point at Cb = 0");
        }
        if (Math.abs(d[1]) < 1e-14) {
            return new Other("sigma'(0) = 0");
        }
        ZeroFixedPoint zero = new ZeroFixedPoint(d[1], d[2], d[3]);
        if (!(zero.a1() < 0)) {
            return new Other("a1 = " + zero.a1() + " >= 0: the kernel does not decay to K* = 0 at Cw sigma'(0)^2 = 1"
                    + " (half-stable, PDLT section 5.3.4)");
        }
        return zero;
    }
}
