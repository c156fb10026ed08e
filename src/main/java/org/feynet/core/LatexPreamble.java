package org.feynet.core;

/**
 * The opening and closing of every LaTeX document feynet writes (network derivations and theories alike):
 * {@code article} at 11pt, 2cm margins, and only standard packages, {@code amsmath}, {@code amssymb},
 * {@code tikz} (the diagrams, see {@link Canvas}), {@code graphicx} (scaled diagrams), {@code longtable}
 * (diagram tables across pages); display breaks allowed, since recursions run over many lines.
 */
public final class LatexPreamble {

    private LatexPreamble() {}

    /**
     * From {@code \documentclass} to {@code \maketitle} and a blank line.
     *
     * @param title the title, already LaTeX (escape plain text with {@link #escape})
     * @param date  the date line, already LaTeX; empty for none
     */
    public static String of(String title, String date) {
        return "\\documentclass[11pt]{article}\n"
                + "\\usepackage{amsmath,amssymb}\n"
                + "\\usepackage{tikz,graphicx}\n"
                + "\\usepackage{longtable}\n"
                + "\\usepackage[margin=2cm]{geometry}\n"
                + "\\allowdisplaybreaks\n"
                + "\\title{" + title + "}\n"
                + "\\date{" + date + "}\n"
                + "\\begin{document}\n"
                + "\\maketitle\n\n";
    }

    /** {@code \end{document}} and a newline. */
    public static String end() {
        return "\\end{document}\n";
    }

    /** Plain text for text mode: the ten special characters of LaTeX escaped. */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\textbackslash{}");
                case '~' -> s.append("\\textasciitilde{}");
                case '^' -> s.append("\\textasciicircum{}");
                case '_', '&', '%', '#', '$', '{', '}' -> s.append('\\').append(c);
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
