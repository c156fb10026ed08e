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

    /**
     * sum_k weights[k] all[k], entry by entry (loss and alignment included: a linear extrapolation of each reported
     * quantity, not a recomputation from the combined f and K).
     */
    static Curves combination(java.util.List<Curves> all, double[] weights) {
        Curves first = all.get(0);
        int times = first.loss().length;
        int p = first.f()[0].length;
        double[] loss = new double[times];
        double[][] f = new double[times][p];
        double[][][] ntk = new double[times][p][p];
        double[] alignment = new double[times];
        for (int k = 0; k < all.size(); k++) {
            Curves c = all.get(k);
            double w = weights[k];
            for (int i = 0; i < times; i++) {
                loss[i] += w * c.loss()[i];
                alignment[i] += w * c.alignment()[i];
                for (int mu = 0; mu < p; mu++) {
                    f[i][mu] += w * c.f()[i][mu];
                    for (int nu = 0; nu < p; nu++) {
                        ntk[i][mu][nu] += w * c.ntk()[i][mu][nu];
                    }
                }
            }
        }
        return new Curves(loss, f, ntk, alignment);
    }

    /** |each entry|. */
    Curves absolute() {
        Curves c = combination(java.util.List.of(this), new double[] {1});
        for (int i = 0; i < c.loss().length; i++) {
            c.loss()[i] = Math.abs(c.loss()[i]);
            c.alignment()[i] = Math.abs(c.alignment()[i]);
            for (int mu = 0; mu < c.f()[i].length; mu++) {
                c.f()[i][mu] = Math.abs(c.f()[i][mu]);
                for (int nu = 0; nu < c.f()[i].length; nu++) {
                    c.ntk()[i][mu][nu] = Math.abs(c.ntk()[i][mu][nu]);
                }
            }
        }
        return c;
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
