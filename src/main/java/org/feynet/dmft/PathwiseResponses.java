package org.feynet.dmft;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * The responses of a layer's single-neuron processes by pathwise (reparameterisation) derivatives: each neuron's
 * trajectory, h = u + M g, z = r + N sigma(h), g = sigma'(h) z ({@link LayerInputs}), is differentiated with respect
 * to its sources, and the derivatives are averaged over the population:
 * <pre>
 *   dh = du + M dg,   dz = dr + N S1 dh,   dg = C dh + S1 dz,   S1 = diag sigma'(h),  C = diag sigma''(h) z,
 *   B^{l-1} = &lt;dg/du&gt; = &lt;W (I - M W)^{-1}&gt;,   A^l = &lt;d sigma(h)/dr&gt; = &lt;S1 (I - M W)^{-1} M S1&gt;,   W = C + S1 N S1.
 * </pre>
 * Both are found row block by row block in time (M, N, W causal), the equal-time block by the same fixed-point
 * iteration as the trajectory. Unlike the Gaussian integration by parts of {@link SampledLayer}, no inverse root of
 * the sources' covariance enters, so the Monte Carlo error is that of an average of O(1) terms (no ridge, no
 * amplification in the directions a nearly singular kernel hardly samples); the estimate is unbiased where sigma' is
 * absolutely continuous. sigma'' is the symmetric difference (sigma'(h + e) - sigma'(h - e)) / (2 e) of the slope, an
 * O(e^2) error for a smooth sigma; for a kinked sigma (relu) it is the kink's delta function smoothed over a window of
 * width 2 e (a variance that grows as 1/e and destabilises the iteration), so for a kinked sigma the kink's delta is
 * dropped instead: a bias wherever a kink is crossed with a probability of order 1 (relu). Cost: P^3 (N+1)^3 / 3 multiply-adds per
 * neuron and response (about 10 times the trajectory itself).
 */
final class PathwiseResponses {

    /**
     * Fixed-point sweeps of a tangent's equal-time block: its contraction is of order (dt |M| |N| P)^2 per sweep, about
     * 1e-2 on the grids used, so 12 sweeps leave ~1e-24 (the trajectory's 6 leave ~1e-12; their derivative and this
     * one differ by that much).
     */
    private static final int EQUAL_TIME_ITERATIONS = 12;
    private static final int BATCH = 16;

    private final TimeGrid grid;
    private final DoubleUnaryOperator slope;
    private final double step;
    private final boolean kinked;

    /**
     * @param slope  sigma'
     * @param step   e, the half-width of the symmetric difference giving sigma''
     * @param kinked sigma has kinks (relu, abs, max): where sigma' changes by more than {@link #JUMP} over 2 e, the
     *               difference straddles a kink and is replaced by 0 (the almost-everywhere sigma'': the kink's delta
     *               function is dropped; a smooth stretch would need |sigma''| &gt; JUMP / (2 e) = 50 to be cut)
     */
    PathwiseResponses(TimeGrid grid, DoubleUnaryOperator slope, double step, boolean kinked) {
        this.grid = grid;
        this.slope = slope;
        this.step = step;
        this.kinked = kinked;
    }

    /** The change of sigma' over 2 e beyond which a kinked activation's difference is taken to straddle a kink. */
    static final double JUMP = 1e-2;

    /** sigma''(h) by the symmetric difference of sigma' (0 across a kink of a kinked activation). */
    private double curvature(double h) {
        double jump = slope.applyAsDouble(h + step) - slope.applyAsDouble(h - step);
        return kinked && Math.abs(jump) > JUMP ? 0 : jump / (2 * step);
    }

