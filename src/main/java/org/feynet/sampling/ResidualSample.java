package org.feynet.sampling;

/**
 * Sampled statistics of a residual network at one width, per layer l = 0..L and kernel (0: the stream kernel R,
 * 1: the metric Cb + Cw G): the mean of every entry with its standard error, and n times the covariance of every
 * pair of entries with its standard error, estimated as sqrt(Var[(x - xbar)(y - ybar)] / N) (the delta method;
 * the estimator's O(1/N) bias is below it).
 *
 * @param width     n
 * @param networks  N
 * @param mean      [l][kernel][a][b]
 * @param meanError [l][kernel][a][b]
 * @param v4        [l][kernel][a][b][c][d], n Cov
 * @param v4Error   the standard error of v4
 */
public record ResidualSample(int width, int networks, double[][][][] mean, double[][][][] meanError,
                             double[][][][][][] v4, double[][][][][][] v4Error) {

    static ResidualSample of(int width, int p, int depth, int entries, double[][][] records) {
        int networks = records.length;
        int m = p * (p + 1) / 2;
        double[][][][] mean = new double[depth + 1][2][p][p];
        double[][][][] meanError = new double[depth + 1][2][p][p];
        double[][][][][][] v4 = new double[depth + 1][2][p][p][p][p];
        double[][][][][][] v4Error = new double[depth + 1][2][p][p][p][p];
        int[][] pairs = new int[m][];
        int u0 = 0;
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                pairs[u0++] = new int[] {a, b};
            }
        }
        for (int l = 0; l <= depth; l++) {
            double[] mu = new double[entries];
            for (double[][] r : records) {
                for (int u = 0; u < entries; u++) {
                    mu[u] += r[l][u];
                }
            }
            for (int u = 0; u < entries; u++) {
                mu[u] /= networks;
            }
            for (int kernel = 0; kernel < 2; kernel++) {
                for (int x = 0; x < m; x++) {
                    int u = kernel * m + x;
                    double var = 0;
                    for (double[][] r : records) {
                        double d = r[l][u] - mu[u];
                        var += d * d;
                    }
                    var /= networks - 1;
                    int a = pairs[x][0];
                    int b = pairs[x][1];
                    mean[l][kernel][a][b] = mu[u];
                    mean[l][kernel][b][a] = mu[u];
                    meanError[l][kernel][a][b] = Math.sqrt(var / networks);
                    meanError[l][kernel][b][a] = meanError[l][kernel][a][b];
                    for (int y = 0; y < m; y++) {
                        int v = kernel * m + y;
                        double s = 0;
                        double s2 = 0;
                        for (double[][] r : records) {
                            double prod = (r[l][u] - mu[u]) * (r[l][v] - mu[v]);
                            s += prod;
                            s2 += prod * prod;
                        }
                        double cov = s / (networks - 1);
                        double varProd = (s2 / networks - (s / networks) * (s / networks)) / (networks - 1);
                        double err = Math.sqrt(Math.max(varProd, 0));
                        int c = pairs[y][0];
                        int d = pairs[y][1];
                        for (int[] ab : new int[][] {{a, b}, {b, a}}) {
                            for (int[] cd : new int[][] {{c, d}, {d, c}}) {
                                v4[l][kernel][ab[0]][ab[1]][cd[0]][cd[1]] = width * cov;
                                v4Error[l][kernel][ab[0]][ab[1]][cd[0]][cd[1]] = width * err;
                            }
                        }
                    }
                }
            }
        }
        return new ResidualSample(width, networks, mean, meanError, v4, v4Error);
    }
}
