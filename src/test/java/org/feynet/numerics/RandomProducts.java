package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random test cases for {@link GaussianMoments#expect(double[][], int[][], int[])}: a kernel and, per sample, a product
 * of derivatives of sigma under outer derivatives.
 */
final class RandomProducts {

    private RandomProducts() {}

    /** One case: covariance, factors[x][k] (power of sigma^(k) at sample x), outer derivatives. */
    record Case(double[][] covariance, int[][] factors, int[] derivatives) {

        @Override
        public String toString() {
            return "K = " + java.util.Arrays.deepToString(covariance) + ", factors "
                + java.util.Arrays.deepToString(factors) + ", derivatives " + java.util.Arrays.toString(derivatives);
        }
    }

    /**
     * {@code count} cases on {@code samples} samples: correlations from A A^T + 0.1 I (A uniform in [-1, 1]), variances
     * uniform in [0.3, 2]; at each sample powers 0..2 of sigma^(k), k = 0..maxOrder, at least one factor, and 0..maxOuter
     * outer derivatives; some factor has k &gt;= 1 whenever maxOrder &gt;= 1.
     */
    static List<Case> cases(int samples, int maxOrder, int maxOuter, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Case> out = new ArrayList<>();
        while (out.size() < count) {
            int[][] factors = new int[samples][maxOrder + 1];
            int[] derivatives = new int[samples];
            boolean derivativeFactor = maxOrder == 0;
            for (int x = 0; x < samples; x++) {
                for (int k = 0; k <= maxOrder; k++) {
                    factors[x][k] = rnd.nextInt(4) == 0 ? 2 : rnd.nextInt(2);
                    derivativeFactor |= k >= 1 && factors[x][k] > 0;
                }
                if (DerivativeFactors.count(factors[x]) == 0) {
                    factors[x][rnd.nextInt(maxOrder + 1)] = 1;
                }
                derivatives[x] = rnd.nextInt(maxOuter + 1);
            }
            if (!derivativeFactor) {
                factors[0][1] = 1;
            }
            out.add(new Case(kernel(samples, rnd), factors, derivatives));
        }
        return out;
    }

    /** Correlations from A A^T + 0.1 I, variances uniform in [0.3, 2]. */
    static double[][] kernel(int n, SplittableRandom rnd) {
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextDouble(-1, 1);
            }
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < n; t++) {
                    s[i][j] += a[i][t] * a[j][t];
                }
            }
            s[i][i] += 0.1;
        }
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            sd[i] = Math.sqrt(rnd.nextDouble(0.3, 2.0));
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = sd[i] * sd[j] * s[i][j] / Math.sqrt(s[i][i] * s[j][j]);
            }
        }
        return k;
    }
}
