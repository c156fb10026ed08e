package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/**
 * The iteration's tail average against a closed form. A layer solver that returns the kernels c (1 + eps s_k),
 * s_k = (-1)^k alternating from call to call, makes the damped iteration x_{k+1} = (1 - beta) x_k + beta c (1 + eps s_k)
 * settle on a two-cycle c (1 + s eps beta / (2 - beta)) that never reaches the tolerance; its mean over an even number
 * of iterates is c exactly (up to the transient, (1 - beta)^50 here), while the last iterate is off by
 * eps beta / (2 - beta) relative. A layer solver that always returns c converges and is not averaged.
 */
class TailAverageTest {

    private static final double EPS = 0.1;
    private static final double BETA = 0.6;

    @Test
    void aNonSettlingIterationReportsTheMeanOfItsTailIterates() {
        TrainingProblem problem = Problems.of(1, "tanh(z)", 0.5, 2);
        TimeGrid grid = new TimeGrid(problem.time(), 40, problem.network().samples());
        double[][] c = problem.network().inputGram();
        DmftSolver solver = new DmftSolver(problem, grid, new Alternating(grid, c, EPS),
                new DmftSolver.Settings(BETA, 1e-8, 200));
        DmftSolver.Solution s = solver.solve(solver.lazy(), false);
        assertFalse(s.converged());
        assertEquals(100, s.averaged());
        assertTrue(s.spread() > 0);
        double expected = c[0][1] * 3;
        assertEquals(expected, s.kernels().phi()[1][grid.index(7, 0)][grid.index(3, 1)], 1e-12);
        assertEquals(3, s.kernels().g()[1][5][9], 1e-12);
        // K = G^1 Phi^0 + Phi^1 = 3 x + 3 x: the reported NTK is that of the mean kernels
        assertEquals(6 * c[0][1], s.ntk()[20][0][1], 1e-12);
    }

    @Test
    void aConvergedIterationIsNotAveraged() {
        TrainingProblem problem = Problems.of(1, "tanh(z)", 0.5, 2);
        TimeGrid grid = new TimeGrid(problem.time(), 40, problem.network().samples());
        double[][] c = problem.network().inputGram();
        DmftSolver solver = new DmftSolver(problem, grid, new Alternating(grid, c, 0),
                new DmftSolver.Settings(BETA, 1e-8, 200));
        DmftSolver.Solution s = solver.solve(solver.lazy(), false);
        assertTrue(s.converged());
        assertEquals(0, s.averaged());
        assertEquals(0, s.spread());
        assertEquals(c[0][1] * 3, s.kernels().phi()[1][grid.index(7, 0)][grid.index(3, 1)], 1e-7);
    }

    /** Phi = 3 c (1 + eps s_k) at every pair of times, G = 3 (1 + eps s_k), s_k = (-1)^k for the k-th call. */
    private static final class Alternating implements LayerSolver {
        private final TimeGrid grid;
        private final double[][] c;
        private final double eps;
        private int calls;

        Alternating(TimeGrid grid, double[][] c, double eps) {
            this.grid = grid;
            this.c = c;
            this.eps = eps;
        }

        @Override
        public LayerKernels solve(int layer, LayerInputs inputs) {
            double factor = 3 * (1 + eps * (calls++ % 2 == 0 ? 1 : -1));
            int d = grid.dimension();
            int p = grid.samples();
            double[][] phi = new double[d][d];
            double[][] g = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    phi[i][j] = factor * c[i % p][j % p];
                    g[i][j] = factor;
                }
            }
            return new LayerKernels(phi, g, null, null);
        }

        @Override
        public int population() {
            return 0;
        }
    }
}
