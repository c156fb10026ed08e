package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derive, diagrams, eval and latex on theory files, as a user meets them. */
class TheoryCommandsTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void evalJsonGivesExactCoefficientsLowestOrderFirst() throws IOException {
        CliRun r = run("eval", "examples/phi4.fnet", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode q = new ObjectMapper().readTree(r.out()).get("quantities");
        assertEquals("Z", q.get(0).get("quantity").asText());
        assertEquals(List.of("1", "-1/8", "35/384", "-385/3072", "25025/98304"), texts(q.get(0).get("coefficients")));
        assertEquals(List.of("0", "-1", "7/2", "-149/12", "197/4"), texts(q.get(2).get("coefficients")));
    }

    @Test
    void evalJsonOfTheONModelIsGroupedByPowersOfN() throws IOException {
        CliRun r = run("eval", "examples/on_model.fnet", "--json", "--coupling-order", "2");
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("quantities").get(0).get("by_power_of_N");
        assertEquals(0, rows.get(0).get("power_of_N").asInt());
        assertEquals(List.of("1", "-1/2", "1/2"), texts(rows.get(0).get("coefficients")));
        assertEquals(-1, rows.get(1).get("power_of_N").asInt());
        assertEquals(List.of("0", "-1", "5/2"), texts(rows.get(1).get("coefficients")));
    }

    @Test
    void diagramsJsonListsOrderAndSymmetryFactor() throws IOException {
        CliRun r = run("diagrams", "examples/phi4.fnet", "--json");
        JsonNode z = new ObjectMapper().readTree(r.out()).get("quantities").get(0).get("diagrams");
        assertEquals(31, z.size());
        assertEquals(1, z.get(0).get("order").asInt());
        assertEquals(8, z.get(0).get("symmetry_factor").asInt());
        List<Integer> order2 = new ArrayList<>();
        z.forEach(d -> {
            if (d.get("order").asInt() == 2) {
                order2.add(d.get("symmetry_factor").asInt());
            }
        });
        assertEquals(List.of(128, 16, 48), order2);
    }

    @Test
    void diagramsFilterKeepsOnePiVacuumDiagrams() {
        CliRun r = run("diagrams", "examples/phi3.fnet", "--filter", "connected,1pi");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("log Z to order g^4: 3 diagrams (connected, 1pi)"), r.out());
    }

    @Test
    void deriveDrawsSheetsAndLatexWritesADocument() throws IOException {
        CliRun r = run("derive", "examples/phi4.fnet", "--diagrams", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Z = 1 - 1/8 g + 35/384 g^2"), r.out());
        assertTrue(Files.readString(dir.resolve("phi4/Z-g2.svg")).contains("S = 16, 1/16 g^2"));
        Path tex = dir.resolve("phi4.tex");
        assertEquals(0, run("latex", "examples/phi4.fnet", "-o", tex.toString()).code());
        String doc = Files.readString(tex);
        assertTrue(doc.contains("\\begin{tikzpicture}") && doc.contains("\\frac{35}{384}\\,g^{2}") && doc.endsWith("\\end{document}\n"));
    }

    @Test
    void theoryErrorsAreOneLine() throws IOException {
        Path bad = dir.resolve("bad.fnet");
        Files.writeString(bad, "theory t {\n  field phi\n  coupling g\n  action S = g * phi^4\n}\n");
        CliRun r = run("eval", bad.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals("feynet: " + bad + ":2:9: field 'phi' has no quadratic term, expected phi^2/2 in the action "
                + "(it sets the propagator)\n", r.err());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
