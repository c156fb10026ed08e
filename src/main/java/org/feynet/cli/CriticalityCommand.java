package org.feynet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.feynet.derive.ActivationCalculus;
import org.feynet.model.MlpModel;
import org.feynet.numerics.CollectiveFieldTheory;
import org.feynet.numerics.Criticality;
import org.feynet.numerics.CriticalityAnalysis;
import org.feynet.numerics.FiniteWidthDepth;
import org.feynet.numerics.PhaseDiagram;
import org.feynet.numerics.TiedLocalRate;
import org.feynet.numerics.UniversalityClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet criticality}: the infinite-width fixed points and susceptibilities of the network's activation at its
 * (Cb, Cw) (PDLT chapter 5), the phase and universality class; optionally the (Cb, Cw) phase diagram and a LaTeX
 * derivation.
 */
@Command(name = "criticality", mixinStandardHelpOptions = true,
        description = {"Infinite-width criticality: the fixed point K* of K -> Cb + Cw <sigma^2>_K, chi_par, chi_perp,",
                "the Lyapunov exponent, the correlation fixed point c* and chi_c, the correlation depths, the phase",
                "and the universality class; --phase-diagram draws the (Cb, Cw) plane."})
final class CriticalityCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--json", description = "print the JSON of docs/OUTPUTS.md on stdout and nothing else there")
    boolean json;

    @Option(names = "--finite-width", description = {"also the 1/n corrections of the correlation depths:",
            "chi_par_1, xi_par_1, chi_c_1, xi_c_1 (docs/METHOD.md, Correlation depth at finite width)"})
    boolean finiteWidth;

    @Option(names = "--phase-diagram", description = "draw the (Cb, Cw) phase diagram with its critical line (PNG and SVG)")
    boolean phaseDiagram;

    @Option(names = "--plot-file", paramLabel = "FILE",
            description = "phase diagram file, .png or .svg; the other format is written beside it"
                    + " (default: MODEL-phase-diagram.png and .svg)")
    Path plotFile;

    @Option(names = "--latex", paramLabel = "FILE", description = "also write the derivation as a LaTeX document")
    Path latex;

    @Option(names = "--tolerance", paramLabel = "TOL",
            description = "|chi - 1| at most TOL counts as critical (default: ${DEFAULT-VALUE})")
    double tolerance = CriticalityAnalysis.DEFAULT_TOLERANCE;

    @Option(names = "--cb-range", split = ",", paramLabel = "MIN,MAX",
            description = "phase diagram: range of Cb (default: 0 to max(1, 2 Cb))")
    List<Double> cbRange;

    @Option(names = "--cw-range", split = ",", paramLabel = "MIN,MAX",
            description = "phase diagram: range of Cw (default: 0.05 to max(3, 2 Cw, 2 critical Cw))")
    List<Double> cwRange;

    @Option(names = "--grid", paramLabel = "N",
            description = "phase diagram: points per axis, 3 to " + MAX_GRID + " (default: ${DEFAULT-VALUE})")
    int grid = 41;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    /**
     * The most points per axis of the phase diagram: 640 000 fixed-point searches, minutes of CPU time and about
     * 2 GB of memory; the plot is {@value PhaseDiagramPlot#WIDTH} pixels wide, so finer grids add nothing to it.
     */
    static final int MAX_GRID = 800;

    /**
     * CPU seconds and bytes of memory per grid point, for the estimate: tanh at --grid 300 (90 000 points) took 28 s
     * of CPU and 434 MB resident against 7 s and 180 MB at --grid 21, on the 2-core development machine.
     */
    private static final double SECONDS_PER_POINT = 2.5e-4;
    private static final double BYTES_PER_POINT = 3000;

    private static String gridTooFine(int points) {
        double cells = (double) points * points;
        return String.format(Locale.ROOT, "--grid must be at most %d points per axis (got %d): %.3g (Cb, Cw) points"
                + " would take about %s of CPU time and %.3g GB of memory for the plots, which are %d x %d pixels"
                + " (hint: --grid %d or less; zoom in with --cb-range and --cw-range)", MAX_GRID, points, cells,
                duration(cells * SECONDS_PER_POINT), cells * BYTES_PER_POINT / 1e9, PhaseDiagramPlot.WIDTH,
                PhaseDiagramPlot.HEIGHT, MAX_GRID);
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : seconds < 7200 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
                : String.format(Locale.ROOT, "%.3g hours", seconds / 3600);
    }

    @Override
    public Integer call() {
        Subject.Network network = options.network();
        MlpModel model = network.model();
        if (!(tolerance > 0 && tolerance < 0.1)) {
            throw new UserError("--tolerance must lie in (0, 0.1) (got " + tolerance + ")");
        }
        Checks.atLeast("--grid", grid, 3);
        if (grid > MAX_GRID) {
            throw new UserError(gridTooFine(grid));
        }
        if (phaseDiagram) {
            plotPaths(model);
        }
        if (latex != null) {
            OutputFiles.inExistingFolder("--latex", latex);
        }
        double[] cbs = range("--cb-range", cbRange, 0, Math.max(1, 2 * model.cb()), 0);
        CriticalityAnalysis analysis = Pipeline.criticality(model, tolerance);
        double[] cws = range("--cw-range", cwRange, 0.05, Math.max(3, Math.max(2 * model.cw(),
                2 * criticalCw(analysis.universality()))), Double.MIN_VALUE);
        double start = startKernel(network);
        Criticality result = analysis.at(model.cb(), model.cw(), start);
        FiniteWidthDepth.Result corrections = finiteWidth ? FiniteWidthDepth.of(analysis.engine(), result) : null;
        if (finiteWidth && model.tied()) {
            CollectiveFieldRoute.checkBudget(network, 1, true, RATE_QUADRATURE);
        }
        java.util.List<TiedLocalRate> tiedRates = finiteWidth && model.tied() ? tiedRates(model, start) : null;
        Map<String, String> files = new LinkedHashMap<>();
        if (phaseDiagram) {
            PhaseDiagram diagram;
            try (Progress bar = Progress.start("phase diagram", grid, !quiet)) {
                diagram = PhaseDiagram.compute(analysis, cbs[0], cbs[1], cws[0], cws[1], grid, start, bar::stepTo);
            }
            Path[] paths = plotPaths(model);
            String title = model.name() + ": sigma(z) = " + model.activation().name();
            for (Path p : paths) {
                PhaseDiagramPlot.write(title, diagram, model.cb(), model.cw(), p);
            }
            files.put("png", paths[0].toString());
            files.put("svg", paths[1].toString());
        }
        if (latex != null) {
            AtomicFiles.write(latex, CriticalityLatex.write(model, new ActivationCalculus(model.activation()).latex(),
                    result, corrections, tiedRates, network.source()));
            files.put("latex", latex.toString());
        }
        if (json) {
            spec.commandLine().getOut().println(CriticalityJson.of(model, result, corrections, tiedRates, files));
        } else {
            spec.commandLine().getOut().print(Describe.model(network) + "\n\n" + text(result)
                    + (corrections == null ? "" : model.tied() ? tiedFiniteWidthText(result, corrections, tiedRates)
                            : finiteWidthText(result, corrections)));
            files.forEach((kind, file) -> spec.commandLine().getOut().println("wrote " + file));
        }
        return 0;
    }

    /** The mean of the diagonal of the first-layer metric, which must be positive. */
    private static double startKernel(Subject.Network network) {
        double[][] k = network.model().firstLayerMetric();
        double sum = 0;
        for (int a = 0; a < k.length; a++) {
            sum += k[a][a];
        }
        double mean = sum / k.length;
        if (!(mean > 0)) {
            throw new UserError(network.source() + ": the first-layer metric has no positive diagonal; the flow of"
                    + " the kernel needs a positive start");
        }
        return mean;
    }

    private static double criticalCw(UniversalityClass u) {
        if (u instanceof UniversalityClass.ScaleInvariant s) {
            return s.criticalCw();
        }
        return u instanceof UniversalityClass.ZeroFixedPoint z ? z.criticalCw() : 1;
    }

    private static double[] range(String option, List<Double> given, double min, double max, double floor) {
        if (given == null) {
            return new double[] {min, max};
        }
        if (given.size() != 2 || !(given.get(0) >= floor) || !(given.get(1) > given.get(0))
                || Double.isInfinite(given.get(1))) {
            throw new UserError(option + " takes MIN,MAX with " + (floor > 0 ? "0 < MIN" : "0 <= MIN") + " < MAX (got "
                    + given + ")");
        }
        return new double[] {given.get(0), given.get(1)};
    }

    /** [png, svg]: --plot-file and its sibling in the other format, or MODEL-phase-diagram.png/.svg. */
    private Path[] plotPaths(MlpModel model) {
        if (plotFile == null) {
            return new Path[] {Path.of(model.name() + "-phase-diagram.png"), Path.of(model.name() + "-phase-diagram.svg")};
        }
        OutputFiles.plot("--plot-file", plotFile);
        String name = plotFile.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        return new Path[] {plotFile.resolveSibling(stem + ".png"), plotFile.resolveSibling(stem + ".svg")};
    }

    static String text(Criticality c) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "single input: K -> Cb + Cw <sigma(z)^2>_K, from K^(1) = %s: %s%n",
                number(c.startKernel()), flowText(c)));
        line(s, "K*", "K_star", c.kStar(), c);
        line(s, "chi_par", "chi_par", c.chiPar(), c);
        line(s, "chi_perp", "chi_perp", c.chiPerp(), c);
        line(s, "lyapunov", "lyapunov", c.lyapunov(), c);
        s.append("two inputs: K12 -> Cb + Cw <sigma(u1) sigma(u2)>, c = K12/K*\n");
        line(s, "c*", "c_star", c.cStar(), c);
        line(s, "chi_c", "chi_c", c.chiC(), c);
        line(s, "xi_par", "xi_par", c.xiPar(), c);
        line(s, "xi_c", "xi_c", c.xiC(), c);
        s.append(String.format(Locale.ROOT, "phase: %s (by chi_perp; critical within |chi - 1| <= %s)%s%n",
                c.phase().key(), c.tolerance(), c.tunedToCriticality() ? "; tuned to criticality (chi_par = chi_perp = 1)"
                        : ""));
        s.append("universality: ").append(universalityText(c.universality())).append('\n');
        return s.toString();
    }

    /** The --finite-width block: xi(n) = xi + xi_1/n + O(1/n^2) for the parallel and the correlation depth. */
    static String finiteWidthText(Criticality c, FiniteWidthDepth.Result r) {
        StringBuilder s = new StringBuilder("finite width: chi(n) = chi + chi_1/n, xi(n) = xi + xi_1/n + O(1/n^2)\n");
        correction(s, "chi_par_1", r.chiPar1(), r);
        correction(s, "xi_par_1", r.xiPar1(), r);
        correction(s, "K1_star", r.kStar1(), r);
        correction(s, "V4_star", r.vStar(), r);
        correction(s, "chi_c_1", r.chiC1(), r);
        correction(s, "xi_c_1", r.xiC1(), r);
        return s.toString();
    }

    /**
     * The quadrature of the tied local rates: one input keeps the route cheap, so four times the default points (the
     * rate divides differences of K1 by the kernel's shrinking steps; docs/VALIDATION.md measured the default's spread
     * over seeds).
     */
    static final CollectiveFieldTheory.Quadrature RATE_QUADRATURE = new CollectiveFieldTheory.Quadrature(16, 1 << 15, 1);

    /**
     * The local rates of a weight-tied network's single-input kernel, K^(1) = {@code start}, step by step
     * ({@link TiedLocalRate}), from the collective-field route with {@link #RATE_QUADRATURE}.
     */
    private static java.util.List<TiedLocalRate> tiedRates(MlpModel model, double start) {
        CollectiveFieldTheory.Result route = CollectiveFieldRoute.evaluate(model, new double[][] {{start}}, true,
                RATE_QUADRATURE);
        return TiedLocalRate.of(route, 0);
    }

    /**
     * The --finite-width block of a weight-tied network: why it has no single 1/n rate, its local rates step by step,
     * then the untied network's values.
     */
    static String tiedFiniteWidthText(Criticality c, FiniteWidthDepth.Result r, java.util.List<TiedLocalRate> rates) {
        StringBuilder s = new StringBuilder("finite width: no single rate for this network (" + CriticalityJson.TIED_REASON
                + "); the local rate r(t) = (K(t+1) - K(t+2)) / (K(t) - K(t+1)) of K = K0 + K1/n (one input, K^(1) = "
                + number(c.startKernel()) + ", collective-field route) step by step, r = r0 + r1/n, and the local"
                + " correlation depth xi(t) = -1/ln|r(t)| = xi0 + xi1/n:\n");
        s.append(String.format(Locale.ROOT, "  %4s %14s %22s %14s %24s%n", "t", "r0", "r1", "xi0", "xi1"));
        for (TiedLocalRate rate : rates) {
            s.append(String.format(Locale.ROOT, "  %4d %14.8g %12.6g +- %-7.2g %14s %24s%n", rate.step(), rate.r0(),
                    rate.r1(), rate.r1Error(), Double.isNaN(rate.xi0()) ? "none" : number(rate.xi0()),
                    Double.isNaN(rate.xi1()) ? "none" : String.format(Locale.ROOT, "%.6g +- %.2g", rate.xi1(),
                            rate.xi1Error())));
        }
        if (rates.isEmpty()) {
            s.append("  (none: the rate needs three consecutive steps whose kernel still moves, so T >= 3)\n");
        }
        return s + "the same network with independent layers, " + finiteWidthText(c, r);
    }

    private static void correction(StringBuilder s, String key, OptionalDouble value, FiniteWidthDepth.Result r) {
        s.append(String.format(Locale.ROOT, "  %-9s = ", key));
        s.append(value.isPresent() ? number(value.getAsDouble())
                : "none (" + r.notes().getOrDefault(key, "undefined") + ")").append('\n');
    }

    private static String flowText(Criticality c) {
        return switch (c.flow()) {
            case FIXED_POINT -> "flows to the fixed point K*";
            case TO_ZERO -> "flows to K* = 0";
            case TO_INFINITY -> "grows without bound";
            case FIXED_LINE -> "every K is a fixed point";
        };
    }

    private static void line(StringBuilder s, String label, String key, OptionalDouble value, Criticality c) {
        s.append(String.format(Locale.ROOT, "  %-9s = ", label));
        if (value.isPresent()) {
            s.append(number(value.getAsDouble()));
            if (c.notes().containsKey(key)) {
                s.append("  (").append(c.notes().get(key)).append(')');
            }
        } else {
            s.append("none (").append(c.notes().getOrDefault(key, "undefined")).append(')');
        }
        s.append('\n');
    }

    /** At most ten significant digits, without trailing zeros. */
    static String number(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(10)).stripTrailingZeros().toString();
    }

    static String universalityText(UniversalityClass u) {
        if (u instanceof UniversalityClass.ScaleInvariant si) {
            return String.format(Locale.ROOT, "scale-invariant class (slopes %s, %s; A2 = %s): critical at Cb = 0,"
                    + " Cw = %s, where every K is a fixed point%s", number(si.p()), number(si.q()), number(si.a2()),
                    number(si.criticalCw()), si.correlationAmplitude().map(a -> " and 1 - c^(l) ~ " + number(a) + " / l^2")
                            .orElse(" and every correlation is a fixed point"));
        }
        if (u instanceof UniversalityClass.ZeroFixedPoint z) {
            return String.format(Locale.ROOT, "K*=0 class (a1 = %s, b1 = %s): critical at Cb = 0, Cw = %s,"
                    + " where K^(l) ~ %s / l (exponent 1) and perpendicular perturbations decay as l^-%s",
                    number(z.a1()), number(z.b1()), number(z.criticalCw()), number(z.kernelAmplitude()),
                    number(z.perpendicularExponent()));
        }
        return "no closed-form class (" + ((UniversalityClass.Other) u).reason() + ")";
    }
}
