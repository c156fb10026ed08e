package org.feynet.numerics;

/** Not a unit test: times one four-sample tanh moment at the default node count. */
public final class GaussHermiteTimingProbe {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : GaussHermiteMoments.DEFAULT_NODES;
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.TANH, n);
        double[][][] kernels = {
            corr(1.0, 0.5), corr(1.0, 0.9), corr(0.5, 0.9), corr(1.0, 0.0), corr(5.0, 0.5), corr(5.0, 0.999)};
        int[][][] cases = {{{1, 1, 1, 1}, {0, 0, 0, 0}}, {{1, 1, 1, 1}, {1, 1, 1, 1}}, {{2, 2, 2, 2}, {0, 0, 0, 0}},
            {{1, 1, 1, 1}, {2, 2, 0, 0}}, {{4, 4, 4, 4}, {4, 4, 0, 0}}};
        for (double[][] k : kernels) {
            for (int[][] c : cases) {
                double v = 0;
                int reps = 0;
                long t0 = System.nanoTime();
                long t1;
                do {
                    v += gh.expect(k, c[0], c[1]);
                    reps++;
                    t1 = System.nanoTime();
                } while (t1 - t0 < 3e8 && reps < 200);
                System.out.printf("K=%.1f rho=%.3f m=%s d=%s: %.2f ms/moment (%d reps) v=%.6g%n", k[0][0], k[0][1] / k[0][0],
                    java.util.Arrays.toString(c[0]), java.util.Arrays.toString(c[1]), (t1 - t0) / 1e6 / reps, reps, v / reps);
            }
        }
    }

    /** Four samples with variance kk and all correlations rho. */
    static double[][] corr(double kk, double rho) {
        double[][] k = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                k[a][b] = a == b ? kk : rho * kk;
            }
        }
        return k;
    }
}
