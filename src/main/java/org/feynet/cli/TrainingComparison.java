package org.feynet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.feynet.dmft.Charts;
import org.feynet.dmft.Curves;
import org.feynet.dmft.DmftResult;
import org.feynet.model.TrainingProblem;
import org.feynet.sampling.WidthSeriesFit;
import org.feynet.training.Ensemble;
import org.feynet.training.PooledSeedErrors;
import org.feynet.training.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code feynet compare} of a train block: trained networks at several widths against the DMFT solution. Every
 * compared quantity q (loss, NTK entries, alignment and outputs at several times) is fitted across widths by
 * weighted least squares, q(n) = q_inf + c / n ({@link WidthSeriesFit}), weighted by the seed means' standard errors
 * from one variance pooled over the widths ({@link PooledSeedErrors}, Var_n(q) = v / n), the intercept's error scaled
 * by sqrt(max(1, chi^2/dof)) ({@link Extrapolation});
 * the pull (q_inf - q_DMFT) / sqrt(se(q_inf)^2 + se_DMFT^2) measures the agreement of the extrapolation with the
 * infinite-width theory.
 */
final class TrainingComparison {

    /** One compared quantity: its name, how to read it from a training run and from the DMFT curves. */
    record Quantity(String name, ToDoubleFunction<Trajectory> training, Function<Curves, Double> theory) {}

    /** One row of the table. */
    record Row(String name, double theory, double theoryError, double extrapolated, double error, double slope,
            double chi2PerDof, double pull, double[] means, double[] errors) {}

    private TrainingComparison() {}

    static List<Quantity> quantities(TrainingProblem problem) {
        List<Quantity> out = new ArrayList<>();
        int last = org.feynet.dmft.Dynamics.INTERVALS;
        int p = problem.network().samples();
        double[] y = problem.targets();
        for (int t : new int[] {last / 4, last / 2, last}) {
            out.add(new Quantity("loss(t" + t + ")", r -> r.observations().get(t).loss(), c -> c.loss()[t]));
        }
        for (int t : new int[] {last / 2, last}) {
            out.add(new Quantity("K_11(t" + t + ")", r -> r.observations().get(t).ntk()[0][0], c -> c.ntk()[t][0][0]));
            if (p > 1) {
                out.add(new Quantity("K_12(t" + t + ")", r -> r.observations().get(t).ntk()[0][1], c -> c.ntk()[t][0][1]));
            }
            out.add(new Quantity("alignment(t" + t + ")", r -> Curves.alignment(r.observations().get(t).ntk(), y),
                    c -> c.alignment()[t]));
        }
        out.add(new Quantity("f_1(t" + last / 4 + ")", r -> r.observations().get(last / 4).f()[0],
                c -> c.f()[last / 4][0]));
        return out;
    }

    static List<Row> rows(TrainingProblem problem, DmftResult dmft, List<Ensemble> ensembles) {
        List<Row> rows = new ArrayList<>();
        for (Quantity q : quantities(problem)) {
            PooledSeedErrors seeds = PooledSeedErrors.of(ensembles, q.training());
            Extrapolation fit = Extrapolation.of(ensembles, seeds);
            double theory = q.theory().apply(dmft.full());
            double theoryError = dmft.fullError() == null ? 0 : q.theory().apply(dmft.fullError());
            if (dmft.smoothing() != null) {
                theoryError = Math.hypot(theoryError, q.theory().apply(dmft.smoothing().extrapolationError()));
            }
            double pull = (fit.value() - theory) / Math.hypot(fit.error(), theoryError);
            rows.add(new Row(q.name(), theory, theoryError, fit.value(), fit.error(), fit.slope(), fit.chi2PerDof(),
                    pull, seeds.means(), seeds.errors()));
        }
        return rows;
    }

    /**
     * The n -&gt; infinity value of a quantity from trained networks: the weighted least-squares fit
     * q(n) = q_inf + c / n of the seed means ({@link WidthSeriesFit}), weighted by the pooled errors
     * ({@link PooledSeedErrors}: one variance n Var_n(q) for all widths rather than each width's own few-seed
     * estimate), with the intercept's error multiplied by sqrt(max(1, chi^2/dof)) (the scale factor of the Particle
     * Data Group): scatter beyond the stated errors widens the error instead of inflating the pull. With the
     * per-width errors of 4 seeds, |pull| &gt; 3 happened to 6 % of correct theories (4 widths; 2 % with 6 seeds and
     * 3 widths), which is how the DMFT seemed 3.5 to 5 standard errors off (docs/METHOD.md).
     *
     * @param value      q_inf
     * @param error      its standard error, scaled as above
     * @param slope      c
     * @param chi2PerDof chi^2 / dof of the fit (NaN without degrees of freedom)
     */
    record Extrapolation(double value, double error, double slope, double chi2PerDof) {

