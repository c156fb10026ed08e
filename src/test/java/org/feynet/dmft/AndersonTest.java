package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/**
 * Anderson acceleration against closed forms, and in the DMFT iteration against plain damping.
 */
class AndersonTest {

    /**
     * x = J x + b with J = diag(1.5, 0.5, -0.9) + a small coupling: the eigenvalue 1.5 puts the damped map's
     * 1 + beta (lambda - 1) = 1.3 outside the unit disc for beta = 0.6, so damping diverges, while Anderson (a Krylov
     * method on a linear map) reaches the fixed point (I - J)^{-1} b to rounding within a few iterations more than the
     * dimension.
     */
    @Test
    void reachesTheFixedPointOfALinearMapThatDampingCannot() {
        double[][] j = {{1.5, 0.1, 0}, {0, 0.5, 0.2}, {0.1, 0, -0.9}};
        double[] b = {1, -2, 0.5};
        double[] exact = solve(j, b);
        double[] damped = iterate(new Anderson(0, 0.6), j, b, 40);
        assertTrue(Math.abs(damped[0] - exact[0]) > 1e3, "damping diverges");
        double[] accelerated = iterate(new Anderson(5, 0.6), j, b, 12);
        for (int i = 0; i < 3; i++) {
            assertEquals(exact[i], accelerated[i], 1e-10, "component " + i);
        }
    }

    /**
     * The DMFT iteration of the tanh network of issue 12 (full solution and gradient independence, 400 neurons)
     * converges with Anderson in fewer iterations than with damping, to the same kernels within the tolerance (1e-8
     * here).
     */
    @Test
    void theAcceleratedDmftIterationReachesTheDampedFixedPointFaster() {
        TrainingProblem problem = EvenActivationConvergenceTest.issue12("tanh(z)");
        TimeGrid grid = new TimeGrid(problem.time(), 40, problem.network().samples());
        for (boolean gia : new boolean[] {false, true}) {
            DmftSolver.Solution damped = solve(problem, grid, 0, gia, 400);
            DmftSolver.Solution fast = solve(problem, grid, 5, gia, 400);
            assertTrue(damped.converged() && fast.converged(), "gia " + gia + ": damped " + damped.iterations() + " "
                    + damped.change() + ", accelerated " + fast.iterations() + " " + fast.change());
            assertTrue(fast.iterations() < damped.iterations(), "gia " + gia + ": " + fast.iterations() + " against "
                    + damped.iterations());
            assertTrue(fast.kernels().change(damped.kernels()) < 1e-7, "gia " + gia);
            assertEquals(damped.f()[40][0], fast.f()[40][0], 1e-7);
        }
    }

    private static DmftSolver.Solution solve(TrainingProblem problem, TimeGrid grid, int history, boolean gia,
            int population) {
        DmftSolver solver = solver(problem, grid, history, population);
        return solver.solve(solver.lazy(), gia);
    }

    private static DmftSolver solver(TrainingProblem problem, TimeGrid grid, int history, int population) {
        SampledLayer layers = new SampledLayer(grid, Math::tanh, z -> 1 / (Math.cosh(z) * Math.cosh(z)), 2, population, 1,
                Dynamics.Options.RIDGE);
        return new DmftSolver(problem, grid, layers, new DmftSolver.Settings(0.6, 1e-8, 300, history));
    }

    private static double[] iterate(Anderson anderson, double[][] j, double[] b, int iterations) {
        double[] x = new double[3];
        for (int k = 0; k < iterations; k++) {
            double[] r = new double[3];
            for (int i = 0; i < 3; i++) {
                r[i] = b[i] - x[i];
                for (int c = 0; c < 3; c++) {
                    r[i] += j[i][c] * x[c];
                }
            }
            x = anderson.next(x, r);
        }
        return x;
    }

    /** (I - J)^{-1} b by Cramer's rule. */
    private static double[] solve(double[][] j, double[] b) {
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 3; c++) {
                a[i][c] = (i == c ? 1 : 0) - j[i][c];
            }
        }
        double det = det(a);
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] m = new double[3][];
            for (int i = 0; i < 3; i++) {
                m[i] = a[i].clone();
                m[i][c] = b[i];
            }
            x[c] = det(m) / det;
        }
        return x;
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
