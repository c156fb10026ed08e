package org.feynet.sampling;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.ActivationSlope;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.ScalarFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Explicit finite networks of the Fourier-feature residual architecture ({@link FourierResidualNetwork}) and their
 * neural tangent kernel by backpropagation, for Monte Carlo checks of the infinite-width kernels.
 *
 * <p>One draw: the masks mask_l ~ Bernoulli(p) (one per block, shared by all neurons and inputs), the frequencies B
 * (m x d, iid N(0, s^2)), then the weights. The first layer enters only through z^(0) = W^(0) gamma(x), whose rows are
 * iid N(0, G_B) with G_B = gamma(x_a).gamma(x_b) = (1/m) sum_k cos(2 pi b_k.(x_a - x_b)); z^(0) is drawn as
 * G_B^(1/2) xi (symmetric square root), the same distribution as the explicit product, and its NTK contribution is
 * exactly sum_{i,k} (df_a/dW0_ik)(df_b/dW0_ik) = (delta^(0)_a . delta^(0)_b) G_B. Then
 * <pre>
 *   z^(l+1) = z^(l) + alpha_l mask_l (b^(l+1) + W^(l+1) sigma(z^(l))),  W^(l+1) iid N(0, Cw/n), b iid N(0, Cb)
 *   f = w . sigma(z^(L)) / sqrt(n),  w iid N(0, 1)
 *   delta^(L) = w o sigma'(z^(L)) / sqrt(n),   delta^(l) = delta^(l+1) + alpha_l mask_l sigma'(z^(l)) o W^(l+1)^T delta^(l+1)
 *   Theta_ab = sigma_a.sigma_b / n                                            (w, rate 1)
 *            + sum_l alpha_l^2 mask_l (delta^(l+1)_a . delta^(l+1)_b) (lambda_b + (lambda_W / n) sigma(z^(l)_a).sigma(z^(l)_b))
 *            + (delta^(0)_a . delta^(0)_b) G_B                                (W^(0), rate 1),
 * </pre>
 * delta^(l) = df/dz^(l) (backpropagation through the skip connection). When m is 0 (symbolic), G_B is replaced by its
 * m -&gt; infinity limit exp(-2 pi^2 s^2 |x_a - x_b|^2).
 */
public final class FourierResidualSampler {

    private final FourierResidualNetwork net;
    private final int width;
    private final int features;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;

    /**
     * @param net      the architecture
     * @param width    n
     * @param features m, the number of frequencies drawn per network (0: the m -&gt; infinity gram)
     */
    public FourierResidualSampler(FourierResidualNetwork net, int width, int features) {
        if (width < 1 || features < 0) {
            throw new IllegalArgumentException("need n >= 1 and m >= 0, got n = " + width + ", m = " + features);
        }
        this.net = net;
        this.width = width;
        this.features = features;
        this.sigma = ScalarFunction.of(net.activation().expression());
        this.slope = ActivationSlope.of(net.activation().expression());
    }

    /**
     * One network: its masks, output, NTK Gram and output covariance given the network,
     * nngp_ab = E_w[f_a f_b] = sigma(z^(L)_a).sigma(z^(L)_b) / n (exact over the readout w ~ N(0, 1)), and the same
     * of the first stream, stream_ab = sigma(z^(0)_a).sigma(z^(0)_b) / n, whose mean &lt;sigma_a sigma_b&gt;_G has
     * no 1/n correction (the rows of z^(0) are iid): a control variate for nngp.
     */
    public record Draw(boolean[] kept, double[] f, double[][] ntk, double[][] nngp, double[][] stream) {}

    /** Draws one network with masks from Bernoulli(p). */
    public Draw draw(SplittableRandom random) {
        boolean[] kept = new boolean[net.depth()];
        for (int l = 0; l < kept.length; l++) {
            kept[l] = random.nextDouble() < net.keep();
        }
        return draw(random, kept);
    }

    /** Draws one network with the given mask pattern. */
    public Draw draw(SplittableRandom random, boolean[] kept) {
        Forward fw = forward(random, kept);
        double[] readout = new double[width];
        for (int i = 0; i < width; i++) {
            readout[i] = gaussian(random);
        }
        return backward(fw, kept, readout);
    }

    /** The network drawn from {@code random} (its readout not drawn) with the readout weights {@code readout}. */
    Draw draw(SplittableRandom random, boolean[] kept, double[] readout) {
        return backward(forward(random, kept), kept, readout);
    }

