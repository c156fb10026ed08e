package org.feynet.cli;

import java.io.PrintWriter;
import org.feynet.dmft.Dynamics;
import org.feynet.model.TrainingProblem;

/**
 * The population of the DMFT sampling solver: 400 neurons per layer and replica by default (1600 for a kinked
 * activation at depth L >= 2, {@link Dynamics#defaultPopulation}), raised to
 * {@link Dynamics#minimumPopulation} (2 (steps + 1) P, the noise coordinates the solver whitens) when that is larger.
 * A population the user asks for below that minimum is used as asked, with a note on standard error.
 */
final class SolverPopulation {

    /** The default population where the grid does not ask for more: the solver's own default. */
    static final int DEFAULT = Dynamics.Options.defaults().population();

    private SolverPopulation() {}

    /**
     * @param requested the --population given, or null
     * @param sampling  --sampling (the sampling solver even for a linear network)
     * @param err       where the note on an unwhitened population goes
     */
    static int resolve(Integer requested, int steps, TrainingProblem problem, boolean sampling, PrintWriter err) {
        int least = Dynamics.minimumPopulation(steps, problem.network().samples());
        if (requested == null) {
            return Math.max(Dynamics.defaultPopulation(problem), least);
        }
        Checks.atLeast("--population", requested, 16);
        if (Dynamics.samples(problem, sampling) && requested < least) {
            err.println("feynet: note: --population " + requested + " is below 2 (steps + 1) P = " + least
                    + ", so the solver's noise is not whitened: more Monte Carlo error, and the iteration may not"
                    + " converge");
        }
        return requested;
    }
}
