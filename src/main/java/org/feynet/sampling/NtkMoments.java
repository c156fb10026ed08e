package org.feynet.sampling;

/**
 * The running moments the NTK estimators need, per layer, over a set of networks (samples flattened u = a P + b):
 * <ul>
 *   <li>means and co-moments ({@link Moments}) of the 3 P^2 entries Ghat_u, Theta_{11;u}, Theta_{22;u}, the blocks
 *       {@link #METRIC}, {@link #NTK_11}, {@link #NTK_22};</li>
 *   <li>means of the per-network products whose expectation is wanted directly, each averaged with its image
 *       under the exchange of neurons 1 and 2 (using Theta_{21;ab} = Theta_{12;ba}):
 *       X_{uv} = (Theta_{12;u} Theta_{12;v} + Theta_{21;u} Theta_{21;v}) / 2 and
 *       Y_{u;cd} = (Theta_{12;u} z_{1;c} z_{2;d} + Theta_{21;u} z_{2;c} z_{1;d}) / 2.</li>
 * </ul>
 * Means are updated as Welford's and merged with weights count / total, like {@link Moments}.
 */
final class NtkMoments {

    static final int METRIC = 0;
    static final int NTK_11 = 1;
    static final int NTK_22 = 2;

    private final int inputs;
    private final int pairs;
    private final Moments linear;
    private final double[][] productMean;
    private final double[][] entries;
    private long count;

    NtkMoments(int depth, int inputs) {
        this.inputs = inputs;
        this.pairs = inputs * inputs;
        this.linear = Moments.withEntries(depth, 3 * pairs);
        this.productMean = new double[depth][2 * pairs * pairs];
        this.entries = new double[depth][3 * pairs];
    }

    /** Adds one network. */
    void add(NtkObservation x) {
        count++;
        for (int t = 0; t < entries.length; t++) {
            System.arraycopy(x.metric[t], 0, entries[t], METRIC * pairs, pairs);
            System.arraycopy(x.ntk[t][0], 0, entries[t], NTK_11 * pairs, pairs);
            System.arraycopy(x.ntk[t][3], 0, entries[t], NTK_22 * pairs, pairs);
            addProducts(productMean[t], x.ntk[t][1], x.ntk[t][2], x.preactivation[t]);
        }
        linear.add(entries);
    }

    private void addProducts(double[] mean, double[] theta12, double[] theta21, double[][] z) {
        int offset = pairs * pairs;
        for (int u = 0; u < pairs; u++) {
            for (int v = 0; v < pairs; v++) {
                double off = (theta12[u] * theta12[v] + theta21[u] * theta21[v]) / 2;
                mean[u * pairs + v] += (off - mean[u * pairs + v]) / count;
                int c = v / inputs;
                int d = v % inputs;
                double mixed = (theta12[u] * z[0][c] * z[1][d] + theta21[u] * z[1][c] * z[0][d]) / 2;
                mean[offset + u * pairs + v] += (mixed - mean[offset + u * pairs + v]) / count;
            }
        }
    }

    /** Adds all networks of {@code other}. */
    void absorb(NtkMoments other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        for (int t = 0; t < productMean.length; t++) {
            double[] m = productMean[t];
            for (int w = 0; w < m.length; w++) {
                m[w] += (other.productMean[t][w] - m[w]) * other.count / total;
            }
        }
        linear.absorb(other.linear);
        count = total;
    }

    /** The sample mean of entry u of a block at layer index t (from 0). */
    double mean(int t, int block, int u) {
        return linear.mean(t, block * pairs + u);
    }

    /** The unbiased sample covariance of entry u of {@code block} and entry v of {@code other} at layer index t. */
    double covariance(int t, int block, int u, int other, int v) {
        return linear.covariance(t, block * pairs + u, other * pairs + v);
    }

    /** The sample mean of X_{uv}, the pooled Theta_{12;u} Theta_{12;v}. */
    double offDiagonalProduct(int t, int u, int v) {
        return productMean[t][u * pairs + v];
    }

    /** The sample mean of Y_{u;cd}, the pooled Theta_{12;u} z_{1;c} z_{2;d}. */
    double preactivationProduct(int t, int u, int c, int d) {
        return productMean[t][pairs * pairs + u * pairs + c * inputs + d];
    }
}