    /**
     * The population average of dg/du ({@code toU}) or of d sigma(h)/dr (otherwise), D x D, from the neurons'
     * preactivations h and z (each [neuron][row]) and the operators M and N.
     */
    double[][] average(double[][] h, double[][] z, double[][] m, double[][] n, boolean toU) {
        int d = grid.dimension();
        int population = h.length;
        double[][] total = IntStream.range(0, (population + BATCH - 1) / BATCH).parallel().mapToObj(batch -> {
            double[][] sum = new double[d][d];
            double[][] tangentH = new double[d][d];
            double[][] tangentS = new double[d][d];
            double[][] tangentG = new double[d][d];
            for (int i = batch * BATCH; i < Math.min(population, (batch + 1) * BATCH); i++) {
                tangent(h[i], z[i], m, n, toU, tangentH, tangentS, tangentG);
                double[][] x = toU ? tangentG : tangentS;
                for (int row = 0; row < d; row++) {
                    int columns = (row / grid.samples() + 1) * grid.samples();
                    double[] s = sum[row];
                    double[] xr = x[row];
                    for (int c = 0; c < columns; c++) {
                        s[c] += xr[c];
                    }
                }
            }
            return sum;
        }).reduce((a, b) -> Dense.plus(a, 1, b)).orElseThrow();
        return Dense.scale(total, 1.0 / population);
    }

    /**
     * One neuron's tangents: rows (t, mu) of dh, d sigma(h) = S1 dh and dg, columns the sources u (toU) or r, all
     * causal (column blocks after the row's time are zero and left untouched).
     */
    private void tangent(double[] h, double[] z, double[][] m, double[][] n, boolean toU, double[][] th,
            double[][] ts, double[][] tg) {
        int p = grid.samples();
        int d = grid.dimension();
        double[] s1 = new double[d];
        double[] c = new double[d];
        for (int row = 0; row < d; row++) {
            s1[row] = slope.applyAsDouble(h[row]);
            c[row] = curvature(h[row]) * z[row];
        }
        double[][] tz = new double[p][];
        double[][] baseH = new double[p][];
        double[][] baseZ = new double[p][];
        for (int k = 0; k < grid.points(); k++) {
            int start = k * p;
            int columns = start + p;
            for (int mu = 0; mu < p; mu++) {
                int row = start + mu;
                baseH[mu] = history(m[row], tg, start, columns, p);
                baseZ[mu] = history(n[row], ts, start, columns, p);
                (toU ? baseH : baseZ)[mu][row] += 1;
            }
            for (int mu = 0; mu < p; mu++) {
                int row = start + mu;
                System.arraycopy(baseH[mu], 0, th[row], 0, columns);
                tz[mu] = baseZ[mu].clone();
                close(row, columns, th[row], tz[mu], s1, c, ts, tg);
            }
            for (int iteration = 0; iteration < EQUAL_TIME_ITERATIONS; iteration++) {
                for (int mu = 0; mu < p; mu++) {
                    int row = start + mu;
                    double[] hh = th[row];
                    double[] zz = tz[mu];
                    System.arraycopy(baseH[mu], 0, hh, 0, columns);
                    System.arraycopy(baseZ[mu], 0, zz, 0, columns);
                    for (int nu = 0; nu < p; nu++) {
                        axpy(m[row][start + nu], tg[start + nu], hh, columns);
                        axpy(n[row][start + nu], ts[start + nu], zz, columns);
                    }
                }
                for (int mu = 0; mu < p; mu++) {
                    close(start + mu, columns, th[start + mu], tz[mu], s1, c, ts, tg);
                }
            }
        }
    }

    /** d sigma = S1 dh and dg = C dh + S1 dz for one row. */
    private static void close(int row, int columns, double[] dh, double[] dz, double[] s1, double[] c, double[][] ts,
            double[][] tg) {
        double[] s = ts[row];
        double[] g = tg[row];
        for (int col = 0; col < columns; col++) {
            s[col] = s1[row] * dh[col];
            g[col] = c[row] * dh[col] + s1[row] * dz[col];
        }
    }

    /**
     * sum_{j < start} operator[j] x[j] on the first {@code columns} columns; row j of x is causal, non-zero only on
     * its first (j / p + 1) p columns.
     */
    private static double[] history(double[] operator, double[][] x, int start, int columns, int p) {
        double[] out = new double[columns];
        for (int j = 0; j < start; j++) {
            double w = operator[j];
            if (w != 0) {
                axpy(w, x[j], out, (j / p + 1) * p);
            }
        }
        return out;
    }

    private static void axpy(double a, double[] x, double[] y, int columns) {
        for (int col = 0; col < columns; col++) {
            y[col] += a * x[col];
        }
    }
}
