package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-N route of an O(N) theory shown by derive, eval --json and latex beside the diagram series, checked
 * against the closed forms of on_model (S = phi.phi/2 + lambda/(8N) (phi.phi)^2): rho* = (sqrt(1 + 2 lambda) - 1)/lambda,
 * K1 = -2 rho* (1 - rho*)/(2 - rho*)^2, V = 2 rho*^2/(2 - rho*), and against the series written out by hand.
 */
class LargeNRouteTest {

    @TempDir
    Path dir;

    private static double saddle(double lambda) {
        return (Math.sqrt(1 + 2 * lambda) - 1) / lambda;
    }

    @Test
    void evalJsonTabulatesTheResummedLargeNResultBesideTheSeries() throws IOException {
        CliRun r = CliRun.of("eval", "examples/on_model.fnet", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode q = new ObjectMapper().readTree(r.out()).get("quantities").get(0);
        assertEquals("1/8 lambda rho^2", q.get("large_N").get("potential").asText());
        JsonNode table = q.get("large_N").get("table");
        assertEquals(LargeNRoute.COUPLINGS.length, table.size());
        for (JsonNode row : table) {
            double lambda = row.get("lambda").asDouble();
            double s = saddle(lambda);
            assertEquals(s, row.get("rho_star").asDouble(), 1e-13);
            assertEquals(-2 * s * (1 - s) / ((2 - s) * (2 - s)), row.get("K1").asDouble(), 1e-13);
            assertEquals(2 * s * s / (2 - s), row.get("V").asDouble(), 1e-13);
            double l = lambda;
            assertEquals(1 - l / 2 + l * l / 2 - 5 * l * l * l / 8 + 7 * l * l * l * l / 8,
                    row.get("series_N0").asDouble(), 1e-12 * Math.max(1, Math.pow(l, 4)));
            assertEquals(-l + 5 * l * l / 2 - 11 * l * l * l / 2 + 93 * l * l * l * l / 8,
                    row.get("series_N1").asDouble(), 1e-12 * Math.max(1, Math.pow(l, 4)));
        }
        // the existing keys are untouched
        assertEquals("0", q.get("by_power_of_N").get(1).get("coefficients").get(0).asText());
    }

    @Test
    void deriveShowsTheSaddlePointAndOneLoopFormulasAndTheTable() {
        CliRun r = CliRun.of("derive", "examples/on_model.fnet", "--no-draw");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("<phi[1] phi[1]> = 1 - 1/2 lambda - lambda N^-1"), out);
        assertTrue(out.contains("saddle point   1/rho* = 1 + 2 U'(rho*)"), out);
        assertTrue(out.contains("one loop       <phi[1] phi[1]> = rho* + K1/N"), out);
        String row = out.lines().filter(l -> l.startsWith("  0.5 ")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        double s = saddle(0.5);
        assertEquals(s, Double.parseDouble(cells[1]), 1e-10);
        assertEquals(-2 * s * (1 - s) / ((2 - s) * (2 - s)), Double.parseDouble(cells[2]), 1e-10);
        assertTrue(out.indexOf("Large N") < out.indexOf("LaTeX:"), "the section precedes the LaTeX block");
    }

    @Test
    void latexAddsTheLargeNSectionAndOtherTheoriesAreUnchanged() throws IOException {
        Path tex = dir.resolve("on.tex");
        assertEquals(0, CliRun.of("latex", "examples/on_model.fnet", "-o", tex.toString()).code());
        String text = Files.readString(tex);
        assertTrue(text.contains("\\section*{Large $N$: the collective field}"), text);
        assertTrue(text.indexOf("Large $N$") < text.indexOf("\\end{document}"));
        assertTrue(text.contains(String.format("0.5 & %.8f", saddle(0.5))), text);
        CliRun phi4 = CliRun.of("derive", "examples/phi4.fnet", "--no-draw");
        assertFalse(phi4.out().contains("Large"), phi4.out());
        CliRun json = CliRun.of("eval", "examples/phi4.fnet", "--json");
        assertFalse(json.out().contains("large_N"), json.out());
    }
}
