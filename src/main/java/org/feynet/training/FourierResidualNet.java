package org.feynet.training;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.ScalarFunction;
import org.feynet.model.ActivationSlope;

/**
 * One explicit finite-width Fourier-feature residual network (the architecture of {@link FourierResidualNetwork}):
 * its fixed frequencies B (m x d, iid N(0, s^2)) and masks mask_l (iid Bernoulli(p), one per block), and the
 * layout of its trainable parameters theta as one flat vector:
 * <pre>
 *   W^(0) (n x 2m, row-major) | for l = 1 .. L: b^(l) (n), W^(l) (n x n, row-major) | w (n)
 * </pre>
 * Forward pass: z^(0) = W^(0) gamma(x), z^(l+1) = z^(l) + alpha_l mask_l (b^(l+1) + W^(l+1) sigma(z^(l))),
 * f = w . sigma(z^(L)) / sqrt(n). Backpropagation of g^(l) = df/dz^(l):
 * <pre>
 *   g^(L) = w sigma'(z^(L)) / sqrt(n),   g^(l) = g^(l+1) + alpha_l mask_l sigma'(z^(l)) (W^(l+1)^T g^(l+1)),
 *   df/dw = sigma(z^(L)) / sqrt(n),  df/db^(l+1) = alpha_l mask_l g^(l+1),
 *   df/dW^(l+1) = alpha_l mask_l g^(l+1) sigma(z^(l))^T,  df/dW^(0) = g^(0) gamma^T.
 * </pre>
 * With the rates rho (W^(0), w: 1; b: lambda_b; hidden W: lambda_W / n) the NTK
 * Theta_ab = sum_theta rho_theta (df_a/dtheta)(df_b/dtheta) factorises block by block into inner products of
 * width-n vectors (see {@link #ntk}), so it is computed without forming the per-sample gradients.
 */
public final class FourierResidualNet {

    private final int width;
    private final int depth;
    private final int frequencies;
    private final double[][] frequencyMatrix;
    private final boolean[] kept;
    private final double[] alpha;
    private final double lambdaB;
    private final double lambdaW;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;

    private FourierResidualNet(FourierResidualNetwork spec, int width, int frequencies, double[][] frequencyMatrix,
            boolean[] kept) {
        this.width = width;
        this.depth = spec.depth();
        this.frequencies = frequencies;
        this.frequencyMatrix = frequencyMatrix;
        this.kept = kept;
        this.alpha = spec.alpha();
        this.lambdaB = spec.rates().lambdaB();
        this.lambdaW = spec.rates().lambdaW();
        this.sigma = ScalarFunction.of(spec.activation().expression());
        this.slope = ActivationSlope.of(spec.activation().expression());
    }

    /** A network and its initial parameters. */
    public record Draw(FourierResidualNet net, double[] theta) {}

    /**
     * Draws a network of width n from seed {@code seed}: B, then the masks, then theta(0) (W^(0) ~ N(0, 1),
     * b ~ N(0, Cb), W ~ N(0, Cw/n), w ~ N(0, 1)).
     *
     * @param frequencies m, the number of Fourier frequencies (the file's m, or a chosen m when it is symbolic)
     */
    public static Draw draw(FourierResidualNetwork spec, int width, int frequencies, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = spec.inputDimension();
        double s = spec.features().scale();
        double[][] b = new double[frequencies][d];
        for (double[] row : b) {
            for (int k = 0; k < d; k++) {
                row[k] = s * normal(random);
            }
        }
        boolean[] kept = new boolean[spec.depth()];
        for (int l = 0; l < kept.length; l++) {
            kept[l] = random.nextDouble() < spec.keep();
        }
        FourierResidualNet net = new FourierResidualNet(spec, width, frequencies, b, kept);
        double[] theta = new double[net.parameterCount()];
        int at = 0;
        for (int i = 0; i < width * 2 * frequencies; i++) {
            theta[at++] = normal(random);
        }
        double sb = Math.sqrt(spec.cb());
        double sw = Math.sqrt(spec.cw() / width);
        for (int l = 1; l <= spec.depth(); l++) {
            for (int i = 0; i < width; i++) {
                theta[at++] = sb * normal(random);
            }
            for (int i = 0; i < width * width; i++) {
                theta[at++] = sw * normal(random);
            }
        }
        for (int i = 0; i < width; i++) {
            theta[at++] = normal(random);
        }
        return new Draw(net, theta);
    }

