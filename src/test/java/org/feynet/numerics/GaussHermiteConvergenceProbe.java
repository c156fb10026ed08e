package org.feynet.numerics;

import java.util.Random;

/**
 * Not a unit test: measures the accuracy and cost of {@link GaussHermiteMoments} against the exact
 * engines and against a run with 4x the nodes. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.feynet.numerics.GaussHermiteConvergenceProbe}.
 */
public final class GaussHermiteConvergenceProbe {

    public static void main(String[] args) {
        int[] ladder = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {40, 80, 120, 160, 240};
        String mode = args.length > 1 ? args[1] : "all";
        double kmax = args.length > 2 ? Double.parseDouble(args[2]) : 5.0;
        int maxK = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Random rnd = new Random(1);
        java.util.List<double[][]> kernels = new java.util.ArrayList<>();
        java.util.List<int[][]> cases = new java.util.ArrayList<>();
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + trial % maxK;
            double[][] cov = randomKernel(rnd, k, kmax, trial % 2 == 0 ? 0.999 : 0.6);
            int[] m = new int[k];
            int[] d = new int[k];
            for (int x = 0; x < k; x++) {
                m[x] = 1 + rnd.nextInt(4);
                d[x] = rnd.nextInt(5);
            }
            kernels.add(cov);
            cases.add(new int[][] {m, d});
        }
        String[] names = mode.equals("all") ? new String[] {"sin", "linear", "tanh", "erf", "gelu", "swish"} : mode.split(",");
        for (String name : names) {
            ActivationJet jet = jet(name);
            GaussianMoments exact = name.equals("sin") ? new SinMoments() : name.equals("linear") ? new LinearMoments() : null;
            for (int n : ladder) {
                GaussHermiteMoments gh = new GaussHermiteMoments(jet, n);
                GaussHermiteMoments ref = exact == null ? new GaussHermiteMoments(jet, 4 * ladder[ladder.length - 1]) : null;
                double worst = 0;
                long t0 = System.nanoTime();
                for (int c = 0; c < kernels.size(); c++) {
                    double[][] cov = kernels.get(c);
                    int[] m = cases.get(c)[0];
                    int[] d = cases.get(c)[1];
                    double v = gh.expect(cov, m, d);
                    double r = exact != null ? exact.expect(cov, m, d) : ref.expect(cov, m, d);
                    double err = Math.abs(v - r) / Math.max(Math.abs(r), 1e-3);
                    worst = Math.max(worst, err);
                }
                long t1 = System.nanoTime();
                System.out.printf("%-6s N=%4d worst rel err %.1e   (%.0f ms total incl. ref)%n", name, n, worst, (t1 - t0) / 1e6);
            }
        }
    }

    static ActivationJet jet(String name) {
        switch (name) {
            case "sin": return TestJets.SIN;
            case "linear": return TestJets.LINEAR;
            case "tanh": return TestJets.TANH;
            case "erf": return TestJets.ERF;
            case "gelu": return TestJets.GELU;
            case "swish": return TestJets.SWISH;
            default: throw new IllegalArgumentException(name);
        }
    }

    /** Variances in [0.05, kmax], correlations up to maxCorr. */
    static double[][] randomKernel(Random rnd, int k, double kmax, double maxCorr) {
        double[] sd = new double[k];
        for (int x = 0; x < k; x++) {
            sd[x] = Math.sqrt(0.05 + (kmax - 0.05) * rnd.nextDouble());
        }
        // correlation from random unit vectors pulled toward a common direction
        double[][] v = new double[k][k];
        for (int x = 0; x < k; x++) {
            double norm = 0;
            for (int i = 0; i < k; i++) {
                v[x][i] = rnd.nextGaussian() * (1 - maxCorr) * 3 + (i == 0 ? 1 : 0) * maxCorr;
                norm += v[x][i] * v[x][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < k; i++) {
                v[x][i] /= norm;
            }
        }
        double[][] cov = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double c = 0;
                for (int i = 0; i < k; i++) {
                    c += v[a][i] * v[b][i];
                }
                cov[a][b] = sd[a] * sd[b] * c;
            }
        }
        return cov;
    }
}
