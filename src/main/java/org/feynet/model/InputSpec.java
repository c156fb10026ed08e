package org.feynet.model;

/** How a network's inputs are given: directly as the first-layer metric, or as raw vectors. */
public sealed interface InputSpec {

    /** The number of inputs P. */
    int count();

    /**
     * The first-layer metric K^(1)_{ab}. For raw vectors this is Cb + (Cw/n0) x_a . x_b (PDLT eq. 4.8 with
     * first-layer weight variance Cw/n0); for a gram it is the gram itself.
     */
    double[][] firstLayerMetric(double cb, double cw);

    /** {@code input gram [[...]]}: the metric K^(1) of the first layer, P x P, symmetric positive semidefinite. */
    record Gram(double[][] metric) implements InputSpec {
        public Gram {
            metric = Matrices.copy(metric);
        }

        @Override
        public double[][] metric() {
            return Matrices.copy(metric);
        }

        @Override
        public int count() {
            return metric.length;
        }

        @Override
        public double[][] firstLayerMetric(double cb, double cw) {
            return Matrices.copy(metric);
        }
    }

    /** {@code input x = [[...], ...]}: P raw input vectors of dimension n0 feeding {@code z[1] = b[1] + W[1] . x}. */
    record Vectors(double[][] x) implements InputSpec {
        public Vectors {
            x = Matrices.copy(x);
        }

        @Override
        public double[][] x() {
            return Matrices.copy(x);
        }

        public int dimension() {
            return x[0].length;
        }

        @Override
        public int count() {
            return x.length;
        }

        @Override
        public double[][] firstLayerMetric(double cb, double cw) {
            int p = x.length;
            int n0 = x[0].length;
            double[][] k = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double dot = 0;
                    for (int i = 0; i < n0; i++) {
                        dot += x[a][i] * x[b][i];
                    }
                    k[a][b] = cb + cw * dot / n0;
                }
            }
            return k;
        }
    }
}
