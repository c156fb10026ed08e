package org.feynet.numerics;

import org.hipparchus.special.Erf;

/**
 * Activation jets for tests, derivatives built by hand-derived recursions (checked against finite
 * differences in TestJetsTest). Each fills out[0..out.length-1], any length up to 12.
 */
final class TestJets {

    private TestJets() {
    }

    static final int MAX = 12;

    /** tanh: sigma^(k) = P_k(t), t = tanh z, P_0 = t, P_{k+1}(t) = P_k'(t) (1 - t^2). */
    static final ActivationJet TANH = new ActivationJet() {
        private final double[][] poly = derivativePolynomials(new double[] {1, 0, -1});

        @Override
        public void derivatives(double z, double[] out) {
            double t = Math.tanh(z);
            for (int k = 0; k < out.length; k++) {
                out[k] = horner(poly[k], t);
            }
        }
    };

    /** logistic sigmoid s: s^(k) = Q_k(s), Q_0 = s, Q_{k+1}(s) = Q_k'(s) s (1 - s). */
    private static final double[][] SIGMOID_POLY = derivativePolynomials(new double[] {0, 1, -1});

    /** erf: sigma^(k) = (2/sqrt(pi)) (-1)^(k-1) H_{k-1}(z) e^{-z^2}, physicists' Hermite H. */
    static final ActivationJet ERF = (z, out) -> {
        out[0] = Erf.erf(z);
        double g = 2 / Math.sqrt(Math.PI) * Math.exp(-z * z);
        double hPrev = 0;
        double h = 1; // H_0
        for (int k = 1; k < out.length; k++) {
            int n = k - 1; // h = H_n
            out[k] = ((n % 2 == 0) ? 1 : -1) * h * g;
            double next = 2 * z * h - 2 * n * hPrev;
            hPrev = h;
            h = next;
        }
    };

    /** gelu z Phi(z): sigma^(k) = z Phi^(k) + k Phi^(k-1), Phi^(j) = (-1)^(j-1) He_{j-1}(z) phi(z). */
    static final ActivationJet GELU = (z, out) -> {
        double[] phi = new double[out.length + 1];
        phi[0] = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double dens = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        double hPrev = 0;
        double h = 1; // He_0
        for (int j = 1; j < phi.length; j++) {
            int n = j - 1;
            phi[j] = ((n % 2 == 0) ? 1 : -1) * h * dens;
            double next = z * h - n * hPrev;
            hPrev = h;
            h = next;
        }
        out[0] = z * phi[0];
        for (int k = 1; k < out.length; k++) {
            out[k] = z * phi[k] + k * phi[k - 1];
        }
    };

    /** swish z s(z): sigma^(k) = z s^(k) + k s^(k-1). */
    static final ActivationJet SWISH = (z, out) -> {
        double s = 1 / (1 + Math.exp(-z));
        double[] sd = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            sd[k] = horner(SIGMOID_POLY[k], s);
        }
        out[0] = z * s;
        for (int k = 1; k < out.length; k++) {
            out[k] = z * sd[k] + k * sd[k - 1];
        }
    };

    /** sin: sigma^(k) = sin(z + k pi/2). */
    static final ActivationJet SIN = (z, out) -> {
        double s = Math.sin(z);
        double c = Math.cos(z);
        for (int k = 0; k < out.length; k++) {
            switch (k % 4) {
                case 0: out[k] = s; break;
                case 1: out[k] = c; break;
                case 2: out[k] = -s; break;
                default: out[k] = -c; break;
            }
        }
    };

    /** linear: sigma = z. */
    static final ActivationJet LINEAR = (z, out) -> {
        java.util.Arrays.fill(out, 0.0);
        out[0] = z;
        if (out.length > 1) {
            out[1] = 1.0;
        }
    };

    /** P_0 = t, P_{k+1} = P_k' * factor, as coefficient arrays (lowest degree first). */
    static double[][] derivativePolynomials(double[] factor) {
        double[][] p = new double[MAX + 1][];
        p[0] = new double[] {0, 1};
        for (int k = 1; k <= MAX; k++) {
            double[] prev = p[k - 1];
            double[] der = new double[Math.max(1, prev.length - 1)];
            for (int i = 1; i < prev.length; i++) {
                der[i - 1] = i * prev[i];
            }
            double[] next = new double[der.length + factor.length - 1];
            for (int i = 0; i < der.length; i++) {
                for (int j = 0; j < factor.length; j++) {
                    next[i + j] += der[i] * factor[j];
                }
            }
            p[k] = next;
        }
        return p;
    }

    static double horner(double[] c, double t) {
        double v = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            v = v * t + c[i];
        }
        return v;
    }
}