    private Draw backward(Forward fw, boolean[] kept, double[] readout) {
        int p = net.samples();
        int n = width;
        int depth = net.depth();
        double[][] ntk = new double[p][p];
        double[] f = new double[p];
        double[][] last = new double[p][n];
        apply(sigma, fw.z()[depth], last);
        double[][] delta = new double[p][n];
        for (int a = 0; a < p; a++) {
            for (int i = 0; i < n; i++) {
                f[a] += readout[i] * last[a][i] / Math.sqrt(n);
                delta[a][i] = readout[i] * slope.applyAsDouble(fw.z()[depth][a][i]) / Math.sqrt(n);
            }
        }
        addGram(ntk, last, last, 1.0 / n);
        double[][] nngp = new double[p][p];
        addGram(nngp, last, last, 1.0 / n);
        double[][] s = new double[p][n];
        for (int l = depth - 1; l >= 0; l--) {
            if (!kept[l]) {
                continue;
            }
            double alpha = net.alpha()[l];
            apply(sigma, fw.z()[l], s);
            addBlock(ntk, alpha, dots(delta), dots(s));
            double[][] w = fw.weights()[l];
            double[][] next = new double[p][n];
            for (int a = 0; a < p; a++) {
                double[] back = new double[n];
                for (int i = 0; i < n; i++) {
                    double d = delta[a][i];
                    double[] row = w[i];
                    for (int j = 0; j < n; j++) {
                        back[j] += row[j] * d;
                    }
                }
                for (int j = 0; j < n; j++) {
                    next[a][j] = delta[a][j] + alpha * slope.applyAsDouble(fw.z()[l][a][j]) * back[j];
                }
            }
            delta = next;
        }
        addFirstLayer(ntk, dots(delta), fw.gram());
        return new Draw(kept, f, ntk, nngp, fw.stream());
    }

    /**
     * The NTK Gram of one network averaged exactly over its readout w ~ N(0, I) (everything else drawn), for Monte
     * Carlo of the mean NTK without the readout's O(1/n) noise. With delta^(L) = w o sigma'(z^(L)) / sqrt(n) and
     * E[w w^T] = I, every delta^(l)_a . delta^(l)_b becomes (1/n) tr(D^(l)_a D^(l)_b^T), where the rows of D^(l) are
     * the backpropagations of the n unit vectors: D^(L) = diag(sigma'(z^(L))), D^(l) = D^(l+1) (I + alpha_l mask_l W^(l+1)
     * diag(sigma'(z^(l)))) (cost O(L n^3) per input). The readout's own term sigma.sigma / n does not involve w.
     */
    public double[][] ntkOverReadout(SplittableRandom random, boolean[] kept) {
        return ntkOverReadout(forward(random, kept), kept);
    }