        static Extrapolation of(List<Ensemble> ensembles, PooledSeedErrors seeds) {
            List<Integer> widths = new ArrayList<>();
            double[] errors = seeds.errors().clone();
            for (int i = 0; i < ensembles.size(); i++) {
                widths.add(ensembles.get(i).width());
                errors[i] = Math.max(errors[i], 1e-12);
            }
            WidthSeriesFit fit = WidthSeriesFit.of(widths, seeds.means(), errors, 2);
            double chi2PerDof = fit.degreesOfFreedom() > 0 ? fit.chiSquarePerDof() : Double.NaN;
            double scale = chi2PerDof > 1 ? Math.sqrt(chi2PerDof) : 1;
            return new Extrapolation(fit.coefficients()[0], fit.errors()[0] * scale, fit.coefficients()[1],
                    chi2PerDof);
        }
    }

    static String table(TrainingProblem problem, DmftResult dmft, List<Ensemble> ensembles, List<Row> rows) {
        StringBuilder s = new StringBuilder();
        double interval = problem.time() / org.feynet.dmft.Dynamics.INTERVALS;
        s.append(String.format(Locale.ROOT, "trained networks (%d seeds per width) against DMFT (%s); fit q(n) = q_inf "
                + "+ c/n; +- from the variance n Var(q) pooled over the widths, the fit's error times "
                + "sqrt(max(1, chi2/dof)); tK means t = K * %s%n%n",
                ensembles.get(0).runs().size(), dmft.solver(), interval));
        s.append(String.format(Locale.ROOT, "%-16s", "quantity"));
        for (Ensemble e : ensembles) {
            s.append(String.format(Locale.ROOT, " %20s", "n = " + e.width()));
        }
        s.append(String.format(Locale.ROOT, " %20s %20s %8s %7s%n", "n -> inf (fit)", "DMFT", "chi2/dof", "pull"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-16s", r.name()));
            for (int i = 0; i < r.means().length; i++) {
                s.append(String.format(Locale.ROOT, " %10.5f +- %6.1e", r.means()[i], r.errors()[i]));
            }
            s.append(String.format(Locale.ROOT, " %10.5f +- %6.1e %10.5f +- %6.1e %8.2f %7.2f%n", r.extrapolated(),
                    r.error(), r.theory(), r.theoryError(), r.chi2PerDof(), r.pull()));
        }
        return s.toString();
    }

    /** Loss, K_11 and alignment over time (DMFT line, each width's means with error bars) and loss(T) against 1/n. */
    static void plot(TrainingProblem problem, DmftResult dmft, List<Ensemble> ensembles, List<Row> rows, Path path) {
        List<XYChart> charts = new ArrayList<>();
        double[] y = problem.targets();
        charts.add(overTime("loss", dmft, dmft.full().loss(), ensembles, (r, t) -> r.observations().get(t).loss()));
        charts.add(overTime("NTK K_11", dmft, column(dmft.full()), ensembles,
                (r, t) -> r.observations().get(t).ntk()[0][0]));
        charts.add(overTime("alignment", dmft, dmft.full().alignment(), ensembles,
                (r, t) -> Curves.alignment(r.observations().get(t).ntk(), y)));
        Row last = rows.stream().filter(r -> r.name().startsWith("loss(t" + org.feynet.dmft.Dynamics.INTERVALS))
                .findFirst().orElse(rows.get(0));
        charts.add(againstWidth(last, ensembles));
        Charts.write(charts, 2, path);
    }

    private static double[] column(Curves c) {
        double[] out = new double[c.ntk().length];
        for (int t = 0; t < out.length; t++) {
            out[t] = c.ntk()[t][0][0];
        }
        return out;
    }

    private interface AtTime {
        double at(Trajectory run, int t);
    }

    private static XYChart overTime(String what, DmftResult dmft, double[] theory, List<Ensemble> ensembles,
            AtTime quantity) {
        XYChart chart = Charts.chart(what + ": training vs DMFT", "t", what);
        XYSeries line = chart.addSeries("DMFT", dmft.times(), theory);
        line.setMarker(SeriesMarkers.NONE);
        for (Ensemble e : ensembles) {
            int count = e.times().length;
            double[] mean = new double[count];
            double[] error = new double[count];
            for (int t = 0; t < count; t++) {
                final int i = t;
                mean[t] = e.mean(r -> quantity.at(r, i));
                error[t] = e.standardError(r -> quantity.at(r, i));
            }
            XYSeries s = chart.addSeries("n = " + e.width(), e.times(), mean, error);
            s.setLineStyle(SeriesLines.NONE);
        }
        return chart;
    }

    private static XYChart againstWidth(Row row, List<Ensemble> ensembles) {
        XYChart chart = Charts.chart(row.name() + " against 1/n", "1/n", row.name());
        double[] x = new double[ensembles.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.0 / ensembles.get(i).width();
        }
        XYSeries s = chart.addSeries("training", x, row.means(), row.errors());
        s.setLineStyle(SeriesLines.NONE);
        double top = Math.max(x[0], x[x.length - 1]);
        XYSeries fit = chart.addSeries("fit q_inf + c/n", new double[] {0, top},
                new double[] {row.extrapolated(), row.extrapolated() + row.slope() * top});
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineStyle(SeriesLines.DASH_DASH);
        XYSeries theory = chart.addSeries("DMFT", new double[] {0}, new double[] {row.theory()});
        theory.setMarker(SeriesMarkers.DIAMOND);
        theory.setLineStyle(SeriesLines.NONE);
        return chart;
    }
}
