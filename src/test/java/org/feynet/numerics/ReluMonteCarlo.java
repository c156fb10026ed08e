package org.feynet.numerics;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * An independent estimate of ReLU moments E[prod_x relu(z_x)^{m_x}] for the tests: draws z = L g with L the Cholesky
 * factor of K and g standard normals (Box-Muller), and returns for each power vector the sample mean and its
 * standard error; likewise for any function of z (steps, kinked activations and their derivatives).
 */
final class ReluMonteCarlo {

    private ReluMonteCarlo() {}

    /** For each row of {@code powers}: {mean, standard error} over {@code samples} draws from a fixed seed. */
    static double[][] estimate(double[][] k, int[][] powers, int samples, long seed) {
        int n = k.length;
        double[][] l = cholesky(k);
        double[] sum = new double[powers.length];
        double[] sum2 = new double[powers.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] g = new double[n + 1];
        double[] r = new double[n];
        for (int s = 0; s < samples; s++) {
            draw(l, rnd, g, r);
            for (int a = 0; a < n; a++) {
                r[a] = Math.max(0, r[a]);
            }
            for (int c = 0; c < powers.length; c++) {
                double f = 1;
                for (int a = 0; a < n; a++) {
                    for (int q = 0; q < powers[c][a]; q++) {
                        f *= r[a];
                    }
                }
                sum[c] += f;
                sum2[c] += f * f;
            }
        }
        double[][] out = new double[powers.length][2];
        for (int c = 0; c < powers.length; c++) {
            double mean = sum[c] / samples;
            out[c][0] = mean;
            out[c][1] = Math.sqrt((sum2[c] / samples - mean * mean) / samples);
        }
        return out;
    }

    /** {mean, standard error} of f(z) over {@code samples} draws z ~ N(0, K) from a fixed seed. */
    static double[] estimate(double[][] k, ToDoubleFunction<double[]> f, int samples, long seed) {
        int n = k.length;
        double[][] l = cholesky(k);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] g = new double[n + 1];
        double[] z = new double[n];
        double sum = 0;
        double sum2 = 0;
        for (int s = 0; s < samples; s++) {
            draw(l, rnd, g, z);
            double v = f.applyAsDouble(z);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / samples;
        return new double[] {mean, Math.sqrt((sum2 / samples - mean * mean) / samples)};
    }

    /** z = L g for fresh standard normals g (Box-Muller, g of even length at least that of z). */
    private static void draw(double[][] l, SplittableRandom rnd, double[] g, double[] z) {
        int n = z.length;
        for (int i = 0; i < n; i += 2) {
            double u = rnd.nextDouble();
            double v = rnd.nextDouble();
            double rad = Math.sqrt(-2 * Math.log1p(-u));
            g[i] = rad * Math.cos(2 * Math.PI * v);
            g[i + 1] = rad * Math.sin(2 * Math.PI * v);
        }
        for (int a = 0; a < n; a++) {
            double sum = 0;
            for (int b = 0; b <= a; b++) {
                sum += l[a][b] * g[b];
            }
            z[a] = sum;
        }
    }

    /** The lower Cholesky factor of a positive definite K. */
    static double[][] cholesky(double[][] k) {
        int n = k.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = k[i][j];
                for (int p = 0; p < j; p++) {
                    s -= l[i][p] * l[j][p];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }
}
