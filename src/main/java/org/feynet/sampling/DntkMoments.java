package org.feynet.sampling;

/**
 * Running means of the per-network values of {@link DntkObservation} over a set of networks, per layer and
 * statistic; updated as Welford's, mean += (x - mean) / count, and merged with weights count / total like
 * {@link Moments}.
 */
final class DntkMoments {

    private final double[][][] mean;
    private long count;

    DntkMoments(int depth, int statistics, int inputs) {
        this.mean = new double[depth][statistics][inputs * inputs * inputs * inputs];
    }

    /** Adds one network. */
    void add(DntkObservation x) {
        count++;
        for (int t = 0; t < mean.length; t++) {
            for (int s = 0; s < mean[t].length; s++) {
                double[] m = mean[t][s];
                double[] v = x.values[t][s];
                for (int u = 0; u < m.length; u++) {
                    m[u] += (v[u] - m[u]) / count;
                }
            }
        }
    }

    /** Adds all networks of {@code other}. */
    void absorb(DntkMoments other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        for (int t = 0; t < mean.length; t++) {
            for (int s = 0; s < mean[t].length; s++) {
                double[] m = mean[t][s];
                double[] o = other.mean[t][s];
                for (int u = 0; u < m.length; u++) {
                    m[u] += (o[u] - m[u]) * other.count / total;
                }
            }
        }
        count = total;
    }

    /** The sample mean of entry u of statistic s at layer index t. */
    double mean(int t, int s, int u) {
        return mean[t][s][u];
    }
}
