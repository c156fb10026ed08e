package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.feynet.dmft.Curves;
import org.feynet.model.TrainingProblem;
import org.feynet.training.Ensemble;
import org.feynet.training.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet train}: finite-width networks of a train block trained by gradient flow, ensembles over seeds. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train finite-width networks of a train block in its mean-field parameterization (explicit",
                "weights, exact gradients, RK4 on the gradient flow) over seeds at several widths; report loss,",
                "outputs, NTK, kernels and alignment as means with standard errors."})
final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainingOptions options;

    @Mixin
    TrainingRunOptions run;

    @Option(names = "--json", description = "print the JSON of docs/OUTPUTS.md on stdout and nothing else there")
    boolean json;

    @Option(names = "--intervals", paramLabel = "K", description = "ecrn train block: report times t_k = k T / K"
            + " (default: " + FourierResidualRuns.DEFAULT_INTERVALS + ")")
    int intervals = FourierResidualRuns.DEFAULT_INTERVALS;

    @Option(names = "--predict", paramLabel = "none|first|truncated", description = "ecrn train block: compute each"
            + " network's NTK drift prediction from its dNTK (first) or dNTK and ddNTK (truncated) at t = 0"
            + " (default: none)")
    String predict = "none";

    @Override
    public Integer call() {
        java.util.Optional<org.feynet.model.FourierResidualTraining> ecrn = FourierResidualRuns.select(
                org.feynet.lang.ModelReader.read(options.file), options.model);
        if (ecrn.isPresent()) {
            return trainEcrn(ecrn.get());
        }
        TrainingProblem problem = options.problem();
        List<Ensemble> ensembles = run.ensembles(problem, !json);
        if (json) {
            spec.commandLine().getOut().println(json(problem, ensembles, run.step));
            return 0;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: trained by gradient flow, RK4 with step <= %s, %d seeds per width%n",
                problem.network().name(), run.step, run.seeds));
        for (Ensemble e : ensembles) {
            s.append(String.format(Locale.ROOT, "%nwidth %d%n%6s %21s %21s %21s%n", e.width(), "t", "loss", "K_11",
                    "alignment"));
            for (int i = 0; i < e.times().length; i += 2) {
                final int t = i;
                s.append(String.format(Locale.ROOT, "%6.2f %s %s %s%n", e.times()[i],
                        pm(e, r -> r.observations().get(t).loss()), pm(e, r -> r.observations().get(t).ntk()[0][0]),
                        pm(e, r -> Curves.alignment(r.observations().get(t).ntk(), problem.targets()))));
            }
        }
        s.append("(--json for f, the NTK, Phi, G and Phi(T, 0) of every layer at every time)\n");
        spec.commandLine().getOut().print(s);
        return 0;
    }

    private int trainEcrn(org.feynet.model.FourierResidualTraining training) {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        org.feynet.training.FourierResidualTrainer.Prediction prediction = switch (predict) {
            case "none" -> org.feynet.training.FourierResidualTrainer.Prediction.NONE;
            case "first" -> org.feynet.training.FourierResidualTrainer.Prediction.FIRST_ORDER;
            case "truncated" -> org.feynet.training.FourierResidualTrainer.Prediction.TRUNCATED;
            default -> throw new UserError("--predict must be none, first or truncated (got '" + predict + "')");
        };
        FourierResidualRuns runs = new FourierResidualRuns(
                parsed.hasMatchedOption("--widths") ? run.widths : FourierResidualRuns.DEFAULT_WIDTHS,
                parsed.hasMatchedOption("--seeds") ? run.seeds : FourierResidualRuns.DEFAULT_SEEDS, intervals,
                parsed.hasMatchedOption("--step") ? run.step : FourierResidualRuns.DEFAULT_STEP, run.trainSeed,
                prediction);
        List<org.feynet.training.FourierResidualEnsemble> ensembles = runs.train(training, !json);
        spec.commandLine().getOut().print(json ? FourierResidualRuns.json(training, ensembles, runs.step()) + "\n"
                : FourierResidualRuns.table(training, ensembles, runs.step()));
        return 0;
    }

    private static String pm(Ensemble e, ToDoubleFunction<Trajectory> q) {
        return String.format(Locale.ROOT, "%10.6f +- %7.1e", e.mean(q), e.standardError(q));
    }

    static String json(TrainingProblem problem, List<Ensemble> ensembles, double step) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", problem.network().name());
        root.put("integrator", "rk4");
        root.put("step", step);
        List<Object> widths = new ArrayList<>();
        for (Ensemble e : ensembles) {
            widths.add(ensembleJson(problem, e));
        }
        root.put("widths", widths);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> ensembleJson(TrainingProblem problem, Ensemble e) {
        int times = e.times().length;
        int p = problem.network().samples();
        int depth = problem.network().depth();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", e.width());
        m.put("seeds", e.runs().size());
        m.put("times", e.times());
        double[][] loss = new double[2][times];
        double[][] alignment = new double[2][times];
        double[][][] f = new double[2][times][p];
        double[][][][] ntk = new double[2][times][p][p];
        double[][][][][] phi = new double[2][depth][times][p][p];
        double[][][][][] g = new double[2][depth][times][p][p];
        double[][][][] twoTime = new double[2][depth][p][p];
        for (int t = 0; t < times; t++) {
            final int i = t;
            fill(e, r -> r.observations().get(i).loss(), loss, t);
            fill(e, r -> Curves.alignment(r.observations().get(i).ntk(), problem.targets()), alignment, t);
            for (int mu = 0; mu < p; mu++) {
                final int a = mu;
                f[0][t][mu] = e.mean(r -> r.observations().get(i).f()[a]);
                f[1][t][mu] = e.standardError(r -> r.observations().get(i).f()[a]);
                for (int nu = 0; nu < p; nu++) {
                    final int b = nu;
                    ntk[0][t][mu][nu] = e.mean(r -> r.observations().get(i).ntk()[a][b]);
                    ntk[1][t][mu][nu] = e.standardError(r -> r.observations().get(i).ntk()[a][b]);
                    for (int l = 0; l < depth; l++) {
                        final int k = l;
                        phi[0][l][t][mu][nu] = e.mean(r -> r.observations().get(i).phi()[k][a][b]);
                        phi[1][l][t][mu][nu] = e.standardError(r -> r.observations().get(i).phi()[k][a][b]);
                        g[0][l][t][mu][nu] = e.mean(r -> r.observations().get(i).g()[k][a][b]);
                        g[1][l][t][mu][nu] = e.standardError(r -> r.observations().get(i).g()[k][a][b]);
                        if (t == 0) {
                            twoTime[0][l][mu][nu] = e.mean(r -> r.phiTwoTime()[k][a][b]);
                            twoTime[1][l][mu][nu] = e.standardError(r -> r.phiTwoTime()[k][a][b]);
                        }
                    }
                }
            }
        }
        m.put("loss", loss[0]);
        m.put("loss_se", loss[1]);
        m.put("f", f[0]);
        m.put("f_se", f[1]);
        m.put("ntk", ntk[0]);
        m.put("ntk_se", ntk[1]);
        m.put("Phi", phi[0]);
        m.put("Phi_se", phi[1]);
        m.put("G", g[0]);
        m.put("G_se", g[1]);
        m.put("Phi_two_time", twoTime[0]);
        m.put("Phi_two_time_se", twoTime[1]);
        m.put("alignment", alignment[0][times - 1]);
        m.put("alignment_se", alignment[1][times - 1]);
        m.put("alignment_over_time", alignment[0]);
        m.put("alignment_over_time_se", alignment[1]);
        return m;
    }

    private static void fill(Ensemble e, ToDoubleFunction<Trajectory> q, double[][] out, int t) {
        out[0][t] = e.mean(q);
        out[1][t] = e.standardError(q);
    }
}
