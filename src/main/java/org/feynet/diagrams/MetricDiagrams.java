package org.feynet.diagrams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.feynet.model.Statistic;

/**
 * The metric diagrams of each statistic, enumerated once per JVM by {@link MetricDiagramEnumerator} and shared by
 * everything downstream (derivation, drawings, listings, LaTeX).
 */
public final class MetricDiagrams {

    private static final Map<Statistic, List<MetricDiagram>> ENUMERATED = new ConcurrentHashMap<>();

    private MetricDiagrams() {}

    /** The diagrams of the coefficient of n^{-order} in the cumulant of {@code size} entries of the next metric. */
    public static List<MetricDiagram> of(Statistic statistic) {
        if (statistic.kind() != Statistic.Kind.METRIC) {
            throw new IllegalArgumentException(statistic + " is not a statistic of the metric");
        }
        return ENUMERATED.computeIfAbsent(statistic,
                s -> new MetricDiagramEnumerator(s.size(), s.order()).diagrams());
    }
}
