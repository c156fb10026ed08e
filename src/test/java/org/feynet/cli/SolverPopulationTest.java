package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.feynet.lang.ModelReader;
import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/** The DMFT sampling solver's population: the default whitens the noise of any grid; an explicit one is kept. */
class SolverPopulationTest {

    /** P = 3 inputs, depth 2, the given activation. */
    private static TrainingProblem problem(String sigma) {
        String text = "network m {\n  width n\n  depth L = 2\n  activation sigma(z) = " + sigma + "\n"
                + "  init W ~ normal(0, 1)\n  input x = [[1, 0], [0.5, 1], [-1, 0.8]]\n  z[1] = W[1] . x / sqrt(n0)\n"
                + "  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n"
                + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = 0.5\n}\n"
                + "train m {\n  targets y = [1, -1, 0.5]\n  loss mse\n"
                + "  gradient flow with rate gamma0^2 * n for t = 0 .. 2\n}\nderive dynamics\n";
        return ModelReader.parse("t.fnet", text).trainings().get(0);
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
