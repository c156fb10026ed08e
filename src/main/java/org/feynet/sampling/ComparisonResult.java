package org.feynet.sampling;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link Comparison}: samples at every width and, for every layer 2..L (layer 1 is deterministic)
 * and every independent component, the fitted series against the theory with pulls.
 *
 * @param model            the network's name
 * @param order            p of the theory's order 1/n^p
 * @param layer            the layer shown by {@link #table()} and the plot
 * @param widths           the widths sampled, ascending
 * @param networksPerWidth N at each width
 * @param seed             the comparison's seed (each width samples with a seed derived from it)
 * @param samples          one sample per width, in the order of {@code widths}
 * @param components       all compared components, by layer, means first
 * @param plot             the plot written, or null
 * @param plotted          the labels of the components the plot shows (empty without a plot)
 */
public record ComparisonResult(String model, int order, int layer, List<Integer> widths, int networksPerWidth,
                               long seed, List<MetricSample> samples, List<ComponentComparison> components, Path plot,
                               List<String> plotted) {

    public ComparisonResult {
        widths = List.copyOf(widths);
        samples = List.copyOf(samples);
        components = List.copyOf(components);
        plotted = List.copyOf(plotted);
    }

    /**
     * The pull of largest magnitude over all layers and components, and where it is.
     *
     * @param component the component it belongs to
     * @param pull      its coefficient and value
     */
    public record LargestPull(ComponentComparison component, ComponentComparison.Pull pull) {

        /** "+2.31 sigma for B|K0 of G_12 at layer 7". */
        public String describe() {
            return String.format(Locale.ROOT, "%+.2f sigma for %s of %s at layer %d", pull.value(),
                    pull.coefficient(), component.label(), component.layer());
        }
    }

    /** The component and coefficient with the largest |pull| (the first one on ties, in table order). */
    public LargestPull largestPull() {
        ComponentComparison worst = components.stream()
                .max(Comparator.comparingDouble(ComponentComparison::maxAbsPull)).orElseThrow();
        return new LargestPull(worst, worst.largestPull());
    }

    /** The components of layer l. */
    public List<ComponentComparison> components(int l) {
        return components.stream().filter(c -> c.layer() == l).toList();
    }

    /** The largest |pull| over all layers and components. */
    public double maxAbsPull() {
        return components.stream().mapToDouble(ComponentComparison::maxAbsPull).max().orElse(0);
    }

    /** The largest |pull| at layer l. */
    public double maxAbsPull(int l) {
        return components(l).stream().mapToDouble(ComponentComparison::maxAbsPull).max().orElse(0);
    }

    /** The plain-text table of the chosen layer. */
    public String table() {
        return table(layer);
    }

    /** The plain-text table of layer l: fitted coefficients against theory, then sampled against predicted per width. */
    public String table(int l) {
        return ComparisonTable.render(this, l);
    }
}
