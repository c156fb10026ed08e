package org.feynet.numerics;

/**
 * Two-point functions E[sigma(z_1) sigma(z_2)] in closed form, for z ~ N(0, [[k11, k12], [k12, k22]]):
 * the infinite-width kernel maps of docs/VALIDATION.md (K0^(l+1) = Cb + Cw * these), exact to rounding.
 *
 * <p>Arguments must be finite with k11, k22 >= 0 and k12^2 <= k11 k22 (within a relative 1e-10; the
 * correlation is then clamped to [-1, 1]); otherwise {@link NumericalTrouble}.
 */
public final class ClosedFormKernels {

    private ClosedFormKernels() {
    }

    /**
     * ReLU, the arc-cosine kernel of degree 1 (Cho &amp; Saul 2009, eq. 6):
     * sqrt(k11 k22) / (2 pi) (sin t + (pi - t) cos t), cos t = k12 / sqrt(k11 k22); zero if a variance is 0.
     */
    public static double relu(double k11, double k12, double k22) {
        double rho = correlation(k11, k12, k22);
        if (k11 == 0.0 || k22 == 0.0) {
            return 0.0;
        }
        double t = Math.acos(rho);
        return Math.sqrt(k11 * k22) / (2 * Math.PI) * (Math.sqrt((1 - rho) * (1 + rho)) + (Math.PI - t) * rho);
    }

    /** erf, the arcsine kernel (Williams 1997): (2/pi) asin( 2 k12 / sqrt((1 + 2 k11)(1 + 2 k22)) ). */
    public static double erf(double k11, double k12, double k22) {
        correlation(k11, k12, k22);
        return 2 / Math.PI * Math.asin(2 * k12 / Math.sqrt((1 + 2 * k11) * (1 + 2 * k22)));
    }

    /** sin: E[sin z1 sin z2] = exp(-(k11 + k22)/2) sinh(k12) (from E[cos(w.z)] = exp(-w^T K w / 2)). */
    public static double sin(double k11, double k12, double k22) {
        correlation(k11, k12, k22);
        return Math.exp(-0.5 * (k11 + k22)) * Math.sinh(k12);
    }

    /** linear: E[z1 z2] = k12. */
    public static double linear(double k11, double k12, double k22) {
        correlation(k11, k12, k22);
        return k12;
    }

    /** The correlation k12 / sqrt(k11 k22), clamped to [-1, 1] (0 when a variance vanishes). */
    static double correlation(double k11, double k12, double k22) {
        if (!Double.isFinite(k11) || !Double.isFinite(k12) || !Double.isFinite(k22)) {
            throw new NumericalTrouble("kernel entries must be finite: " + k11 + ", " + k12 + ", " + k22);
        }
        if (k11 < 0 || k22 < 0) {
            throw new NumericalTrouble("negative variance: k11 = " + k11 + ", k22 = " + k22);
        }
        double prod = k11 * k22;
        if (k12 * k12 > prod * (1 + 1e-10) + Double.MIN_NORMAL) {
            throw new NumericalTrouble("kernel is not positive semidefinite: k12^2 = " + k12 * k12
                + " > k11 k22 = " + prod);
        }
        if (prod == 0.0) {
            return 0.0;
        }
        return Math.max(-1.0, Math.min(1.0, k12 / Math.sqrt(prod)));
    }
}
