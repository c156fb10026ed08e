package org.feynet.dmft;

/**
 * Quantities over the report times: the loss (1/(2P)) |f - y|^2, the outputs f_mu, the NTK K_{mu nu} and the
 * kernel-target alignment y^T K y / (||K||_F ||y||^2), each [time] first.
 */
public record Curves(double[] loss, double[][] f, double[][][] ntk, double[] alignment) {

    /** The curves of outputs {@code f} and NTK {@code ntk} at grid points {@code indices}. */
    static Curves of(double[][] f, double[][][] ntk, int[] indices, double[] y) {
        int count = indices.length;
        double[] loss = new double[count];
        double[][] fs = new double[count][];
        double[][][] ks = new double[count][][];
        double[] alignment = new double[count];
        for (int i = 0; i < count; i++) {
            fs[i] = f[indices[i]].clone();
            ks[i] = Dense.copy(ntk[indices[i]]);
            loss[i] = loss(fs[i], y);
            alignment[i] = alignment(ks[i], y);
        }
        return new Curves(loss, fs, ks, alignment);
    }

    static double loss(double[] f, double[] y) {
        double sum = 0;
        for (int mu = 0; mu < y.length; mu++) {
            sum += (f[mu] - y[mu]) * (f[mu] - y[mu]);
        }
        return sum / (2 * y.length);
    }

    /** y^T K y / (||K||_F ||y||^2). */
    public static double alignment(double[][] k, double[] y) {
        double quadratic = 0;
        double frobenius = 0;
        double norm = 0;
        for (int mu = 0; mu < y.length; mu++) {
            norm += y[mu] * y[mu];
            for (int nu = 0; nu < y.length; nu++) {
                quadratic += y[mu] * k[mu][nu] * y[nu];
                frobenius += k[mu][nu] * k[mu][nu];
            }
        }
        return quadratic / (Math.sqrt(frobenius) * norm);
    }
}