    double[][] ntkOverReadout(Forward fw, boolean[] kept) {
        int p = net.samples();
        int n = width;
        int depth = net.depth();
        double[][] ntk = new double[p][p];
        double[][] s = new double[p][n];
        apply(sigma, fw.z()[depth], s);
        addGram(ntk, s, s, 1.0 / n);
        double[][][] rows = new double[p][n][n];
        for (int a = 0; a < p; a++) {
            for (int i = 0; i < n; i++) {
                rows[a][i][i] = slope.applyAsDouble(fw.z()[depth][a][i]);
            }
        }
        for (int l = depth - 1; l >= 0; l--) {
            if (!kept[l]) {
                continue;
            }
            double alpha = net.alpha()[l];
            apply(sigma, fw.z()[l], s);
            addBlock(ntk, alpha, traces(rows, n), dots(s));
            double[][] w = fw.weights()[l];
            for (int a = 0; a < p; a++) {
                double[] slopes = new double[n];
                for (int j = 0; j < n; j++) {
                    slopes[j] = alpha * slope.applyAsDouble(fw.z()[l][a][j]);
                }
                for (double[] row : rows[a]) {
                    double[] back = new double[n];
                    for (int i = 0; i < n; i++) {
                        double d = row[i];
                        if (d != 0) {
                            double[] wi = w[i];
                            for (int j = 0; j < n; j++) {
                                back[j] += wi[j] * d;
                            }
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        row[j] += slopes[j] * back[j];
                    }
                }
            }
        }
        addFirstLayer(ntk, traces(rows, n), fw.gram());
        return ntk;
    }

    /** The forward pass of one network: the stream z^(l)[a][i], the hidden weights of kept blocks, G_B, stream_ab. */
    record Forward(double[][][] z, double[][][] weights, double[][] gram, double[][] stream) {}

    Forward forward(SplittableRandom random, boolean[] kept) {
        int p = net.samples();
        int n = width;
        int depth = net.depth();
        double[][] gram = gram(random);
        double[][] root = squareRoot(gram);
        double[][][] z = new double[depth + 1][p][n];
        for (int i = 0; i < n; i++) {
            double[] xi = new double[p];
            for (int a = 0; a < p; a++) {
                xi[a] = gaussian(random);
            }
            for (int a = 0; a < p; a++) {
                double v = 0;
                for (int c = 0; c < p; c++) {
                    v += root[a][c] * xi[c];
                }
                z[0][a][i] = v;
            }
        }
        double[][][] weights = new double[depth][][];
        double[][] s = new double[p][n];
        apply(sigma, z[0], s);
        double[][] stream = new double[p][p];
        addGram(stream, s, s, 1.0 / n);
        for (int l = 0; l < depth; l++) {
            apply(sigma, z[l], s);
            if (!kept[l]) {
                for (int a = 0; a < p; a++) {
                    z[l + 1][a] = z[l][a].clone();
                }
                continue;
            }
            double alpha = net.alpha()[l];
            double wScale = Math.sqrt(net.cw() / n);
            double bScale = Math.sqrt(net.cb());
            double[][] w = new double[n][n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = bScale * gaussian(random);
                for (int j = 0; j < n; j++) {
                    w[i][j] = wScale * gaussian(random);
                }
            }
            weights[l] = w;
            for (int a = 0; a < p; a++) {
                for (int i = 0; i < n; i++) {
                    double pre = b[i];
                    double[] row = w[i];
                    for (int j = 0; j < n; j++) {
                        pre += row[j] * s[a][j];
                    }
                    z[l + 1][a][i] = z[l][a][i] + alpha * pre;
                }
            }
        }
        return new Forward(z, weights, gram, stream);
    }

    /** ntk += alpha^2 dd (lambda_b + lambda_W ss / n): the bias and hidden weights of one kept block. */
    private void addBlock(double[][] ntk, double alpha, double[][] dd, double[][] ss) {
        int p = ntk.length;
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) {
                ntk[a][c] += alpha * alpha * dd[a][c]
                        * (net.rates().lambdaB() + net.rates().lambdaW() * ss[a][c] / width);
            }
        }
    }

    /** ntk += dd o G_B: W^(0) at rate 1. */
    private static void addFirstLayer(double[][] ntk, double[][] dd, double[][] gram) {
        for (int a = 0; a < ntk.length; a++) {
            for (int c = 0; c < ntk.length; c++) {
                ntk[a][c] += dd[a][c] * gram[a][c];
            }
        }
    }

    /** (1/n) tr(D_a D_c^T) for the row sets D_a. */
    private static double[][] traces(double[][][] rows, int n) {
        int p = rows.length;
        double[][] out = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int c = 0; c <= a; c++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    double[] x = rows[a][r];
                    double[] y = rows[c][r];
                    for (int j = 0; j < n; j++) {
                        sum += x[j] * y[j];
                    }
                }
                out[a][c] = sum / n;
                out[c][a] = sum / n;
            }
        }
        return out;
    }

    /** G_B for m drawn frequencies, or the m -&gt; infinity gram. */
    private double[][] gram(SplittableRandom random) {
        double[][] x = net.inputs();
        int p = x.length;
        int d = x[0].length;
        double s = net.features().scale();
        double[][] g = new double[p][p];
        if (features == 0) {
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    double d2 = 0;
                    for (int k = 0; k < d; k++) {
                        d2 += (x[a][k] - x[c][k]) * (x[a][k] - x[c][k]);
                    }
                    g[a][c] = Math.exp(-2 * Math.PI * Math.PI * s * s * d2);
                }
            }
            return g;
        }
        double[] freq = new double[d];
        for (int k = 0; k < features; k++) {
            for (int j = 0; j < d; j++) {
                freq[j] = s * gaussian(random);
            }
            for (int a = 0; a < p; a++) {
                for (int c = 0; c <= a; c++) {
                    double phase = 0;
                    for (int j = 0; j < d; j++) {
                        phase += freq[j] * (x[a][j] - x[c][j]);
                    }
                    g[a][c] += Math.cos(2 * Math.PI * phase) / features;
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int c = a + 1; c < p; c++) {
                g[a][c] = g[c][a];
            }
        }
        return g;
    }

    /** The symmetric square root of a positive semidefinite matrix (negative rounding eigenvalues set to 0). */
    private static double[][] squareRoot(double[][] g) {
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g, false));
        int p = g.length;
        double[][] root = new double[p][p];
        for (int k = 0; k < p; k++) {
            double lambda = Math.sqrt(Math.max(eigen.getEigenvalue(k), 0));
            double[] v = eigen.getEigenvector(k).toArray();
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    root[a][c] += lambda * v[a] * v[c];
                }
            }
        }
        return root;
    }

    private static void apply(DoubleUnaryOperator f, double[][] in, double[][] out) {
        for (int a = 0; a < in.length; a++) {
            for (int i = 0; i < in[a].length; i++) {
                out[a][i] = f.applyAsDouble(in[a][i]);
            }
        }
    }

    private static double[][] dots(double[][] v) {
        int p = v.length;
        double[][] out = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int c = 0; c <= a; c++) {
                double sum = 0;
                for (int i = 0; i < v[a].length; i++) {
                    sum += v[a][i] * v[c][i];
                }
                out[a][c] = sum;
                out[c][a] = sum;
            }
        }
        return out;
    }

    private static void addGram(double[][] target, double[][] u, double[][] v, double scale) {
        for (int a = 0; a < u.length; a++) {
            for (int c = 0; c < v.length; c++) {
                double sum = 0;
                for (int i = 0; i < u[a].length; i++) {
                    sum += u[a][i] * v[c][i];
                }
                target[a][c] += scale * sum;
            }
        }
    }

    /** A standard normal by the Marsaglia polar method. */
    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double q;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        return u * Math.sqrt(-2 * Math.log(q) / q);
    }
}
