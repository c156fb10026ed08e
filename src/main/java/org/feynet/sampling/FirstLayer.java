package org.feynet.sampling;

import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;
import org.feynet.numerics.PivotedCholesky;

/** How the first-layer preactivations z^(1)_{i;a} of one network are drawn. */
interface FirstLayer {

    /** Fills z[a][i], a = 0..P-1, i = 0..n-1, with a fresh draw of z^(1). */
    void draw(Normals rng, double[][] z);

    static FirstLayer of(MlpModel model) {
        InputSpec input = model.input();
        if (input instanceof InputSpec.Vectors v) {
            return new FromVectors(v.x(), model.cb(), model.cw());
        }
        return new FromGram(PivotedCholesky.of("first-layer metric K^(1)", model.firstLayerMetric()).root());
    }

    /**
     * {@code input gram K}: the z^(1)_{i;.} are iid N(0, K) over neurons i (PDLT eq. 4.4 at layer 1), drawn as
     * z_{i;a} = sum_k R_{ak} g_{ik} with K = R R^T the pivoted Cholesky root ({@link PivotedCholesky#root}, of
     * rank r &lt;= P, so singular kernels are drawn exactly) and g_{ik} iid N(0, 1).
     */
    final class FromGram implements FirstLayer {
        private final double[][] root;
        private final double[] g;

        FromGram(double[][] root) {
            this.root = root;
            this.g = new double[root.length == 0 ? 0 : root[0].length];
        }

        @Override
        public void draw(Normals rng, double[][] z) {
            int n = z[0].length;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < g.length; k++) {
                    g[k] = rng.nextGaussian();
                }
                for (int a = 0; a < z.length; a++) {
                    double sum = 0;
                    for (int k = 0; k < g.length; k++) {
                        sum += root[a][k] * g[k];
                    }
                    z[a][i] = sum;
                }
            }
        }
    }

    /**
     * {@code input x}: z^(1)_{i;a} = b_i + sum_k W_{ik} x_{a;k} with explicit draws b_i ~ N(0, Cb) and
     * W_{ik} ~ N(0, Cw/n0), n0 the input dimension (PDLT eq. 2.5 with the first-layer variance of section 4.1).
     */
    final class FromVectors implements FirstLayer {
        private final double[][] x;
        private final double biasScale;
        private final double weightScale;
        private final double[] w;

        FromVectors(double[][] x, double cb, double cw) {
            this.x = x;
            this.biasScale = Math.sqrt(cb);
            this.weightScale = Math.sqrt(cw / x[0].length);
            this.w = new double[x[0].length];
        }

        @Override
        public void draw(Normals rng, double[][] z) {
            int n = z[0].length;
            for (int i = 0; i < n; i++) {
                double bias = biasScale * rng.nextGaussian();
                for (int k = 0; k < w.length; k++) {
                    w[k] = rng.nextGaussian();
                }
                for (int a = 0; a < z.length; a++) {
                    double sum = 0;
                    for (int k = 0; k < w.length; k++) {
                        sum += w[k] * x[a][k];
                    }
                    z[a][i] = bias + weightScale * sum;
                }
            }
        }
    }
}
