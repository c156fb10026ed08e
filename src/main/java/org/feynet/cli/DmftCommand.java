package org.feynet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.dmft.Curves;
import org.feynet.dmft.DmftResult;
import org.feynet.dmft.Dynamics;
import org.feynet.dmft.DynamicsJson;
import org.feynet.dmft.DynamicsPlot;
import org.feynet.model.TrainingProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet dmft}: the infinite-width dynamics of a train block and its approximations. */
@Command(name = "dmft", mixinStandardHelpOptions = true,
        description = {"Infinite-width gradient-flow dynamics of a mean-field network (dynamical mean-field theory):",
                "the deep-linear closed equations for a linear activation, the alternating sampling solver otherwise,",
                "with the static-NTK, gradient-independence and leading-order perturbative approximations."})
final class DmftCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainingOptions options;

    @Option(names = "--json", description = "print the JSON of docs/OUTPUTS.md on stdout and nothing else there")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE", description = "plot loss, NTK entries and alignment (.png or .svg)")
    Path plot;

    @Option(names = "--steps", paramLabel = "N", description = "time steps, a multiple of 40 (default: ${DEFAULT-VALUE})")
    int steps = 40;

    @Option(names = "--sampling", description = "use the sampling solver even for a linear activation")
    boolean sampling;

    @Option(names = "--population", paramLabel = "M", description = {"sampling solver: neurons per layer per replica"
            + " (default: 400), 1600 for a kinked activation at depth >= 2,", "raised to 2 (steps + 1) P when that is"
            + " larger (the solver whitens its noise)"})
    Integer population;

    @Option(names = "--replicas", paramLabel = "R",
            description = "sampling solver: independent replicas for the Monte Carlo error (default: ${DEFAULT-VALUE})")
    int replicas = 4;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--damping", paramLabel = "BETA", description = "mixing of new kernels, 0 < BETA <= 1 (default: ${DEFAULT-VALUE})")
    double damping = 0.6;

    @Option(names = "--tolerance", paramLabel = "TOL", description = "largest relative kernel change at convergence (default: ${DEFAULT-VALUE})")
    double tolerance = 1e-6;

    @Option(names = "--max-iterations", paramLabel = "K", description = "most iterations (default: ${DEFAULT-VALUE})")
    int maxIterations = 300;

    @Option(names = "--anderson", paramLabel = "M", description = {"history of the iteration's Anderson acceleration;"
            + " 0 for plain damping (default: ${DEFAULT-VALUE})"})
    int anderson = Dynamics.Options.HISTORY;

    @Option(names = "--responses", paramLabel = "HOW", description = {"sampling solver: responses by 'pathwise'"
            + " derivatives, 'stein' (integration by parts) or 'smoothed'", "(kinks smoothed into softplus of width"
            + " 1/beta, beta = 8, 16, 32, pathwise, extrapolated to 1/beta = 0);", "default: smoothed for a kinked"
            + " activation at depth >= 2 (relu, abs, max),", "pathwise for a smooth activation with an even part"
            + " (softplus), stein otherwise (tanh, relu at depth 1)"})
    String responses;

    @Option(names = "--ridge", paramLabel = "RHO",
            description = "sampling solver: ridge of the responses' inverse, relative (default: ${DEFAULT-VALUE})")
    double ridge = Dynamics.Options.RIDGE;

    @Option(names = "--static-ntk", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "include the static-NTK solution (kernel regression with K(0)); default on")
    boolean staticNtk;

    @Option(names = "--gia", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "include the gradient-independence approximation; default on")
    boolean gia;

    @Option(names = "--perturbative", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "include leading-order perturbation theory in gamma0; default on")
    boolean perturbative;

    @Option(names = "--time-error", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "estimate the time-discretisation error by a solve with N/2 steps; default on")
    boolean timeError;

    @Option(names = "--timing", description = "report the wall and CPU time of each phase of the solve on stderr")
    boolean timing;

    @Override
    public Integer call() {
        TrainingProblem problem = options.problem();
        if (plot != null) {
            OutputFiles.plot("--plot", plot);
        }
        Checks.atLeast("--steps", steps, 40);
        if (steps % 40 != 0) {
            throw new UserError("--steps must be a multiple of 40 (got " + steps + ")");
        }
        int neurons = SolverPopulation.resolve(population, steps, problem, sampling, spec.commandLine().getErr());
        Checks.atLeast("--replicas", replicas, 2);
        Checks.atLeast("--max-iterations", maxIterations, 1);
        if (!(damping > 0 && damping <= 1)) {
            throw new UserError("--damping must be in (0, 1] (got " + damping + ")");
        }
        if (!(ridge >= 0)) {
            throw new UserError("--ridge must be at least 0 (got " + ridge + ")");
        }
        if (!(tolerance > 0)) {
            throw new UserError("--tolerance must be positive (got " + tolerance + ")");
        }
        if (anderson < 0 || anderson > 50) {
            throw new UserError("--anderson must be in 0 .. 50 (got " + anderson + ")");
        }
        DmftResult result = Dynamics.solve(problem, new Dynamics.Options(steps, sampling, neurons, replicas, seed,
                damping, tolerance, maxIterations, staticNtk, gia, perturbative, timeError, ridge, anderson,
                estimator(responses)),
                line -> {
                    if (timing) {
                        spec.commandLine().getErr().println("timing: " + line);
                    }
                });
        if (plot != null) {
            DynamicsPlot.write(problem.network().name(), result, plot);
        }
        if (json) {
            spec.commandLine().getOut().println(DynamicsJson.of(problem, result));
        } else {
            spec.commandLine().getOut().print(text(problem, result));
            if (plot != null) {
                spec.commandLine().getOut().println("plot written to " + plot);
            }
        }
        return 0;
    }

    /** The estimator named on the command line, or null (the activation's default). */
    static org.feynet.dmft.ResponseEstimator estimator(String name) {
        if (name == null) {
            return null;
        }
        for (org.feynet.dmft.ResponseEstimator e : org.feynet.dmft.ResponseEstimator.values()) {
            if (e.key().equals(name)) {
                return e;
            }
        }
        throw new UserError("--responses must be 'pathwise', 'stein' or 'smoothed' (got '" + name + "')");
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    static String text(TrainingProblem problem, DmftResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: depth %d, activation %s, P = %d, gamma0 = %s, T = %s%n",
                problem.network().name(), problem.network().depth(), problem.network().activation().name(),
                problem.network().samples(), problem.network().gamma0(), problem.time()));
        s.append(String.format(Locale.ROOT, "solver %s, %d time steps (trapezoid rule), %d iterations, last change %.2e "
                + "(tolerance %.1e, %s; %s)%n", r.solver(), r.steps(), r.iterations(), r.change(), r.tolerance(),
                r.converged() ? "converged" : "NOT converged",
                r.anderson() > 0 ? "Anderson acceleration, history " + r.anderson() : "plain damping"));
        if (r.averaged() > 0) {
            s.append(String.format(Locale.ROOT, "not converged: reported is the mean of the last %d iterates (their f "
                    + "spreads by %.1e; the replicas' standard error includes it)%n", r.averaged(),
                    r.iterationSpread()));
        }
        if (r.population() > 0) {
            s.append(String.format(Locale.ROOT, "population %d neurons per layer x %d replicas, %s responses; +- is the "
                    + "Monte Carlo standard error between replicas%n", r.population(), r.replicas(), r.responses().key()));
        }
        if (r.smoothing() != null) {
            double[] b = r.smoothing().betas();
            int last = r.times().length - 1;
            StringBuilder rungs = new StringBuilder();
            for (int k = 0; k < b.length; k++) {
                rungs.append(String.format(Locale.ROOT, "%s%s: %.6f", k > 0 ? ", " : "", fmt(b[k]),
                        r.smoothing().rungs().get(k).loss()[last]));
            }
            s.append(String.format(Locale.ROOT, "kinks smoothed into softplus of width 1/beta, each beta solved with "
                    + "pathwise responses (same noise), extrapolated to 1/beta = 0 by a polynomial of degree %d; "
                    + "loss(T) at beta %s; extrapolation error of loss(T) %.1e (the +- below is the Monte Carlo "
                    + "error of the extrapolated value)%n", b.length - 1, rungs,
                    r.smoothing().extrapolationError().loss()[last]));
        }
        if (!Double.isNaN(r.timeError())) {
            s.append(String.format(Locale.ROOT, "time discretisation error of f (Richardson, N vs N/2): %.1e%n",
                    r.timeError()));
        }
        s.append(String.format(Locale.ROOT, "%n%6s %12s", "t", "loss"));
        if (r.fullError() != null) {
            s.append(String.format(Locale.ROOT, " %9s", "+-"));
        }
        for (String name : r.approximations().keySet()) {
            s.append(String.format(Locale.ROOT, " %12s", name));
        }
        s.append(String.format(Locale.ROOT, " %9s %9s%n", "K_11", "alignment"));
        for (int i = 0; i < r.times().length; i++) {
            s.append(String.format(Locale.ROOT, "%6.2f %12.6f", r.times()[i], r.full().loss()[i]));
            if (r.fullError() != null) {
                s.append(String.format(Locale.ROOT, " %9.1e", r.fullError().loss()[i]));
            }
            for (Map.Entry<String, Curves> e : r.approximations().entrySet()) {
                s.append(String.format(Locale.ROOT, " %12.6f", e.getValue().loss()[i]));
            }
            s.append(String.format(Locale.ROOT, " %9.4f %9.4f%n", r.full().ntk()[i][0][0], r.full().alignment()[i]));
        }
        s.append("(--json for f, the NTK, Phi, G and Phi(T, 0) of every layer)\n");
        return s.toString();
    }
}