    /** A standard normal by Box-Muller (one of the pair; reproducible from the seed). */
    private static double normal(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    public int width() {
        return width;
    }

    /** The masks of the blocks (true: kept), a copy. */
    public boolean[] kept() {
        return kept.clone();
    }

    /** The number of trainable parameters, n 2m + L (n + n^2) + n. */
    public int parameterCount() {
        return width * 2 * frequencies + depth * (width + width * width) + width;
    }

    private int firstLayerSize() {
        return width * 2 * frequencies;
    }

    private int biasOffset(int l) {
        return firstLayerSize() + (l - 1) * (width + width * width);
    }

    private int weightOffset(int l) {
        return biasOffset(l) + width;
    }

    private int readoutOffset() {
        return firstLayerSize() + depth * (width + width * width);
    }

    /** The rate rho_theta of every parameter, in the layout of theta. */
    public double[] rates() {
        double[] rho = new double[parameterCount()];
        java.util.Arrays.fill(rho, 1.0);
        for (int l = 1; l <= depth; l++) {
            java.util.Arrays.fill(rho, biasOffset(l), biasOffset(l) + width, lambdaB);
            java.util.Arrays.fill(rho, weightOffset(l), weightOffset(l) + width * width, lambdaW / width);
        }
        return rho;
    }

    /** gamma(x) = [cos(2 pi B x), sin(2 pi B x)] / sqrt(m) for every input. */
    public double[][] features(double[][] inputs) {
        double[][] out = new double[inputs.length][2 * frequencies];
        double norm = 1 / Math.sqrt(frequencies);
        for (int a = 0; a < inputs.length; a++) {
            for (int k = 0; k < frequencies; k++) {
                double phase = 0;
                for (int j = 0; j < inputs[a].length; j++) {
                    phase += frequencyMatrix[k][j] * inputs[a][j];
                }
                out[a][k] = Math.cos(2 * Math.PI * phase) * norm;
                out[a][frequencies + k] = Math.sin(2 * Math.PI * phase) * norm;
            }
        }
        return out;
    }

    /** The forward quantities z^(l) and sigma(z^(l)), l = 0 .. L, of one input. */
    private record Forward(double[][] z, double[][] a, double f) {}

    private Forward forward(double[] theta, double[] gamma) {
        int n = width;
        int m2 = gamma.length;
        double[][] z = new double[depth + 1][];
        double[][] a = new double[depth + 1][];
        double[] z0 = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int row = i * m2;
            for (int k = 0; k < m2; k++) {
                sum += theta[row + k] * gamma[k];
            }
            z0[i] = sum;
        }
        z[0] = z0;
        a[0] = apply(sigma, z0);
        for (int l = 0; l < depth; l++) {
            double[] next = z[l].clone();
            if (kept[l]) {
                int bo = biasOffset(l + 1);
                int wo = weightOffset(l + 1);
                double[] below = a[l];
                for (int i = 0; i < n; i++) {
                    double sum = theta[bo + i];
                    int row = wo + i * n;
                    for (int j = 0; j < n; j++) {
                        sum += theta[row + j] * below[j];
                    }
                    next[i] += alpha[l] * sum;
                }
            }
            z[l + 1] = next;
            a[l + 1] = apply(sigma, next);
        }
        double f = 0;
        int ro = readoutOffset();
        for (int i = 0; i < n; i++) {
            f += theta[ro + i] * a[depth][i];
        }
        return new Forward(z, a, f / Math.sqrt(n));
    }

