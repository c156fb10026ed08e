package org.feynet.sampling;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarFunction;

/**
 * Monte Carlo over real finite-width residual networks: z^(0)_i iid N(0, K) over the n neurons, then
 * z^(l+1) = z^(l) + eps_l (b^(l+1) + W^(l+1) sigma(z^(l))) with b ~ N(0, Cb) and W ~ N(0, Cw/n) drawn per layer
 * ({@link Mode#WEIGHTS}); or, with {@link Mode#INCREMENTS}, the increment b + W sigma(z) drawn from its exact
 * conditional law given the layer, n iid N(0, Cb + Cw G) vectors (the same law, at cost n P^2 instead of n^2 P per
 * layer). Records per network and layer l = 0..L the stream kernel R = (1/n) sum_i z_i z_i^T and the metric
 * Cb + Cw G, G = (1/n) sum_i sigma(z_i) sigma(z_i)^T.
 */
public final class ResidualSampler {

    /** How the residual increments are drawn. */
    public enum Mode { WEIGHTS, INCREMENTS }

    private final ResidualModel model;
    private final DoubleUnaryOperator sigma;
    private final Mode mode;

    public ResidualSampler(ResidualModel model, Mode mode) {
        this.model = model;
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.mode = mode;
    }

    /**
     * Samples {@code networks} networks of width {@code width}, seeded by {@code seed}, split over the available
     * cores in fixed blocks (the result does not depend on the number of threads).
     */
    public ResidualSample sample(int width, int networks, long seed, IntConsumer progress) {
        int p = model.inputs();
        int depth = model.depth();
        int entries = 2 * p * (p + 1) / 2;
        double[][][] records = new double[networks][][];
        int block = 64;
        int blocks = (networks + block - 1) / block;
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(bk -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + bk);
            for (int k = bk * block; k < Math.min(networks, (bk + 1) * block); k++) {
                records[k] = network(width, random);
            }
            int now = done.addAndGet(Math.min(networks, (bk + 1) * block) - bk * block);
            if (progress != null) {
                synchronized (done) {
                    progress.accept(now);
                }
            }
        });
        return ResidualSample.of(width, p, depth, entries, records);
    }

    /** One network's entries [l][u]: the symmetric entries of R, then those of the metric. */
    double[][] network(int n, SplittableRandom random) {
        int p = model.inputs();
        int depth = model.depth();
        double[][] chol = cholesky(model.gramCopy());
        double[][] z = new double[n][p];
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                g[a] = random.nextGaussian();
            }
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int b = 0; b <= a; b++) {
                    s += chol[a][b] * g[b];
                }
                z[i][a] = s;
            }
        }
        double[][] out = new double[depth + 1][];
        double[][] s = new double[n][p];
        double[][] next = new double[n][p];
        double sdW = Math.sqrt(model.cw() / n);
        double sdB = Math.sqrt(model.cb());
        for (int l = 0; l <= depth; l++) {
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < p; a++) {
                    s[i][a] = sigma.applyAsDouble(z[i][a]);
                }
            }
            double[][] r = gram(z, n, p);
            double[][] metric = gram(s, n, p);
            int m = p * (p + 1) / 2;
            double[] row = new double[2 * m];
            int u = 0;
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    row[u] = r[a][b];
                    row[m + u] = model.cb() + model.cw() * metric[a][b];
                    u++;
                }
            }
            out[l] = row;
            if (l == depth) {
                break;
            }
            double eps = model.eps(l);
            if (mode == Mode.WEIGHTS) {
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        w[j] = sdW * random.nextGaussian();
                    }
                    double bias = sdB * random.nextGaussian();
                    for (int a = 0; a < p; a++) {
                        double sum = bias;
                        for (int j = 0; j < n; j++) {
                            sum += w[j] * s[j][a];
                        }
                        next[i][a] = z[i][a] + eps * sum;
                    }
                }
            } else {
                double[][] cov = new double[p][p];
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        cov[a][b] = model.cb() + model.cw() * metric[a][b];
                    }
                }
                double[][] c = cholesky(cov);
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < p; a++) {
                        g[a] = random.nextGaussian();
                    }
                    for (int a = 0; a < p; a++) {
                        double sum = 0;
                        for (int b = 0; b <= a; b++) {
                            sum += c[a][b] * g[b];
                        }
                        next[i][a] = z[i][a] + eps * sum;
                    }
                }
            }
            double[][] t = z;
            z = next;
            next = t;
        }
        return out;
    }

    private static double[][] gram(double[][] x, int n, int p) {
        double[][] k = new double[p][p];
        for (double[] row : x) {
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    k[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                k[a][b] /= n;
                k[b][a] = k[a][b];
            }
        }
        return k;
    }

    /** Lower Cholesky factor of a positive semidefinite matrix (zero columns where it is singular). */
    static double[][] cholesky(double[][] k) {
        int p = k.length;
        double[][] c = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = k[a][b];
                for (int e = 0; e < b; e++) {
                    s -= c[a][e] * c[b][e];
                }
                if (a == b) {
                    c[a][a] = s > 0 ? Math.sqrt(s) : 0;
                } else {
                    c[a][b] = c[b][b] > 0 ? s / c[b][b] : 0;
                }
            }
        }
        return c;
    }
}
