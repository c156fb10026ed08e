package org.feynet.derive;

import java.util.List;
import org.feynet.diagrams.Attachment;
import org.feynet.diagrams.Blob;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.Vertex;
import org.feynet.model.Statistic;

/** The O(1/n) metric diagrams written out by hand (docs/METHOD.md), independent of the diagram enumerator. */
final class FirstOrderShapes {

    private FirstOrderShapes() {}

    static List<MetricDiagram> of(Statistic s) {
        if (s.equals(Statistic.K0)) {
            return List.of(MetricDiagram.of(List.of(new Vertex(0, List.of(1), 0)), List.of(), List.of()));
        }
        if (s.equals(Statistic.K1)) {
            return List.of(
                    MetricDiagram.of(List.of(new Vertex(0, List.of(1), 1)), List.of(new Blob(0, 1, 1)),
                            List.of(new Attachment(0, 0, 1))),
                    MetricDiagram.of(List.of(new Vertex(0, List.of(1), 2)), List.of(new Blob(0, 2, 1)),
                            List.of(new Attachment(0, 0, 2))));
        }
        if (s.equals(Statistic.V4)) {
            return List.of(
                    MetricDiagram.of(List.of(new Vertex(0, List.of(1, 2), 0)), List.of(), List.of()),
                    MetricDiagram.of(List.of(new Vertex(0, List.of(1), 1), new Vertex(1, List.of(2), 1)),
                            List.of(new Blob(0, 2, 1)), List.of(new Attachment(0, 0, 1), new Attachment(1, 0, 1))));
        }
        throw new IllegalArgumentException("only O(1/n) shapes are written by hand");
    }
}
