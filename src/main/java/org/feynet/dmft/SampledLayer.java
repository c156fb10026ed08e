package org.feynet.dmft;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * The alternating sampling solver's layer step (Bordelon and Pehlevan 2022, sec. on nonlinear networks): a
 * population of m single-neuron processes of {@link LayerInputs}, the Gaussian sources u = F_u e_u, r = F_r e_r drawn
 * from fixed standard normal vectors e (common random numbers: the same e in every iteration, so the iteration is a
 * deterministic map that converges) and F factors of the current kernels (F F^T = kernel). Each neuron's
 * trajectory is integrated forward in time; at each t_k the equal-time (trapezoid diagonal) coupling is solved by
 * fixed-point iteration. The kernels are population averages; the responses follow from Gaussian integration by
 * parts (Stein) in causal form: with r = L e, L the Cholesky factor of G (time-ordered, lower triangular),
 * &lt;sigma(h) e^T&gt; = &lt;d sigma(h) / d r&gt; L, so &lt;d sigma(h) / d r&gt; = &lt;sigma(h) e^T&gt; L^{-1}, both factors causal.
 * A rank-deficient kernel gets a jitter of {@code ridge} times its mean diagonal before it is factored (a relative
 * bias of that order in the sources whose responses are needed, and a bound on the Monte Carlo noise's
 * amplification by L^{-1}); sources whose responses are not needed use the exact symmetric root. Alternatively
 * ({@link ResponseEstimator#PATHWISE}) the responses are the population averages of each neuron's pathwise
 * derivatives ({@link PathwiseResponses}); every source then has the symmetric root of its kernel and no ridge.
 */
final class SampledLayer implements LayerSolver {

    private static final int EQUAL_TIME_ITERATIONS = 6;
    /** Neurons integrated together (their trajectories stay in cache while the rows of M and N stream past). */
    private static final int BATCH = 32;

    private final TimeGrid grid;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;
    private final int population;
    private final int depth;
    private final double ridge;
    private final double[][][] noiseU;
    private final double[][][] noiseR;
    /** The pathwise responses, or null for Gaussian integration by parts. */
    private final PathwiseResponses pathwise;

    /** Step of the symmetric difference of sigma' that gives sigma'' to the pathwise responses. */
    static final double CURVATURE_STEP = 1e-4;

    SampledLayer(TimeGrid grid, DoubleUnaryOperator sigma, DoubleUnaryOperator slope, int depth, int population,
            long seed, double ridge) {
        this(grid, sigma, slope, depth, population, seed, ridge, ResponseEstimator.STEIN);
    }

    /**
     * @param responses how the responses are estimated: by integration by parts (with the ridge) or pathwise (the
     *                  ridge unused: every source then has the exact pivoted factor of its kernel)
     */
    SampledLayer(TimeGrid grid, DoubleUnaryOperator sigma, DoubleUnaryOperator slope, int depth, int population,
            long seed, double ridge, ResponseEstimator responses) {
        this(grid, sigma, slope, depth, population, seed, ridge, responses, false);
    }

    /** @param kinked sigma has kinks (see {@link PathwiseResponses}) */
    SampledLayer(TimeGrid grid, DoubleUnaryOperator sigma, DoubleUnaryOperator slope, int depth, int population,
            long seed, double ridge, ResponseEstimator responses, boolean kinked) {
        this.grid = grid;
        this.ridge = ridge;
        this.sigma = sigma;
        this.slope = slope;
        this.population = population;
        this.depth = depth;
        this.pathwise = responses == ResponseEstimator.PATHWISE
                ? new PathwiseResponses(grid, slope, CURVATURE_STEP, kinked)
                : null;
        SplittableRandom random = new SplittableRandom(seed);
        noiseU = new double[depth + 1][][];
        noiseR = new double[depth + 1][][];
        int d = grid.dimension();
        for (int l = 1; l <= depth; l++) {
            double[][] e = normals(random, population, 2 * d);
            if (population >= 2 * d) {
                e = whitened(e);
            }
            noiseU[l] = new double[population][];
            noiseR[l] = new double[population][];
            for (int i = 0; i < population; i++) {
                noiseU[l][i] = java.util.Arrays.copyOfRange(e[i], 0, d);
                noiseR[l][i] = java.util.Arrays.copyOfRange(e[i], d, 2 * d);
            }
        }
    }

    /**
     * E L^{-T} with L L^T = E^T E / m (Cholesky): the population's noise made exactly white (moment matching), so
     * that the Gaussian sources have exactly the kernels' covariance and u and r are exactly uncorrelated over the
     * population. This removes the Monte Carlo error of every Gaussian (lazy, deep-linear) part of the kernels and
     * the spurious responses at gamma0 = 0; the estimates stay consistent, and replicas stay independent.
     */
    private static double[][] whitened(double[][] e) {
        double[][] covariance = Dense.scale(Dense.gram(e), 1.0 / e.length);
        return Dense.multiply(e, Dense.transpose(Dense.cholesky(covariance, 0)[1]));
    }

    private static double[][] normals(SplittableRandom random, int rows, int columns) {
        double[][] e = new double[rows][columns];
        for (double[] row : e) {
            for (int j = 0; j < columns; j++) {
                row[j] = gaussian(random);
            }
        }
        return e;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public int population() {
        return population;
    }

    @Override
    public LayerKernels solve(int layer, LayerInputs in) {
        return solve(layer, in, true);
    }

    /** Pathwise responses cost about 10 times the trajectories: they are left out where they are not used. */
    @Override
    public LayerKernels kernels(int layer, LayerInputs in) {
        return solve(layer, in, pathwise == null);
    }

    private LayerKernels solve(int layer, LayerInputs in, boolean responses) {
        boolean needsB = layer > 1;
        boolean needsA = layer < depth;
        double[][][] factorU = factor(in.below(), needsB);
        double[][][] factorR = factor(in.above(), needsA);
        double[][] u = Dense.multiply(noiseU[layer], Dense.transpose(factorU[0]));
        double[][] r = Dense.multiply(noiseR[layer], Dense.transpose(factorR[0]));
        double[][] m = in.operatorOnG(grid);
        double[][] n = in.operatorOnSigma(grid);
        int d = grid.dimension();
        double[][] activations = new double[population][d];
        double[][] gradients = new double[population][d];
        double[][] hs = new double[population][d];
        double[][] zs = new double[population][d];
        IntStream.range(0, (population + BATCH - 1) / BATCH).parallel().forEach(batch -> neurons(batch * BATCH,
                Math.min(population, (batch + 1) * BATCH), u, r, m, n, activations, gradients, hs, zs));
        double[][] phi = Dense.scale(Dense.gram(activations), 1.0 / population);
        double[][] g = Dense.scale(Dense.gram(gradients), 1.0 / population);
        double[][] toR;
        double[][] toU;
        if (pathwise != null) {
            toR = needsA && responses ? pathwise.average(hs, zs, m, n, false) : null;
            toU = needsB && responses ? pathwise.average(hs, zs, m, n, true) : null;
        } else {
            toR = needsA ? response(activations, noiseR[layer], factorR[1]) : null;
            toU = needsB ? response(gradients, noiseU[layer], factorU[1]) : null;
        }
        return new LayerKernels(phi, g, toR, toU);
    }

    /**
     * One neuron's trajectory for given sources u and r (each of length D) and operators M and N: {h, z, sigma(h), g}
     * at every (t_k, mu), as the population's neurons are integrated.
     */
    double[][] trajectory(double[] u, double[] r, double[][] m, double[][] n) {
        int d = grid.dimension();
        double[][] out = new double[4][d];
        double[][] s = {out[2]};
        double[][] g = {out[3]};
        neurons(0, 1, new double[][] {u}, new double[][] {r}, m, n, s, g, new double[][] {out[0]},
                new double[][] {out[1]});
        return out;
    }

    /**
     * A factor F of the covariance with F F^T = c, and in [1] its inverse: the Cholesky factor of c plus a jitter of
     * {@code ridge} times the mean diagonal when a response to this source is needed (causal integration by parts),
     * with pathwise responses the symmetric root of c instead (no ridge, and a continuous function of c, so that the
     * iteration stays a continuous map: the pivoted factor's pivots jump as c changes),
     * otherwise the pivoted Cholesky factor of c itself (exact for a rank-deficient c, up to pivots of
     * {@link Dense#PIVOT_TOLERANCE} of the largest variance), its columns padded with zeros to a square matrix.
     */
    private double[][][] factor(double[][] covariance, boolean response) {
        if (response && pathwise != null) {
            return new double[][][] {Dense.roots(covariance, 0)[0], null};
        }
        if (response) {
            return Dense.cholesky(covariance, ridge);
        }
        int d = covariance.length;
        double[][] pivoted = Dense.lowRankFactor(covariance, d);
        double[][] square = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(pivoted[i], 0, square[i], 0, pivoted[i].length);
        }
        return new double[][][] {square, null};
    }

    /**
     * &lt;d x / d source&gt; = &lt;x e^T&gt; L^{-1} with source = L e, L lower triangular: &lt;x e^T&gt; = &lt;dx/d source&gt; L
     * is causal (block lower-triangular in time) in expectation, so its acausal part, pure Monte Carlo noise, is
     * dropped first, and the product with L^{-1} is causal too.
     */
    private double[][] response(double[][] x, double[][] noise, double[][] inverseFactor) {
        double[][] correlation = Dense.scale(Dense.multiply(Dense.transpose(x), noise), 1.0 / population);
        int p = grid.samples();
        for (int row = 0; row < correlation.length; row++) {
            int k = row / p;
            for (int column = (k + 1) * p; column < correlation.length; column++) {
                correlation[row][column] = 0;
            }
        }
        return Dense.multiply(correlation, inverseFactor);
    }

    /**
     * The trajectories of neurons {@code from} .. {@code to - 1}: writes sigma(h) and g = sigma'(h) z at every
     * (t_k, mu). Time step by time step, the causal (earlier-time) part of h and z is summed for the whole batch
     * with each row of M and N read once; then each neuron's equal-time coupling is solved.
     */
    private void neurons(int from, int to, double[][] u, double[][] r, double[][] m, double[][] n, double[][] s,
            double[][] g, double[][] hs, double[][] zs) {
        int p = grid.samples();
        double[][] baseH = new double[to - from][p];
        double[][] baseZ = new double[to - from][p];
        double[] h = new double[p];
        double[] z = new double[p];
        for (int k = 0; k < grid.points(); k++) {
            int start = k * p;
            for (int mu = 0; mu < p; mu++) {
                int row = start + mu;
                double[] mRow = m[row];
                double[] nRow = n[row];
                for (int i = from; i < to; i++) {
                    baseH[i - from][mu] = u[i][row] + Dense.dot(mRow, g[i], start);
                    baseZ[i - from][mu] = r[i][row] + Dense.dot(nRow, s[i], start);
                }
            }
            for (int i = from; i < to; i++) {
                equalTime(start, baseH[i - from], baseZ[i - from], m, n, s[i], g[i], h, z);
                System.arraycopy(h, 0, hs[i], start, p);
                System.arraycopy(z, 0, zs[i], start, p);
            }
        }
    }

    /**
     * h_mu = baseH_mu + sum_nu M(t_k mu, t_k nu) g_nu and z_mu = baseZ_mu + sum_nu N(t_k mu, t_k nu) sigma(h_nu) at one
     * time t_k (row offset {@code start}), by fixed-point iteration from h = baseH, z = baseZ (the coupling is of
     * order dt).
     */
    private void equalTime(int start, double[] baseH, double[] baseZ, double[][] m, double[][] n, double[] s,
            double[] g, double[] h, double[] z) {
        int p = baseH.length;
        for (int mu = 0; mu < p; mu++) {
            s[start + mu] = sigma.applyAsDouble(baseH[mu]);
            g[start + mu] = slope.applyAsDouble(baseH[mu]) * baseZ[mu];
        }
        for (int iteration = 0; iteration < EQUAL_TIME_ITERATIONS; iteration++) {
            for (int mu = 0; mu < p; mu++) {
                int row = start + mu;
                double hh = baseH[mu];
                double zz = baseZ[mu];
                for (int nu = 0; nu < p; nu++) {
                    hh += m[row][start + nu] * g[start + nu];
                    zz += n[row][start + nu] * s[start + nu];
                }
                h[mu] = hh;
                z[mu] = zz;
            }
            for (int mu = 0; mu < p; mu++) {
                s[start + mu] = sigma.applyAsDouble(h[mu]);
                g[start + mu] = slope.applyAsDouble(h[mu]) * z[mu];
            }
        }
    }
}
