package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/**
 * The alternating sampling solver, run on a linear network with feature learning (gamma0 = 0.7), against the
 * deep-linear closed equations. Both iterate the same saddle-point equations, but the sampling solver only through
 * a population: its kernels are population averages and its responses come from Gaussian integration by parts, so
 * it shares no formula for the kernels with {@link LinearLayer}. With a whitened population (more neurons than twice
 * the grid dimension) the Gaussian parts are reproduced exactly, and what is left is the ridge of the regularised
 * inverse in the responses and the iteration tolerance (1e-8). With the ridge at 1e-9 the tolerance 1e-4 on f and
 * on the NTK leaves room for rounding only; with the default ridge (3e-3, large enough for the iteration of a tanh
 * network to converge) the responses are biased by about that relative amount, which moves f and K by about
 * 1.3 times the ridge (measured on examples/dmft_tanh.fnet with a linear activation: 4.1e-3 on f, 2.3e-3 on K), and
 * the tolerance is 1e-2. Both are far below the feature-learning effect itself (checked: the
 * full solution moves the NTK by more than 0.05 from its initial value).
 */
class DeepLinearSamplingTest {

    @Test
    void samplingSolverOnALinearNetworkReproducesTheClosedEquations() {
        compare(1e-9, 1e-4, null);
    }

    @Test
    void theDefaultRidgeBiasesTheResponsesLittle() {
        compare(Dynamics.Options.RIDGE, 1e-2, ResponseEstimator.STEIN);
    }

    /**
     * Pathwise responses (the default for a smooth activation with an even part) are exact for linear neurons and need no ridge; the
     * whitened sources make the kernels exact too, so only the iteration tolerance (1e-8) and rounding are left.
     */
    @Test
    void pathwiseSamplingSolverOnALinearNetworkReproducesTheClosedEquations() {
        compare(Dynamics.Options.RIDGE, 1e-7, ResponseEstimator.PATHWISE);
    }

    private static void compare(double ridge, double tolerance, ResponseEstimator responses) {
        TrainingProblem problem = Problems.of(2, "z", 0.7, 4);
        Dynamics.Options exact = new Dynamics.Options(40, false, 0, 1, 1, 0.6, 1e-8, 300, false, false, false, false);
        Dynamics.Options sampled = new Dynamics.Options(40, true, 300, 2, 5, 0.6, 1e-8, 300, false, false, false, false,
                ridge, Dynamics.Options.HISTORY, responses);
        DmftResult closed = Dynamics.solve(problem, exact);
        DmftResult sampling = Dynamics.solve(problem, sampled);
        assertEquals("deep-linear", closed.solver());
        assertEquals("sampling", sampling.solver());
        assertTrue(closed.converged() && sampling.converged());
        int last = closed.times().length - 1;
        assertTrue(Math.abs(closed.full().ntk()[last][0][0] - closed.full().ntk()[0][0][0]) > 0.05,
                "features must move for the test to mean something");
        for (int i = 0; i <= last; i++) {
            for (int mu = 0; mu < 3; mu++) {
                assertEquals(closed.full().f()[i][mu], sampling.full().f()[i][mu], tolerance, "f at " + i);
                for (int nu = 0; nu < 3; nu++) {
                    assertEquals(closed.full().ntk()[i][mu][nu], sampling.full().ntk()[i][mu][nu], tolerance,
                            "K at " + i);
                }
            }
        }
    }
}