    private static double[] apply(DoubleUnaryOperator op, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = op.applyAsDouble(v[i]);
        }
        return out;
    }

    /** g^(l) = df/dz^(l), l = 0 .. L, by backpropagation. */
    private double[][] backward(double[] theta, Forward fw) {
        int n = width;
        double[][] g = new double[depth + 1][];
        double[] top = new double[n];
        int ro = readoutOffset();
        double inv = 1 / Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            top[i] = theta[ro + i] * slope.applyAsDouble(fw.z()[depth][i]) * inv;
        }
        g[depth] = top;
        for (int l = depth - 1; l >= 0; l--) {
            double[] above = g[l + 1];
            double[] here = above.clone();
            if (kept[l]) {
                int wo = weightOffset(l + 1);
                double[] back = new double[n];
                for (int i = 0; i < n; i++) {
                    double gi = above[i];
                    int row = wo + i * n;
                    for (int j = 0; j < n; j++) {
                        back[j] += theta[row + j] * gi;
                    }
                }
                for (int j = 0; j < n; j++) {
                    here[j] += alpha[l] * slope.applyAsDouble(fw.z()[l][j]) * back[j];
                }
            }
            g[l] = here;
        }
        return g;
    }

    /** The outputs f(x_a) at parameters theta for the given feature vectors gamma_a. */
    public double[] outputs(double[] theta, double[][] gamma) {
        double[] f = new double[gamma.length];
        for (int a = 0; a < gamma.length; a++) {
            f[a] = forward(theta, gamma[a]).f();
        }
        return f;
    }

    /** df/dtheta of one input, in the layout of theta (for checks; training never forms it). */
    public double[] gradient(double[] theta, double[] gamma) {
        Forward fw = forward(theta, gamma);
        double[][] g = backward(theta, fw);
        int n = width;
        int m2 = gamma.length;
        double[] out = new double[parameterCount()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m2; k++) {
                out[i * m2 + k] = g[0][i] * gamma[k];
            }
        }
        for (int l = 0; l < depth; l++) {
            if (!kept[l]) {
                continue;
            }
            int bo = biasOffset(l + 1);
            int wo = weightOffset(l + 1);
            for (int i = 0; i < n; i++) {
                double gi = alpha[l] * g[l + 1][i];
                out[bo + i] = gi;
                for (int j = 0; j < n; j++) {
                    out[wo + i * n + j] = gi * fw.a()[l][j];
                }
            }
        }
        int ro = readoutOffset();
        for (int i = 0; i < n; i++) {
            out[ro + i] = fw.a()[depth][i] / Math.sqrt(n);
        }
        return out;
    }

    /** The forward and backward quantities of every input at one theta. */
    public final class State {
        private final double[][] gamma;
        private final Forward[] fw;
        private final double[][][] g;
        private final double[] f;

        private State(double[] theta, double[][] gamma) {
            this.gamma = gamma;
            this.fw = new Forward[gamma.length];
            this.g = new double[gamma.length][][];
            this.f = new double[gamma.length];
            for (int a = 0; a < gamma.length; a++) {
                fw[a] = forward(theta, gamma[a]);
                g[a] = backward(theta, fw[a]);
                f[a] = fw[a].f();
            }
        }

        /** The outputs f_a, a copy. */
        public double[] outputs() {
            return f.clone();
        }

        /**
         * The NTK Gram, block by block:
         * Theta_ab = (g0_a . g0_b)(gamma_a . gamma_b) + sum_{l kept} alpha_l^2 (g^(l+1)_a . g^(l+1)_b)
         * (lambda_b + (lambda_W / n) sigma(z^(l))_a . sigma(z^(l))_b) + sigma(z^(L))_a . sigma(z^(L))_b / n.
         */
        public double[][] ntk() {
            int p = f.length;
            double[][] out = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    double sum = dot(g[a][0], g[b][0]) * dot(gamma[a], gamma[b]);
                    for (int l = 0; l < depth; l++) {
                        if (kept[l]) {
                            sum += alpha[l] * alpha[l] * dot(g[a][l + 1], g[b][l + 1])
                                    * (lambdaB + lambdaW / width * dot(fw[a].a()[l], fw[b].a()[l]));
                        }
                    }
                    sum += dot(fw[a].a()[depth], fw[b].a()[depth]) / width;
                    out[a][b] = sum;
                    out[b][a] = sum;
                }
            }
            return out;
        }

        /**
         * The direction sum_c rho_theta (df_c/dtheta) u_c in parameter space, in the layout of theta; with
         * u = -(f - y)/P it is the gradient-flow velocity d theta/dt.
         */
        public double[] tangent(double[] u) {
            int n = width;
            int m2 = gamma[0].length;
            double[] out = new double[parameterCount()];
            for (int c = 0; c < f.length; c++) {
                double uc = u[c];
                if (uc == 0) {
                    continue;
                }
                double[][] gc = g[c];
                for (int i = 0; i < n; i++) {
                    double gi = uc * gc[0][i];
                    int row = i * m2;
                    for (int k = 0; k < m2; k++) {
                        out[row + k] += gi * gamma[c][k];
                    }
                }
                for (int l = 0; l < depth; l++) {
                    if (!kept[l]) {
                        continue;
                    }
                    int bo = biasOffset(l + 1);
                    int wo = weightOffset(l + 1);
                    double[] below = fw[c].a()[l];
                    double rateW = lambdaW / n;
                    for (int i = 0; i < n; i++) {
                        double gi = uc * alpha[l] * gc[l + 1][i];
                        out[bo + i] += lambdaB * gi;
                        double gw = rateW * gi;
                        int row = wo + i * n;
                        for (int j = 0; j < n; j++) {
                            out[row + j] += gw * below[j];
                        }
                    }
                }
                int ro = readoutOffset();
                double scale = uc / Math.sqrt(n);
                double[] last = fw[c].a()[depth];
                for (int i = 0; i < n; i++) {
                    out[ro + i] += scale * last[i];
                }
            }
            return out;
        }
    }

    /** The forward and backward passes of every input at theta. */
    public State state(double[] theta, double[][] gamma) {
        return new State(theta, gamma);
    }

    static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
