package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.numerics.TaylorCoefficients;
import org.feynet.numerics.VectorModelLargeN;
import org.feynet.theory.Monomial;
import org.feynet.theory.TheoryExpansion;
import org.feynet.theory.TheoryResult;
import org.hipparchus.fraction.BigFraction;
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

    /**
     * A theory with a quartic and a sextic vertex, U = g rho^2/4 + g^2 rho^3/6 (so U''' != 0 and the coupling enters
     * U at two powers), read as a user writes it: the Taylor coefficients in g of rho* and K1 (interpolation at 17
     * Chebyshev points of [-0.05, 0.05]) equal the N^0 and N^-1 coefficients of the diagram series of its
     * {@code <phi[2] phi[2]>_c} through g^4 (1, -1, 1, 0, -4 and 0, -2, 4, 6, -74) within 1e-5.
     */
    @Test
    void aSexticTheoryExpandsToItsDiagramSeries() {
        FieldTheory theory = ModelReader.parse("sext.fnet", """
                theory sext {
                  field phi[i], i = 1 .. N
                  coupling g
                  action S = phi[i]*phi[i]/2 + g/(4*N) * (phi[i]*phi[i])^2 + g^2/(6*N^2) * (phi[i]*phi[i])^3
                }
                derive <phi[2] phi[2]>_c to order 1/N
                """).theories().get(0);
        TheoryResult series = new TheoryExpansion(theory).compute(theory.requests().get(0));
        LargeNRoute route = LargeNRoute.of(theory, series).orElseThrow();
        double[][] coefficients = TaylorCoefficients.of(g -> {
            VectorModelLargeN.Result r = VectorModelLargeN.evaluate(route.action(g));
            return new double[] {r.saddle(), r.meanShift()};
        }, 16, 0.05);
        double[] b0 = coefficients[0];
        double[] b1 = coefficients[1];
        int checked = 0;
        for (Map.Entry<Monomial, BigFraction> e : series.series().terms().entrySet()) {
            int power = e.getKey().power(0);
            double[] b = e.getKey().size() == 0 ? b0 : b1;
            assertEquals(e.getValue().doubleValue(), b[power], 1e-5,
                    "coefficient of g^" + power + " N^" + e.getKey().size());
            checked++;
        }
        assertEquals(8, checked, "the nonzero terms 1, g, g^2, g^4 at N^0 and g..g^4 at N^-1");
        assertEquals(0, b0[3], 1e-5, "no g^3 at N^0");
    }
}
