package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Statistic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Collecting terms by their canonical monomials gives exactly what Symja's Expand gave, term by term. */
@Tag("slow")
class TermSimplifierTest {

    @Test
    void collectingMonomialsAgreesWithSymjaExpandForEveryStatisticThroughOrderThree() {
        for (Statistic s : Statistic.metricUpTo(3)) {
            List<Term> raw = new ArrayList<>();
            for (MetricDiagram d : MetricDiagrams.of(s)) {
                raw.addAll(DiagramExpander.expand(d));
            }
            List<Term> expected = SymjaTermCollector.simplify(raw);
            List<Term> actual = TermSimplifier.simplify(raw);
            assertEquals(expected.size(), actual.size(), s + ": number of terms");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), s + ": term " + (i + 1));
            }
        }
    }
}
