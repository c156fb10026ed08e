package org.feynet.sampling;

/**
 * Running first and second moments of a fixed number of real entries per layer over a set of networks (for the
 * metric sampler the P^2 entries Ghat_{ab}, flattened u = a P + b): the mean of every entry x_u and the co-moment
 * sum_k (x_u - mean_u)(x_v - mean_v). Updated one network at a time by Welford's algorithm and combined across
 * sets by the pairwise formula of Chan, Golub and LeVeque (1979), both stable against the cancellation of the
 * textbook sum-of-squares formula.
 */
final class Moments {

    private final int size;
    private long count;
    private final double[][] mean;
    private final double[][] comoment;
    private final double[] delta;

    private Moments(int layers, int size) {
        this.size = size;
        this.mean = new double[layers][size];
        this.comoment = new double[layers][size * size];
        this.delta = new double[size];
    }

    /** Empty moments of {@code size} entries in each of {@code layers} layers (P^2 for the metric). */
    static Moments withEntries(int layers, int size) {
        return new Moments(layers, size);
    }

    long count() {
        return count;
    }

    /** Adds one network's entries, x[l][u]. */
    void add(double[][] x) {
        count++;
        for (int l = 0; l < mean.length; l++) {
            double[] m = mean[l];
            double[] c = comoment[l];
            double[] xl = x[l];
            for (int u = 0; u < size; u++) {
                delta[u] = xl[u] - m[u];
                m[u] += delta[u] / count;
            }
            for (int u = 0; u < size; u++) {
                for (int v = 0; v < size; v++) {
                    c[u * size + v] += delta[u] * (xl[v] - m[v]);
                }
            }
        }
    }

    /** Adds all networks of {@code other}. */
    void absorb(Moments other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        double weight = (double) count * other.count / total;
        for (int l = 0; l < mean.length; l++) {
            double[] m = mean[l];
            double[] c = comoment[l];
            for (int u = 0; u < size; u++) {
                delta[u] = other.mean[l][u] - m[u];
            }
            for (int u = 0; u < size; u++) {
                for (int v = 0; v < size; v++) {
                    c[u * size + v] += other.comoment[l][u * size + v] + delta[u] * delta[v] * weight;
                }
                m[u] += delta[u] * other.count / total;
            }
        }
        count = total;
    }

    /** The sample mean of entry u at layer index l (from 0). */
    double mean(int l, int u) {
        return mean[l][u];
    }

    /** The unbiased sample covariance of entries u and v at layer index l: co-moment / (count - 1). */
    double covariance(int l, int u, int v) {
        return comoment[l][u * size + v] / (count - 1);
    }
}
