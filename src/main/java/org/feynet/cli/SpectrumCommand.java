package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.numerics.FourierResidualKernels;
import org.feynet.numerics.FourierResidualKernels.MaskAverage;
import org.feynet.numerics.NtkSpectrum;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet spectrum}: the infinite-width NTK Gram of a Fourier-feature residual network on its inputs, averaged
 * exactly over the mask patterns, its eigen-decomposition and the lazy-regime residual decay of gradient flow from
 * f = 0 at rate 1 (docs/OUTPUTS.md, "spectrum").
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"The mask-averaged infinite-width NTK Gram of a Fourier-feature residual network, its",
                "eigenvalues, and the lazy gradient-flow residual ||r(t)||^2/||r(0)||^2, r(t) = exp(-Theta t/P) r(0)."})
final class SpectrumCommand implements Callable<Integer> {

    /** Points of the default time grid, 0 .. T. */
    static final int DEFAULT_POINTS = 41;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    FourierOptions options;

    @Option(names = "--json", description = "print the JSON of docs/OUTPUTS.md on stdout and nothing else there")
    boolean json;

    @Option(names = "--times", paramLabel = "t1,t2,..", split = ",",
            description = "times of the residual (default: 41 points from 0 to the train block's horizon T)")
    double[] times;

    @Option(names = "--plot", paramLabel = "FILE", description = "plot the spectrum and the residual decay (.png or .svg)")
    Path plot;

    @Override
    public Integer call() {
        FourierOptions.Selected selected = options.select();
        if (plot != null) {
            OutputFiles.plot("--plot", plot);
        }
        FourierResidualNetwork net = selected.network();
        double[] grid = times(selected);
        MaskAverage average = FourierResidualKernels.maskAverage(net, net.inputs());
        NtkSpectrum spectrum = NtkSpectrum.of(average.ntk());
        double[] residual = selected.training().map(t -> spectrum.residual(t.targets(), grid)).orElse(new double[0]);
        double[] shown = selected.training().isPresent() ? grid : new double[0];
        if (plot != null) {
            plot(net, spectrum, shown, residual, plot);
        }
        if (json) {
            spec.commandLine().getOut().println(json(net, average, spectrum, shown, residual));
        } else {
            spec.commandLine().getOut().print(text(net, average, spectrum, shown, residual));
            if (plot != null) {
                spec.commandLine().getOut().println("plot written to " + plot);
            }
        }
        return 0;
    }

    private double[] times(FourierOptions.Selected selected) {
        if (times != null) {
            for (double t : times) {
                if (!(t >= 0) || Double.isInfinite(t)) {
                    throw new UserError("--times must be finite and at least 0 (got " + t + ")");
                }
            }
            return times.clone();
        }
        double horizon = selected.training().map(t -> t.time()).orElse(0.0);
        double[] grid = new double[DEFAULT_POINTS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = horizon * i / (grid.length - 1);
        }
        return grid;
    }

    static String json(FourierResidualNetwork net, MaskAverage average, NtkSpectrum spectrum, double[] times,
                       double[] residual) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", net.name());
        root.put("depth", net.depth());
        root.put("samples", net.samples());
        root.put("keep", net.keep());
        root.put("alpha", net.alpha());
        root.put("features", net.features().infinite() ? "infinite" : net.features().count());
        root.put("mask_patterns", average.patterns().size());
        root.put("nngp", average.nngp());
        root.put("ntk", average.ntk());
        root.put("ntk_mask_var", average.ntkMaskVariance());
        root.put("eigenvalues", spectrum.eigenvalues());
        root.put("eigenvectors", spectrum.eigenvectors());
        root.put("times", times);
        root.put("residual", residual);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(FourierResidualNetwork net, MaskAverage average, NtkSpectrum spectrum, double[] times,
                       double[] residual) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: L = %d, activation %s, P = %d, keep p = %s, Fourier s = %s, m = %s%n",
                net.name(), net.depth(), net.activation().name(), net.samples(), net.keep(), net.features().scale(),
                net.features().infinite() ? "infinite" : net.features().count() + " (kernels: the mean over B)"));
        s.append(String.format(Locale.ROOT, "infinite-width NTK, averaged exactly over %d mask patterns%n",
                average.patterns().size()));
        s.append(String.format(Locale.ROOT, "%n%4s %14s%n", "k", "eigenvalue"));
        double[] values = spectrum.eigenvalues();
        for (int k = 0; k < values.length; k++) {
            s.append(String.format(Locale.ROOT, "%4d %14.6e%n", k + 1, values[k]));
        }
        s.append(String.format(Locale.ROOT, "condition number %.3e%n", values[0] / values[values.length - 1]));
        double[][] ntk = average.ntk();
        double[][] var = average.ntkMaskVariance();
        s.append(String.format(Locale.ROOT, "Theta_11 = %.6f, mask standard deviation %.6f%n", ntk[0][0],
                Math.sqrt(var[0][0])));
        if (residual.length == 0) {
            s.append("(no train block: no targets, no residual decay)\n");
        } else {
            s.append(String.format(Locale.ROOT, "%n%10s %14s%n", "t", "|r|^2/|r0|^2"));
            for (int i = 0; i < times.length; i++) {
                s.append(String.format(Locale.ROOT, "%10.4g %14.6e%n", times[i], residual[i]));
            }
        }
        s.append("(--json for the NNGP, the NTK, its mask variance and the eigenvectors)\n");
        return s.toString();
    }

    private static void plot(FourierResidualNetwork net, NtkSpectrum spectrum, double[] times, double[] residual,
                             Path path) {
        List<XYChart> charts = new ArrayList<>();
        double[] values = spectrum.eigenvalues();
        double[] index = new double[values.length];
        for (int k = 0; k < index.length; k++) {
            index[k] = k + 1;
        }
        charts.add(chart(net.name() + ": NTK spectrum (mask-averaged)", "k", "eigenvalue", index, values, "lambda_k"));
        if (residual.length > 0) {
            double[] positive = new double[residual.length];
            for (int i = 0; i < residual.length; i++) {
                positive[i] = Math.max(residual[i], Double.MIN_NORMAL);
            }
            charts.add(chart(net.name() + ": lazy residual decay", "t", "|r(t)|^2 / |r(0)|^2", times, positive,
                    "exp(-Theta t / P) r(0)"));
        }
        org.feynet.core.ChartFiles.write(charts, charts.size(), 460, 400, path);
    }

    private static XYChart chart(String title, String x, String y, double[] xs, double[] ys, String series) {
        XYChart chart = new XYChartBuilder().width(460).height(400).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisLogarithmic(true);
        XYSeries s = chart.addSeries(series, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }
}
