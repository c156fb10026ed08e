package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.feynet.dmft.Problems;
import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/** The DMFT sampling solver's population: the default whitens the noise of any grid; an explicit one is kept. */
class SolverPopulationTest {

    /** P = 3 inputs, depth 2, the given activation ({@link Problems}). */
    private static TrainingProblem problem(String sigma) {
        return Problems.of(2, sigma, 0.5, 2);
    }

    @Test
    void theDefaultIsFourHundredOrTwiceTheGridsNoiseCoordinates() {
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(err, true);
        TrainingProblem tanh = problem("tanh(z)");
        assertEquals(400, SolverPopulation.resolve(null, 40, tanh, false, out)); // 2 * 41 * 3 = 246
        assertEquals(2 * 81 * 3, SolverPopulation.resolve(null, 80, tanh, false, out));
        assertEquals(2 * 161 * 3, SolverPopulation.resolve(null, 160, tanh, false, out));
        assertEquals("", err.toString());
    }

    @Test
    void anExplicitPopulationBelowTheMinimumIsKeptWithANote() {
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(err, true);
        assertEquals(200, SolverPopulation.resolve(200, 40, problem("tanh(z)"), false, out));
        assertTrue(err.toString().contains("--population 200 is below 2 (steps + 1) P = 246"), err.toString());
        StringWriter quiet = new StringWriter();
        assertEquals(200, SolverPopulation.resolve(200, 40, problem("z"), false, new PrintWriter(quiet, true)));
        assertEquals("", quiet.toString(), "a linear network is solved in closed form: no note");
        assertThrows(UserError.class, () -> SolverPopulation.resolve(8, 40, problem("tanh(z)"), false, out));
    }
}
