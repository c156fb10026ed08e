package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    private static final double[][] GRAM = {{1.0, 0.4}, {0.4, 0.6}};

    /**
     * The linear net with Cb = 0 to order 1/n, by its exact recursion: K0^(l) = Cw^(l-1) K^(1), K1 = 0,
     * V4^(1) = 0 and V4^(l+1)_{(ab)(cd)} = Cw^2 (K_ac K_bd + K_ad K_bc) + Cw^2 V4^(l) with K = K0^(l).
     */
    static MetricStatistics linearTheory(double cw, int depth, double[][] k1) {
        int p = k1.length;
        List<MetricStatistics.Layer> layers = new ArrayList<>();
        double[][] k = k1;
        double[][][][] v4 = new double[p][p][p][p];
        for (int l = 1; l <= depth; l++) {
            layers.add(new MetricStatistics.Layer(l, Map.of(Statistic.K0, Tensor.matrix(k),
                    Statistic.K1, Tensor.zeros(p, 2), Statistic.V4, rank4(v4))));
            double[][] nextK = new double[p][p];
            double[][][][] nextV4 = new double[p][p][p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    nextK[a][b] = cw * k[a][b];
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            nextV4[a][b][c][d] = cw * cw * (k[a][c] * k[b][d] + k[a][d] * k[b][c])
                                    + cw * cw * v4[a][b][c][d];
                        }
                    }
                }
            }
            k = nextK;
            v4 = nextV4;
        }
        return new MetricStatistics("linear", p, 1, Statistic.metricUpTo(1), layers);
    }

    private static Tensor rank4(double[][][][] v) {
        int p = v.length;
        double[] flat = new double[p * p * p * p];
        int i = 0;
        for (double[][][] x : v) {
            for (double[][] y : x) {
                for (double[] z : y) {
                    for (double w : z) {
                        flat[i++] = w;
                    }
                }
            }
        }
        return Tensor.of(p, 4, flat);
    }

    @Test
    void twoInputLinearNetAgreesWithTheExactV4Recursion() {
        double cw = 1.2;
        MlpModel model = Networks.mlp(Networks.linear(), 0, cw, 3, GRAM);
        ComparisonResult result = Comparison.of(model, linearTheory(cw, 3, GRAM))
                .widths(List.of(16, 32, 64, 128)).networks(8000).seed(2024).progress(false).run();
        assertEquals(2 * (3 + 6), result.components().size(), "3 means and 6 V4 components per layer 2..3");
        for (ComponentComparison c : result.components()) {
            assertTrue(c.maxAbsPull() < 4, c.layer() + " " + c.label() + " pulls "
                    + java.util.Arrays.toString(c.pulls()) + "\n" + result.table(c.layer()));
        }
        assertTrue(result.table().contains("(12)(12)"), result.table());
    }

    /**
     * The comparison has the power to reject wrong theories: on the same linear-net sample, a V4 off by a factor of
     * two or one half, and a mean correction K1 = K0 that the exact theory does not have (a shift of K0/n, the size of
     * a typical finite-width correction at these widths), give pulls beyond four.
     */
    @Tag("slow")
    @Test
    void theoriesOffByAFactorOfTwoAreRejected() {
        double cw = 1.2;
        MlpModel model = Networks.mlp(Networks.linear(), 0, cw, 3, GRAM);
        MetricStatistics exact = linearTheory(cw, 3, GRAM);
        Comparison comparison = Comparison.of(model, exact).widths(List.of(16, 32, 64, 128)).networks(8000)
                .seed(2024).progress(false);
        assertTrue(comparison.run().maxAbsPull() < 4);
        for (double factor : new double[] {2.0, 0.5}) {
            ComparisonResult wrong = Comparison.of(model, scaled(exact, Statistic.V4, factor, null))
                    .widths(List.of(16, 32, 64, 128)).networks(8000).seed(2024).progress(false).run();
            assertTrue(wrong.maxAbsPull(3) > 4, "V4 times " + factor + " passed:\n" + wrong.table());
        }
        ComparisonResult planted = Comparison.of(model, scaled(exact, Statistic.K1, 1.0, Statistic.K0))
                .widths(List.of(16, 32, 64, 128)).networks(8000).seed(2024).progress(false).run();
        assertTrue(planted.maxAbsPull(3) > 4, "a K1 = K0 passed:\n" + planted.table());
    }

    /** The theory with one statistic multiplied by {@code factor}, or replaced by {@code factor} times another. */
    private static MetricStatistics scaled(MetricStatistics theory, Statistic target, double factor, Statistic from) {
        List<MetricStatistics.Layer> layers = new ArrayList<>();
        for (MetricStatistics.Layer l : theory.layers()) {
            Map<Statistic, Tensor> tensors = new java.util.LinkedHashMap<>(l.tensors());
            Tensor source = l.tensor(from == null ? target : from);
            double[] values = new double[(int) Math.pow(source.inputs(), source.rank())];
            int p = source.inputs();
            for (int i = 0; i < values.length; i++) {
                int[] idx = new int[source.rank()];
                for (int k = source.rank() - 1, r = i; k >= 0; k--, r /= p) {
                    idx[k] = r % p;
                }
                values[i] = factor * source.get(idx);
            }
            tensors.put(target, Tensor.of(p, source.rank(), values));
            layers.add(new MetricStatistics.Layer(l.layer(), tensors));
        }
        return new MetricStatistics(theory.model(), theory.inputs(), theory.order(), theory.statistics(), layers);
    }

    @Test
    void plotsAreWrittenAsPngOrSvg(@TempDir Path dir) throws IOException {
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1, 3, GRAM);
        MetricStatistics theory = linearTheory(1, 3, GRAM);
        Comparison comparison = Comparison.of(model, theory).widths(List.of(8, 16, 32)).networks(64)
                .progress(false);
        Path png = Files.createDirectory(dir.resolve("plots")).resolve("compare.png");
        comparison.plot(png).run();
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
        Path svg = dir.resolve("compare.svg");
        comparison.plot(svg).run();
        assertTrue(Files.readString(svg).contains("<svg"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("compare.svg", "plots"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @Test
    void failedPlotLeavesNoPartialFile(@TempDir Path dir) throws IOException {
        Path blocked = dir.resolve("compare.png");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("keep"), "x");
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1, 2, GRAM);
        Comparison comparison = Comparison.of(model, linearTheory(1, 2, GRAM)).widths(List.of(8, 16, 32))
                .networks(16).progress(false).plot(blocked);
        assertThrows(UncheckedIOException.class, comparison::run);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("compare.png"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void theoryWithoutFiniteWidthTermsIsRejected() {
        MlpModel model = Networks.mlp(Networks.linear(), 0, 1, 2, GRAM);
        List<MetricStatistics.Layer> layers = List.of(
                new MetricStatistics.Layer(1, Map.of(Statistic.K0, Tensor.matrix(GRAM))),
                new MetricStatistics.Layer(2, Map.of(Statistic.K0, Tensor.matrix(GRAM))));
        MetricStatistics infiniteWidth = new MetricStatistics("linear", 2, 0, List.of(Statistic.K0), layers);
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(model, infiniteWidth));
    }

    /**
     * The plot marks the fitted intercept at 1/n = 0 and draws the fit's band; it shows the chosen components only;
     * only .png and .svg files are accepted, and unknown components are refused before sampling.
     */
    @Test
    void plotShowsChosenComponentsWithInterceptAndBand(@TempDir Path dir) throws IOException {
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1, 3, GRAM);
        Comparison comparison = Comparison.of(model, linearTheory(1, 3, GRAM)).widths(List.of(8, 16, 32))
                .networks(64).progress(false);
        assertEquals(List.of("G_11", "G_12", "G_22", "(11)(11)", "(11)(12)", "(11)(22)", "(12)(12)", "(12)(22)",
                "(22)(22)"), comparison.labels());
        Path svg = dir.resolve("two.SVG");
        ComparisonResult result = comparison.plot(svg).plotComponents(List.of("G_12", "(12)(22)")).run();
        assertEquals(List.of("G_12", "(12)(22)"), result.plotted());
        assertTrue(Files.readString(svg).contains("<svg"));
        ComponentComparison g12 = result.components(3).get(1);
        org.knowm.xchart.XYChart chart = ComparisonPlot.chart("m", 3, g12);
        var series = chart.getSeriesMap();
        assertEquals(java.util.Set.of("sampled", "fit +- se", "theory", "fit", "A"), series.keySet());
        var intercept = series.get("A");
        assertEquals(0, intercept.getXData()[0]);
        assertEquals(g12.fit().coefficients()[0], intercept.getYData()[0]);
        assertEquals(g12.fit().errors()[0], intercept.getExtraValues()[0]);
        var band = series.get("fit +- se");
        assertEquals(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        int m = band.getXData().length;
        for (int i = 0; i < m / 2; i++) {
            double x = band.getXData()[i];
            assertEquals(x, band.getXData()[m - 1 - i]);
            double width = band.getYData()[i] - band.getYData()[m - 1 - i];
            assertEquals(2 * g12.fit().standardErrorAt(x), width, 1e-12 * Math.abs(width) + 1e-300);
            assertEquals(g12.fit().at(1 / x), (band.getYData()[i] + band.getYData()[m - 1 - i]) / 2,
                    1e-9 * Math.abs(g12.fit().coefficients()[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> comparison.plot(dir.resolve("c.pdf")));
        assertThrows(IllegalArgumentException.class, () -> comparison.plotComponents(List.of("G_33")));
        assertThrows(IllegalArgumentException.class, () -> comparison.plotComponents(List.of()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("two.SVG"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    /** The largest pull is found with its component and coefficient. */
    @Test
    void largestPullNamesItsComponentAndCoefficient() {
        MlpModel model = Networks.mlp(Networks.linear(), 0, 1.2, 3, GRAM);
        ComparisonResult wrong = Comparison.of(model, scaled(linearTheory(1.2, 3, GRAM), Statistic.V4, 3.0, null))
                .widths(List.of(16, 32, 64)).networks(2000).seed(7).progress(false).run();
        ComparisonResult.LargestPull worst = wrong.largestPull();
        assertEquals(wrong.maxAbsPull(), Math.abs(worst.pull().value()), 0.0);
        assertEquals(ComponentComparison.Kind.COVARIANCE, worst.component().kind(), worst.describe());
        assertTrue(worst.pull().coefficient().equals("D") || worst.pull().coefficient().equals("E|V4"),
                worst.describe());
        assertTrue(worst.describe().matches("[+-]\\d+\\.\\d\\d sigma for (D|E\\|V4) of \\(\\d\\d\\)\\(\\d\\d\\) at layer [23]"),
                worst.describe());
    }
}
