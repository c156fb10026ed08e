package org.feynet.core;

import static org.feynet.core.Canvas.fixed;

import java.util.List;

/** The grid of {@link Canvas#sheet}: equal cells as large as the largest drawing, captions below, a title on top. */
final class SheetLayout {

    static final int MIN_CELL_WIDTH = 160;
    static final int MIN_CELL_HEIGHT = 100;
    static final int MAX_WIDTH = 1000;
    private static final int TITLE_HEIGHT = 30;
    private static final int CAPTION_HEIGHT = 40;

    private SheetLayout() {}

    static String svg(String title, List<Canvas> cells, List<String> captions) {
        double cellWidth = MIN_CELL_WIDTH;
        double cellHeight = MIN_CELL_HEIGHT;
        for (Canvas c : cells) {
            cellWidth = Math.max(cellWidth, c.svgWidth());
            cellHeight = Math.max(cellHeight, c.svgHeight());
        }
        int columns = Math.max(1, Math.min(cells.size(), (int) Math.floor(MAX_WIDTH / cellWidth)));
        int rows = (cells.size() + columns - 1) / columns;
        double w = columns * cellWidth;
        double h = TITLE_HEIGHT + rows * (cellHeight + CAPTION_HEIGHT);
        StringBuilder s = new StringBuilder(SvgWriter.XML_DECLARATION)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(fixed(w)).append("\" height=\"")
                .append(fixed(h)).append("\" viewBox=\"0 0 ").append(fixed(w)).append(' ').append(fixed(h))
                .append("\" font-family=\"serif\" font-size=\"14\">\n")
                .append("<text class=\"title\" x=\"10\" y=\"20\" font-size=\"16\">").append(SvgWriter.escape(title))
                .append("</text>\n");
        for (int i = 0; i < cells.size(); i++) {
            Canvas c = cells.get(i);
            double left = (i % columns) * cellWidth;
            double top = TITLE_HEIGHT + (i / columns) * (cellHeight + CAPTION_HEIGHT);
            s.append(SvgWriter.element(c, left + (cellWidth - c.svgWidth()) / 2,
                            top + (cellHeight - c.svgHeight()) / 2, false))
                    .append("<text class=\"caption\" x=\"").append(fixed(left + cellWidth / 2)).append("\" y=\"")
                    .append(fixed(top + cellHeight + 20)).append("\" font-size=\"12\" text-anchor=\"middle\">")
                    .append(i + 1).append(". ").append(SvgWriter.escape(captions.get(i))).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    static String tikz(String title, List<Canvas> cells, List<String> captions) {
        StringBuilder s = new StringBuilder(TikzWriter.comment(title)).append('\n');
        for (int i = 0; i < cells.size(); i++) {
            s.append(TikzWriter.comment((i + 1) + ". " + captions.get(i))).append('\n')
                    .append(cells.get(i).tikz()).append('\n');
        }
        return s.toString();
    }
}
