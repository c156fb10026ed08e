package org.feynet.numerics;

/** Integer powers by repeated multiplication, as the generated activation derivatives use them. */
public final class Powers {

    private Powers() {}

    /** x^k for an integer k: |k| multiplications, then a reciprocal for negative k. */
    public static double ipow(double x, int k) {
        double r = 1.0;
        for (int i = 0; i < Math.abs(k); i++) {
            r *= x;
        }
        return k >= 0 ? r : 1.0 / r;
    }
}
