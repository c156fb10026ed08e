package org.feynet.model;

/** Small helpers for the dense matrices stored in model values. */
public final class Matrices {

    private Matrices() {}

    /** A deep copy of a rectangular matrix. */
    public static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
