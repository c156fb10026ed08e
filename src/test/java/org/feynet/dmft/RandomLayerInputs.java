package org.feynet.dmft;

import java.util.SplittableRandom;

/**
 * Random but valid inputs of one layer's single-neuron processes, for tests of identities that hold for any inputs:
 * kernels below (rank 2) and above (full rank) that are positive semi-definite, causal responses of size 0.05 (block
 * lower-triangular in time), residuals in (-1, 1) and gamma0 = 0.9.
 */
final class RandomLayerInputs {

    private RandomLayerInputs() {}

    static LayerInputs draw(TimeGrid grid, SplittableRandom random) {
        int d = grid.dimension();
        double[][] thin = uniform(random, d, 2, 1);
        double[][] wide = uniform(random, d + 5, d, 1 / Math.sqrt(d));
        double[][] below = Dense.multiply(thin, Dense.transpose(thin));
        double[][] above = Dense.multiply(Dense.transpose(wide), wide);
        double[][] responseBelow = causal(d, grid.samples(), random);
        double[][] responseAbove = causal(d, grid.samples(), random);
        double[][] delta = uniform(random, grid.points(), grid.samples(), 1);
        return new LayerInputs(below, above, responseBelow, responseAbove, delta, 0.9);
    }

    private static double[][] uniform(SplittableRandom random, int rows, int columns, double size) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextDouble(-1, 1) * size;
            }
        }
        return m;
    }

    private static double[][] causal(int d, int block, SplittableRandom random) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < (i / block + 1) * block; j++) {
                m[i][j] = random.nextDouble(-0.05, 0.05);
            }
        }
        return m;
    }
}
