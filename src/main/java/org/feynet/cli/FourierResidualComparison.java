package org.feynet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.feynet.dmft.Charts;
import org.feynet.model.FourierResidualTraining;
import org.feynet.sampling.WidthSeriesFit;
import org.feynet.training.FourierResidualEnsemble;
import org.feynet.training.FourierResidualRun;
import org.feynet.training.Gram;
import org.feynet.training.LazyPrediction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code feynet compare} of an ecrn train block: trained networks at several widths against the predictions.
 * <ul>
 * <li>Against the mask-averaged infinite-width lazy prediction ({@link LazyPrediction}): every quantity q (loss
 *     and test error at T/2 and T, the top eigenvalues at 0 and T, their drift lambda_i(T) - lambda_i(0), which
 *     vanishes at infinite width) is fitted across widths by weighted least squares, q(n) = q_inf + c/n
 *     ({@link WidthSeriesFit}, weights from the seeds' standard errors), and the pull is
 *     (q_inf - q_pred) / se(q_inf).</li>
 * <li>Against each network's own finite-width drift prediction (truncated dNTK/ddNTK dynamics, first order):
 *     per width, the mean over seeds of the measured and the predicted eigenvalue drift with the paired pull
 *     mean(measured - predicted) / se, the mean errors |Theta_pred(T) - Theta(T)|_F of both predictions against
 *     the drift |Theta(T) - Theta(0)|_F, and the largest ratio of the drift to its bound (at most 1 when the
 *     bound holds).</li>
 * </ul>
 */
final class FourierResidualComparison {

    /** One fitted row: the per-width means and errors, the 1/n fit and the prediction. */
    record Row(String name, double[] means, double[] errors, double extrapolated, double error, double slope,
               double chi2PerDof, double prediction, double pull) {}

    /** One width's drift check. */
    record DriftRow(double time, int width, double measured, double measuredError, double predicted, double predictedError,
                    double pull, double firstOrder, double drift, double firstOrderError, double truncatedError,
                    double worstBoundRatio) {}

    private final FourierResidualTraining training;
    private final List<FourierResidualEnsemble> ensembles;
    private final LazyPrediction lazy;
    private final int last;
    private final int reach;

    FourierResidualComparison(FourierResidualTraining training, List<FourierResidualEnsemble> ensembles) {
        this.training = training;
        this.ensembles = List.copyOf(ensembles);
        this.lazy = LazyPrediction.maskAveraged(training, ensembles.get(0).times());
        this.last = ensembles.get(0).times().length - 1;
        this.reach = reach(ensembles, last);
    }

    /**
     * The latest report time at which every network's truncated-dynamics prediction exists (it can blow up over
     * long horizons; see {@link org.feynet.training.DriftPrediction}); at least 1.
     */
    private static int reach(List<FourierResidualEnsemble> ensembles, int last) {
        int k = last;
        for (FourierResidualEnsemble e : ensembles) {
            for (FourierResidualRun r : e.runs()) {
                while (k > 1 && !Double.isFinite(r.prediction().truncated()[k][0][0])) {
                    k--;
                }
            }
        }
        return k;
    }

    private record Quantity(String name, ToDoubleFunction<FourierResidualRun> measured, double predicted) {}

    private List<Quantity> quantities() {
        List<Quantity> out = new ArrayList<>();
        int half = last / 2;
        for (int k : new int[] {half, last}) {
            out.add(new Quantity(String.format(Locale.ROOT, "loss(t=%.3g)", lazy.times()[k]), r -> r.loss()[k],
                    lazy.loss()[k]));
        }
        if (training.testTargets().length > 0) {
            for (int k : new int[] {half, last}) {
                out.add(new Quantity(String.format(Locale.ROOT, "test(t=%.3g)", lazy.times()[k]),
                        r -> r.testError()[k], lazy.testError()[k]));
            }
        }
        List<int[]> clusters = clusters(lazy.eigenvalues());
        for (int c = 0; c < Math.min(3, clusters.size()); c++) {
            int from = clusters.get(c)[0];
            int to = clusters.get(c)[1];
            String name = "lambda_" + (from + 1) + (to > from ? ".." + (to + 1) : "");
            double predicted = 0;
            for (int i = from; i <= to; i++) {
                predicted += lazy.eigenvalues()[i] / (to - from + 1);
            }
            out.add(new Quantity(name + "(0)", r -> clusterMean(r.eigenvalues()[0], from, to), predicted));
            out.add(new Quantity(name + "(T)", r -> clusterMean(r.eigenvalues()[last], from, to), predicted));
            out.add(new Quantity("d" + name + "(T)", r -> clusterMean(r.eigenvalues()[last], from, to)
                    - clusterMean(r.eigenvalues()[0], from, to), 0));
        }
        return out;
    }

    /**
     * Runs of (numerically) equal predicted eigenvalues, [first, last] index pairs: within a degenerate cluster the
     * finite-width eigenvalues split by O(n^-1/2), so only the cluster's mean (a trace over its eigenspace, smooth
     * in the Gram) has a 1/n series.
     */
    static List<int[]> clusters(double[] eigenvalues) {
        List<int[]> out = new ArrayList<>();
        double tolerance = 1e-6 * Math.abs(eigenvalues[0]);
        int from = 0;
        for (int i = 1; i <= eigenvalues.length; i++) {
            if (i == eigenvalues.length || Math.abs(eigenvalues[i] - eigenvalues[i - 1]) > tolerance) {
                out.add(new int[] {from, i - 1});
                from = i;
            }
        }
        return out;
    }

    private static double clusterMean(double[] eigenvalues, int from, int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += eigenvalues[i];
        }
        return sum / (to - from + 1);
    }

    List<Row> rows() {
        List<Integer> widths = ensembles.stream().map(FourierResidualEnsemble::width).toList();
        List<Row> rows = new ArrayList<>();
        for (Quantity q : quantities()) {
            double[] means = new double[ensembles.size()];
            double[] errors = new double[ensembles.size()];
            for (int i = 0; i < means.length; i++) {
                means[i] = ensembles.get(i).mean(q.measured());
                errors[i] = Math.max(ensembles.get(i).standardError(q.measured()), 1e-12);
            }
            WidthSeriesFit fit = WidthSeriesFit.of(widths, means, errors, 2);
            double pull = (fit.coefficients()[0] - q.predicted()) / fit.errors()[0];
            rows.add(new Row(q.name(), means, errors, fit.coefficients()[0], fit.errors()[0], fit.coefficients()[1],
                    fit.degreesOfFreedom() > 0 ? fit.chiSquarePerDof() : Double.NaN, q.predicted(), pull));
        }
        return rows;
    }

    /** The drift checks of lambda_1 and of the whole Gram at T, per width (needs the truncated predictions). */
    List<DriftRow> driftRows() {
        List<DriftRow> out = new ArrayList<>();
        for (int k : reach > 1 ? new int[] {1, reach} : new int[] {1}) {
            out.addAll(driftRows(k));
        }
        return out;
    }

    private List<DriftRow> driftRows(int reach) {
        List<DriftRow> out = new ArrayList<>();
        for (FourierResidualEnsemble e : ensembles) {
            ToDoubleFunction<FourierResidualRun> measured = r -> r.eigenvalues()[reach][0] - r.eigenvalues()[0][0];
            ToDoubleFunction<FourierResidualRun> predicted = r -> Gram.eigenvalues(r.prediction().truncated()[reach])[0]
                    - r.eigenvalues()[0][0];
            ToDoubleFunction<FourierResidualRun> first = r -> Gram.eigenvalues(r.prediction().firstOrder()[reach])[0]
                    - r.eigenvalues()[0][0];
            double difference = e.mean(r -> measured.applyAsDouble(r) - predicted.applyAsDouble(r));
            double differenceError = e.standardError(r -> measured.applyAsDouble(r) - predicted.applyAsDouble(r));
            out.add(new DriftRow(e.times()[reach], e.width(), e.mean(measured), e.standardError(measured), e.mean(predicted),
                    e.standardError(predicted), difference / differenceError, e.mean(first), e.mean(r -> r.drift(reach)),
                    e.mean(r -> Gram.frobeniusDistance(r.prediction().firstOrder()[reach], r.ntk()[reach])),
                    e.mean(r -> Gram.frobeniusDistance(r.prediction().truncated()[reach], r.ntk()[reach])),
                    e.runs().stream().mapToDouble(r -> worstBoundRatio(r)).max().orElse(Double.NaN)));
        }
        return out;
    }

    private static double worstBoundRatio(FourierResidualRun r) {
        double worst = 0;
        for (int k = 1; k < r.count(); k++) {
            worst = Math.max(worst, r.drift(k) / r.prediction().bound()[k]);
        }
        return worst;
    }

    /**
     * The power a of err ~ n^-a from a least-squares line through (log n, log mean error) (NaN with fewer than
     * two widths or a non-positive error).
     */
    static double exponent(List<DriftRow> rows, ToDoubleFunction<DriftRow> error) {
        int count = rows.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (DriftRow r : rows) {
            double v = error.applyAsDouble(r);
            if (!(v > 0)) {
                return Double.NaN;
            }
            double x = Math.log(r.width());
            double y = Math.log(v);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return count < 2 ? Double.NaN : -slope;
    }

    String table(List<Row> rows, List<DriftRow> drift) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: trained networks (%d seeds per width, m = %s) against the"
                + " mask-averaged infinite-width lazy prediction; fit q(n) = q_inf + c/n, pull = (q_inf - pred) /"
                + " se%n%n", training.network().name(), ensembles.get(0).runs().size(),
                training.network().features().infinite() ? "n" : training.network().features().count()));
        s.append(String.format(Locale.ROOT, "%-16s", "quantity"));
        for (FourierResidualEnsemble e : ensembles) {
            s.append(String.format(Locale.ROOT, " %19s", "n = " + e.width()));
        }
        s.append(String.format(Locale.ROOT, " %19s %10s %8s %7s%n", "n -> inf (fit)", "predicted", "chi2/dof",
                "pull"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-16s", r.name()));
            for (int i = 0; i < r.means().length; i++) {
                s.append(String.format(Locale.ROOT, " %9.5f +- %6.1e", r.means()[i], r.errors()[i]));
            }
            s.append(String.format(Locale.ROOT, " %9.5f +- %6.1e %10.5f %8.2f %7.2f%n", r.extrapolated(), r.error(),
                    r.prediction(), r.chi2PerDof(), r.pull()));
        }
        if (reach < last) {
            s.append(String.format(Locale.ROOT, "%nthe truncated dynamics of some network blew up before t = %.3g: the"
                    + " expansion has broken down there%n", lazy.times()[reach + 1]));
        }
        for (double time : drift.stream().mapToDouble(DriftRow::time).distinct().toArray()) {
            List<DriftRow> at = drift.stream().filter(r -> r.time() == time).toList();
            s.append(String.format(Locale.ROOT, "%nNTK drift at t = %.3g against each network's own prediction from"
                    + " its dNTK/ddNTK at t = 0 (truncated dynamics; first order with the lazy residual)%n", time));
            s.append(String.format(Locale.ROOT, "%6s %21s %21s %7s %10s %11s %11s %11s %9s%n", "width",
                    "dlambda_1 measured", "dlambda_1 predicted", "pull", "1st order", "|dTheta|_F", "err 1st",
                    "err trunc", "drift/bnd"));
            for (DriftRow r : at) {
                s.append(String.format(Locale.ROOT, "%6d %10.3e +- %7.1e %10.3e +- %7.1e %7.2f %10.3e %11.3e %11.3e"
                        + " %11.3e %9.3f%n", r.width(), r.measured(), r.measuredError(), r.predicted(),
                        r.predictedError(), r.pull(), r.firstOrder(), r.drift(), r.firstOrderError(),
                        r.truncatedError(), r.worstBoundRatio()));
            }
            s.append(String.format(Locale.ROOT, "scaling with n (power of 1/n of the means): drift %.2f, first-order"
                    + " error %.2f, truncated error %.2f%n", exponent(at, DriftRow::drift),
                    exponent(at, DriftRow::firstOrderError), exponent(at, DriftRow::truncatedError)));
        }
        return s.toString();
    }

    double worstPull(List<Row> rows, List<DriftRow> drift) {
        double worst = 0;
        for (Row r : rows) {
            worst = Math.max(worst, Math.abs(r.pull()));
        }
        for (DriftRow r : drift) {
            worst = Math.max(worst, Math.abs(r.pull()));
        }
        return worst;
    }

    /** The JSON of the comparison (docs/OUTPUTS.md). */
    String json(List<Row> rows, List<DriftRow> drift) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", training.network().name());
        root.put("architecture", "ecrn");
        root.put("widths", ensembles.stream().map(FourierResidualEnsemble::width).toList());
        root.put("seeds", ensembles.get(0).runs().size());
        root.put("times", lazy.times());
        Map<String, Object> prediction = new LinkedHashMap<>();
        prediction.put("loss", lazy.loss());
        prediction.put("test_error", lazy.testError());
        prediction.put("eigenvalues", lazy.eigenvalues());
        root.put("lazy_prediction", prediction);
        root.put("rows", rows);
        root.put("drift", drift);
        List<Object> scaling = new ArrayList<>();
        for (double time : drift.stream().mapToDouble(DriftRow::time).distinct().toArray()) {
            List<DriftRow> at = drift.stream().filter(r -> r.time() == time).toList();
            scaling.add(Map.of("time", time, "drift", exponent(at, DriftRow::drift),
                    "first_order_error", exponent(at, DriftRow::firstOrderError),
                    "truncated_error", exponent(at, DriftRow::truncatedError)));
        }
        root.put("drift_scaling", scaling);
        root.put("largest_abs_pull", worstPull(rows, drift));
        return FourierResidualRuns.write(root);
    }

    /** Loss, test error, eigenvalues and drift over time, the drift against 1/n, loss(T) against 1/n. */
    void plot(List<Row> rows, List<DriftRow> drift, Path path) {
        List<XYChart> charts = new ArrayList<>();
        charts.add(overTime("loss", lazy.loss(), (r, t) -> r.loss()[t]));
        if (training.testTargets().length > 0) {
            charts.add(overTime("test error", lazy.testError(), (r, t) -> r.testError()[t]));
        }
        XYChart eig = overTime("lambda_1", constant(lazy.eigenvalues()[0]), (r, t) -> r.eigenvalues()[t][0]);
        charts.add(eig);
        charts.add(driftOverTime());
        double early = drift.get(0).time();
        charts.add(driftAgainstWidth(drift.stream().filter(r -> r.time() == early).toList()));
        charts.add(againstWidth(rows.get(1)));
        Charts.write(charts, 3, path);
    }

    private double[] constant(double value) {
        double[] out = new double[lazy.times().length];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private XYChart overTime(String what, double[] predicted, FourierResidualRuns.AtTime q) {
        XYChart chart = Charts.chart(what + ": trained vs infinite-width prediction", "t", what);
        XYSeries line = chart.addSeries("prediction (n = inf, mask-averaged)", lazy.times(), predicted);
        line.setMarker(SeriesMarkers.NONE);
        for (FourierResidualEnsemble e : ensembles) {
            double[][] series = series(e, q);
            XYSeries s = chart.addSeries("n = " + e.width(), e.times(), series[0], series[1]);
            s.setLineStyle(SeriesLines.NONE);
        }
        return chart;
    }

    private static double[][] series(FourierResidualEnsemble e, FourierResidualRuns.AtTime q) {
        int count = e.times().length;
        double[][] out = new double[2][count];
        for (int t = 0; t < count; t++) {
            final int k = t;
            out[0][t] = e.mean(r -> q.at(r, k));
            out[1][t] = e.standardError(r -> q.at(r, k));
        }
        return out;
    }

    private XYChart driftOverTime() {
        XYChart chart = Charts.chart("lambda_1(t) - lambda_1(0): trained (points) vs dNTK/ddNTK (lines)", "t",
                "drift of lambda_1");
        for (FourierResidualEnsemble e : ensembles) {
            double[][] measured = series(e, (r, t) -> r.eigenvalues()[t][0] - r.eigenvalues()[0][0]);
            XYSeries s = chart.addSeries("n = " + e.width(), e.times(), measured[0], measured[1]);
            s.setLineStyle(SeriesLines.NONE);
            double[][] predicted = series(e, (r, t) -> t > reach ? 0 : Gram.eigenvalues(
                    r.prediction().truncated()[t])[0] - r.eigenvalues()[0][0]);
            XYSeries p = chart.addSeries("predicted n = " + e.width(), java.util.Arrays.copyOf(e.times(), reach + 1),
                    java.util.Arrays.copyOf(predicted[0], reach + 1));
            p.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private XYChart driftAgainstWidth(List<DriftRow> drift) {
        XYChart chart = Charts.chart(String.format(Locale.ROOT, "|Theta(t) - Theta(0)|_F and prediction errors, t = %.3g",
                drift.get(0).time()), "1/n", "Frobenius norm");
        double[] x = new double[drift.size()];
        double[][] y = new double[3][drift.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.0 / drift.get(i).width();
            y[0][i] = drift.get(i).drift();
            y[1][i] = drift.get(i).firstOrderError();
            y[2][i] = drift.get(i).truncatedError();
        }
        String[] names = {"drift", "error, first order", "error, truncated dynamics"};
        for (int k = 0; k < 3; k++) {
            chart.addSeries(names[k], x, y[k]);
        }
        return chart;
    }

    private XYChart againstWidth(Row row) {
        XYChart chart = Charts.chart(row.name() + " against 1/n", "1/n", row.name());
        double[] x = new double[ensembles.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.0 / ensembles.get(i).width();
        }
        XYSeries s = chart.addSeries("trained", x, row.means(), row.errors());
        s.setLineStyle(SeriesLines.NONE);
        double top = java.util.Arrays.stream(x).max().orElse(0);
        XYSeries fit = chart.addSeries("fit q_inf + c/n", new double[] {0, top},
                new double[] {row.extrapolated(), row.extrapolated() + row.slope() * top});
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineStyle(SeriesLines.DASH_DASH);
        XYSeries predicted = chart.addSeries("prediction", new double[] {0}, new double[] {row.prediction()});
        predicted.setMarker(SeriesMarkers.DIAMOND);
        predicted.setLineStyle(SeriesLines.NONE);
        return chart;
    }
}
