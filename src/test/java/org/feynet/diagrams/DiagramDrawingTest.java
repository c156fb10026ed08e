package org.feynet.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DiagramDrawingTest {

    private static List<MetricDiagram> sample() {
        return java.util.stream.Stream.of(new int[][] {{1, 0}, {1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {3, 2}})
                .flatMap(mq -> new MetricDiagramEnumerator(mq[0], mq[1]).diagrams().stream())
                .toList();
    }

    private static int countByClass(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (cls.equals(((Element) nodes.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void svgIsWellFormedWithOneShapePerVertexBlobAndDerivativeLeg() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (MetricDiagram d : sample()) {
            String svg = new DiagramDrawing(d).svg();
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals(d.vertices().size(), countByClass(doc, "circle", "vertex"));
            assertEquals(d.blobs().size(), countByClass(doc, "circle", "blob"));
            assertEquals(d.blobs().size(), countByClass(doc, "text", "blob-label"));
            int legs = d.attachments().stream().mapToInt(Attachment::multiplicity).sum();
            assertEquals(legs, countByClass(doc, "path", "edge"));
            assertEquals(d.externalLegs(), countByClass(doc, "line", "leg"));
            assertEquals(d.externalLegs(), countByClass(doc, "text", "leg-label"));
        }
    }

    @Test
    void parallelLegsAreDistinctArcs() {
        MetricDiagram doubleTadpole = new MetricDiagramEnumerator(1, 2).diagrams().get(5);
        assertEquals("V(1) | V4[1,1] V4[1,1]", doubleTadpole.code());
        String svg = new DiagramDrawing(doubleTadpole).svg();
        List<String> paths = svg.lines().filter(l -> l.contains("class=\"edge\"")).toList();
        assertEquals(4, paths.size());
        assertEquals(4, paths.stream().distinct().count());
    }

    @Test
    void tikzNeedsOnlyTikzAndHasOneCommandPerShape() {
        for (MetricDiagram d : sample()) {
            String tikz = new DiagramDrawing(d).tikz();
            assertTrue(tikz.contains("\\begin{tikzpicture}") && tikz.endsWith("\\end{tikzpicture}\n"));
            int legs = d.attachments().stream().mapToInt(Attachment::multiplicity).sum();
            assertEquals(legs, count(tikz, ".. controls"));
            assertEquals(d.blobs().size(), count(tikz, "\\filldraw"));
            assertEquals(d.vertices().size(), count(tikz, "\\fill ("));
            assertEquals(d.externalLegs(), count(tikz, "node[above]"));
            assertTrue(!tikz.contains("feynman"));
        }
        String tadpole = new DiagramDrawing(new MetricDiagramEnumerator(1, 1).diagrams().get(1)).tikz();
        assertTrue(tadpole.contains("{$V_{4}$}"), tadpole);
        assertTrue(tadpole.contains("$(a_{1}\\,b_{1})$"), tadpole);
    }

    @Test
    void drawingsAreDeterministic() {
        List<MetricDiagram> first = sample();
        List<MetricDiagram> second = sample();
        for (int i = 0; i < first.size(); i++) {
            assertEquals(new DiagramDrawing(first.get(i)).svg(), new DiagramDrawing(second.get(i)).svg());
            assertEquals(new DiagramDrawing(first.get(i)).tikz(), new DiagramDrawing(second.get(i)).tikz());
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
