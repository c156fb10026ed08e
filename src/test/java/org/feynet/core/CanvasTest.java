package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.feynet.core.Canvas.Dash;
import org.feynet.core.Canvas.Fill;
import org.feynet.core.Canvas.Mark;
import org.feynet.core.Canvas.Place;
import org.feynet.core.Canvas.Size;
import org.feynet.core.Canvas.Text;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CanvasTest {

    /** Two lines, a curve, three circles, four marks and two labels: one of every primitive and style. */
    private static Canvas sample() {
        return new Canvas(new Canvas.Box(-1, -1, 3, 2), 50).title("a sample & <test>")
                .line(0, 0, 1, 1, Dash.SOLID, "leg")
                .line(0, 0, 2, 0, Dash.DOTTED, "leg")
                .curve(0, 0, 1, 1.5, 2, 0, Dash.DASHED, "edge")
                .circle(2, 0, 0.3, Fill.SHADED, Dash.SOLID, "blob")
                .circle(1, 1, 0.1, Fill.WHITE, Dash.SOLID, "external")
                .circle(0, 0, 0.3, Fill.NONE, Dash.DASHED, "loop")
                .mark(0, 0, Mark.DOT, "vertex")
                .mark(1, 0, Mark.SQUARE, "vertex")
                .mark(2, 1, Mark.DIAMOND, "vertex")
                .mark(-0.5, 0, Mark.SMALL_DOT, "vertex")
                .text(1, 1.1, Text.of("(a").sub(1).then(" b").sub(1).then(")"), Place.ABOVE, Size.NORMAL, "label")
                .text(2, 0, Text.of("V").sub(4).sup("(1)"), Place.CENTRE, Size.SMALL, "label");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void svgParsesAsXmlWithOneElementPerPrimitive() throws Exception {
        Document doc = parse(sample().svg());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("200.00", doc.getDocumentElement().getAttribute("width"));
        assertEquals("150.00", doc.getDocumentElement().getAttribute("height"));
        assertEquals("a sample & <test>", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagName("line").getLength());
        assertEquals(1, doc.getElementsByTagName("path").getLength());
        assertEquals(5, doc.getElementsByTagName("circle").getLength(), "three circles and two round marks");
        assertEquals(1, doc.getElementsByTagName("rect").getLength());
        assertEquals(1, doc.getElementsByTagName("polygon").getLength());
        assertEquals(2, doc.getElementsByTagName("text").getLength());
        assertEquals(4, doc.getElementsByTagName("tspan").getLength(), "two subscripts, a subscript, a superscript");
        assertEquals("(a1 b1)", doc.getElementsByTagName("text").item(0).getTextContent());
    }

    @Test
    void svgMapsLayoutUnitsToPixelsWithYDown() throws Exception {
        Document doc = parse(sample().svg());
        org.w3c.dom.Element line = (org.w3c.dom.Element) doc.getElementsByTagName("line").item(0);
        assertEquals("50.00", line.getAttribute("x1"));
        assertEquals("100.00", line.getAttribute("y1"));
        assertEquals("100.00", line.getAttribute("x2"));
        assertEquals("50.00", line.getAttribute("y2"));
        assertEquals("leg", line.getAttribute("class"));
    }

    @Test
    void tikzHasBalancedBracesAndOneDrawCommandPerStrokedPrimitive() {
        String tikz = sample().tikz();
        assertEquals(count(tikz, "{"), count(tikz, "}"));
        assertEquals(count(tikz, "["), count(tikz, "]"));
        assertTrue(tikz.startsWith("% a sample & <test>\n\\begin{tikzpicture}"), tikz);
        assertTrue(tikz.endsWith("\\end{tikzpicture}\n"));
        assertEquals(4, count(tikz, "\\draw"), "two lines, the curve, the open circle");
        assertEquals(2, count(tikz, "\\filldraw"), "the shaded and the white circle");
        assertEquals(4, count(tikz, "\\fill ") + count(tikz, "\\fill["), "the four marks");
        assertEquals(2, count(tikz, "\\node"));
        assertEquals(1, count(tikz, "\\useasboundingbox (-1.00,-1.00) rectangle (3.00,2.00);"));
        assertTrue(tikz.contains("{$(a_{1}\\,b_{1})$}"), tikz);
        assertTrue(tikz.contains("[font=\\scriptsize] at (2.00,0.00) {$V_{4}^{(1)}$}"), tikz);
        assertTrue(tikz.contains("\\draw[dashed] (0.00,0.00) .. controls (0.67,1.00) and (1.33,1.00) .. (2.00,0.00);"),
                "the quadratic curve becomes the cubic with controls 2/3 of the way: " + tikz);
        assertTrue(!tikz.contains("tikzlibrary"));
    }

    @Test
    void identicalInputGivesIdenticalText() {
        assertEquals(sample().svg(), sample().svg());
        assertEquals(sample().tikz(), sample().tikz());
        Canvas tiny = new Canvas(new Canvas.Box(0, 0, 1, 1), 10).line(-0.001, 0, 0, 0, Dash.SOLID, "");
        assertTrue(tiny.tikz().contains("(0.00,0.00) -- (0.00,0.00)"), "no negative zero: " + tiny.tikz());
    }

    @Test
    void sheetPlacesCaptionedDrawingsInAGrid() throws Exception {
        List<Canvas> cells = List.of(sample(), sample(), sample());
        Canvas.Sheet sheet = Canvas.sheet("three samples", cells, List.of("one", "two", "three"));
        Document doc = parse(sheet.svg());
        assertEquals(4, doc.getElementsByTagName("svg").getLength(), "the sheet and three drawings");
        assertEquals(3 * 2 + 4, doc.getElementsByTagName("text").getLength(), "labels, title, captions");
        assertEquals(3, count(sheet.tikz(), "\\begin{tikzpicture}"));
        assertTrue(sheet.tikz().startsWith("% three samples\n% 1. one\n% a sample"), sheet.tikz());
        assertThrows(IllegalArgumentException.class, () -> Canvas.sheet("t", cells, List.of("one")));
    }

    @Test
    void emptyFramesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Canvas.Box(0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Canvas(new Canvas.Box(0, 0, 1, 1), 0));
    }
}
