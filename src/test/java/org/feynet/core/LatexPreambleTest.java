package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatexPreambleTest {

    @Test
    void preambleLoadsTheStandardPackagesAndOpensTheDocument() {
        String p = LatexPreamble.of("Theory \\texttt{phi4}", "today");
        assertTrue(p.startsWith("\\documentclass[11pt]{article}\n"), p);
        for (String pkg : new String[] {"amsmath,amssymb", "tikz,graphicx", "longtable", "[margin=2cm]{geometry"}) {
            assertTrue(p.contains("\\usepackage" + (pkg.startsWith("[") ? pkg : "{" + pkg + "}")), pkg);
        }
        assertTrue(p.contains("\\allowdisplaybreaks\n\\title{Theory \\texttt{phi4}}\n\\date{today}\n"), p);
        assertTrue(p.endsWith("\\begin{document}\n\\maketitle\n\n"), p);
        assertEquals("\\end{document}\n", LatexPreamble.end());
    }

    @Test
    void escapeQuotesTheTenSpecialCharacters() {
        assertEquals("mlp\\_tanh", LatexPreamble.escape("mlp_tanh"));
        assertEquals("\\& \\% \\$ \\# \\{\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{}",
                LatexPreamble.escape("& % $ # {} \\ ~ ^"));
    }
}
