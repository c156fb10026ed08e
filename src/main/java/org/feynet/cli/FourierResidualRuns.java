package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.feynet.model.FourierResidualTraining;
import org.feynet.training.FourierResidualEnsemble;
import org.feynet.training.FourierResidualRun;
import org.feynet.training.FourierResidualTrainer;

/**
 * Training of Fourier residual networks ({@code train} and {@code compare} of an ecrn train block): the ensembles
 * over seeds at several widths, and their text and JSON reports (docs/OUTPUTS.md).
 *
 * @param widths     the widths n
 * @param seeds      networks per width
 * @param intervals  K, report times t_k = k T / K
 * @param step       the largest RK4 step
 * @param first      the first seed
 * @param prediction which drift predictions every network computes at t = 0
 */
record FourierResidualRuns(List<Integer> widths, int seeds, int intervals, double step, long first,
                           FourierResidualTrainer.Prediction prediction) {

    FourierResidualRuns {
        widths = List.copyOf(widths);
        for (int w : widths) {
            Checks.atLeast("--widths", w, 2);
        }
        Checks.atLeast("--seeds", seeds, 2);
        Checks.atLeast("--intervals", intervals, 2);
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new UserError("--step must be positive (got " + step + ")");
        }
    }

    /** Default widths of {@code train} and {@code compare} on an ecrn train block. */
    static final List<Integer> DEFAULT_WIDTHS = List.of(32, 64, 128);
    /** Default seeds per width. */
    static final int DEFAULT_SEEDS = 8;
    /** Default number of report intervals. */
    static final int DEFAULT_INTERVALS = 10;
    /** Default largest RK4 step. */
    static final double DEFAULT_STEP = 0.5;

    /**
     * The ecrn train block a command on {@code models} addresses: the one named {@code name}, or, without a name,
     * the first when the file has no mean-field train block; empty when the command is about something else.
     */
    static java.util.Optional<FourierResidualTraining> select(org.feynet.model.ModelFile models, String name) {
        if (name == null && !models.trainings().isEmpty()) {
            return java.util.Optional.empty();
        }
        return models.fourierTrainings().stream().filter(t -> name == null || t.network().name().equals(name))
                .findFirst();
    }

    /** Trains every width, reporting progress on stderr when asked. */
    List<FourierResidualEnsemble> train(FourierResidualTraining training, boolean progress) {
        List<FourierResidualEnsemble> out = new ArrayList<>();
        for (int w : widths) {
            if (progress) {
                System.err.printf("feynet: training %d networks of width %d%n", seeds, w);
            }
            int m = FourierResidualTrainer.frequencies(training.network(), w);
            out.add(FourierResidualEnsemble.train(training,
                    new FourierResidualTrainer.Settings(w, m, intervals, step, prediction), seeds, first));
        }
        return out;
    }

    /** The text report of {@code train}: loss, test error, the top eigenvalues and the drift over time. */
    static String table(FourierResidualTraining training, List<FourierResidualEnsemble> ensembles, double step) {
        StringBuilder s = new StringBuilder();
        int p = training.network().samples();
        int shown = Math.min(3, p);
        boolean test = training.testTargets().length > 0;
        s.append(String.format(Locale.ROOT, "%s: gradient flow on (1/(2P)) sum (f - y)^2, RK4 (step <= %s and"
                + " <= %s P / lambda_max), %d seeds per width; mean +- standard error%n", training.network().name(),
                step, FourierResidualTrainer.STABILITY, ensembles.get(0).runs().size()));
        for (FourierResidualEnsemble e : ensembles) {
            s.append(String.format(Locale.ROOT, "%nwidth %d (m = %d)%n%6s %20s %20s", e.width(),
                    FourierResidualTrainer.frequencies(training.network(), e.width()), "t", "loss",
                    test ? "test error" : ""));
            for (int i = 0; i < shown; i++) {
                s.append(String.format(Locale.ROOT, " %20s", "lambda_" + (i + 1)));
            }
            s.append(String.format(Locale.ROOT, " %20s%n", "|Theta(t)-Theta(0)|"));
            for (int k = 0; k < e.times().length; k++) {
                final int t = k;
                s.append(String.format(Locale.ROOT, "%6.2f %s %s", e.times()[k], pm(e, r -> r.loss()[t]),
                        test ? pm(e, r -> r.testError()[t]) : String.format("%20s", "")));
                for (int i = 0; i < shown; i++) {
                    final int j = i;
                    s.append(' ').append(pm(e, r -> r.eigenvalues()[t][j]));
                }
                s.append(' ').append(pm(e, r -> r.drift(t))).append('\n');
            }
        }
        s.append("(--json for the outputs, the full NTK Gram and all its eigenvalues at every time)\n");
        return s.toString();
    }

    static String pm(FourierResidualEnsemble e, ToDoubleFunction<FourierResidualRun> q) {
        return String.format(Locale.ROOT, "%9.5f +- %7.1e", e.mean(q), e.standardError(q));
    }

    /** The JSON of {@code train}. */
    static String json(FourierResidualTraining training, List<FourierResidualEnsemble> ensembles, double step) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", training.network().name());
        root.put("architecture", "ecrn");
        root.put("integrator", "rk4");
        root.put("step", step);
        root.put("stability", FourierResidualTrainer.STABILITY);
        List<Object> widths = new ArrayList<>();
        for (FourierResidualEnsemble e : ensembles) {
            widths.add(ensembleJson(training, e));
        }
        root.put("widths", widths);
        return write(root);
    }

    static String write(Object root) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> ensembleJson(FourierResidualTraining training, FourierResidualEnsemble e) {
        int times = e.times().length;
        int p = training.network().samples();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", e.width());
        m.put("frequencies", FourierResidualTrainer.frequencies(training.network(), e.width()));
        m.put("seeds", e.runs().size());
        m.put("times", e.times());
        m.put("kept_fraction", e.mean(r -> keptFraction(r.kept())));
        put(m, "loss", e, times, (r, t) -> r.loss()[t]);
        if (training.testTargets().length > 0) {
            put(m, "test_error", e, times, (r, t) -> r.testError()[t]);
        }
        put(m, "ntk_drift", e, times, (r, t) -> r.drift(t));
        double[][][] eig = new double[2][times][p];
        double[][][] f = new double[2][times][p];
        double[][][][] ntk = new double[2][times][p][p];
        for (int t = 0; t < times; t++) {
            final int k = t;
            for (int a = 0; a < p; a++) {
                final int i = a;
                eig[0][t][a] = e.mean(r -> r.eigenvalues()[k][i]);
                eig[1][t][a] = e.standardError(r -> r.eigenvalues()[k][i]);
                f[0][t][a] = e.mean(r -> r.outputs()[k][i]);
                f[1][t][a] = e.standardError(r -> r.outputs()[k][i]);
                for (int b = 0; b < p; b++) {
                    final int j = b;
                    ntk[0][t][a][b] = e.mean(r -> r.ntk()[k][i][j]);
                    ntk[1][t][a][b] = e.standardError(r -> r.ntk()[k][i][j]);
                }
            }
        }
        m.put("eigenvalues", eig[0]);
        m.put("eigenvalues_se", eig[1]);
        m.put("f", f[0]);
        m.put("f_se", f[1]);
        m.put("ntk", ntk[0]);
        m.put("ntk_se", ntk[1]);
        if (e.runs().get(0).prediction() != null) {
            m.put("dntk_fd_error", e.runs().stream().mapToDouble(r -> r.prediction().dntkError()).max().orElse(0));
            put(m, "lazy_loss_per_network", e, times, (r, t) -> r.prediction().lazyLoss()[t]);
            put(m, "drift_bound", e, times, (r, t) -> r.prediction().bound()[t]);
            put(m, "first_order_error", e, times, (r, t) -> org.feynet.training.Gram.frobeniusDistance(
                    r.prediction().firstOrder()[t], r.ntk()[t]));
            if (e.runs().get(0).prediction().truncated() != null) {
                put(m, "truncated_error", e, times, (r, t) -> org.feynet.training.Gram.frobeniusDistance(
                        r.prediction().truncated()[t], r.ntk()[t]));
            }
        }
        return m;
    }

    interface AtTime {
        double at(FourierResidualRun run, int t);
    }

    private static void put(Map<String, Object> m, String key, FourierResidualEnsemble e, int times, AtTime q) {
        double[] mean = new double[times];
        double[] se = new double[times];
        for (int t = 0; t < times; t++) {
            final int k = t;
            mean[t] = e.mean(r -> q.at(r, k));
            se[t] = e.standardError(r -> q.at(r, k));
        }
        m.put(key, mean);
        m.put(key + "_se", se);
    }

    static double keptFraction(boolean[] kept) {
        int count = 0;
        for (boolean k : kept) {
            count += k ? 1 : 0;
        }
        return (double) count / kept.length;
    }
}
