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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code feynet audit}: recursions typed as in a paper against the derived ones. The correct files of examples/audit
 * were written by hand in PDLT's notation; each planted error must be caught, attributed to the diagram responsible,
 * and bad input must be one located line with exit code 2.
 */
class AuditCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun audit(String model, String recursionFile) {
        try {
            Files.createDirectories(dir.resolve("drawn"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run("audit", model, "--recursion", recursionFile, "--draw", dir.resolve("drawn").toString());
    }

    private CliRun auditText(String model, String text) throws IOException {
        Path file = dir.resolve("typed.rec");
        Files.writeString(file, text);
        return audit(model, file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metric", "ntk_mean", "ntk_mean_correction", "ntk_A", "ntk_B", "ntk_D_F"})
    void theHandWrittenRecursionsAgree(String name) {
        CliRun r = audit("examples/ntk_gelu.fnet", "examples/audit/" + name + ".rec");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("differs"), r.out());
        assertTrue(r.out().contains("agrees"), r.out());
    }

    @Test
    void theRecursionsDoNotDependOnTheActivation() throws IOException {
        Path tanh = dir.resolve("ntk_tanh.fnet");
        Files.writeString(tanh, Files.readString(Path.of("examples/ntk_gelu.fnet"))
                .replaceAll("activation sigma\\(z\\) = .*", "activation sigma(z) = tanh(z)"));
        assertEquals(0, audit(tanh.toString(), "examples/audit/ntk_mean_correction.rec").code());
        assertEquals(0, audit("examples/mlp_tanh.fnet", "examples/audit/metric.rec").code());
    }

    @Test
    void aLoopCountedTwiceIsAWrongWeightOfThatDiagram() {
        CliRun r = audit("examples/ntk_gelu.fnet", "examples/audit/ntk_mean_correction_wrong_factor.rec");
        assertEquals(AuditCommand.DISAGREES, r.code());
        assertTrue(r.out().contains("+ Cw sum_{c1 d1} <d_c1 d_d1 (s'_a1 s'_b1)> F[(a1 b1)(c1 d1)]"), r.out());
        assertTrue(r.out().contains("wrong weight: diagram 'off-diagonal loop'"), r.out());
        assertTrue(r.out().contains("yours is 2 (2 times)"), r.out());
        assertTrue(Files.exists(dir.resolve("drawn/audit-H1-1.svg")));
    }

    @Test
    void aForgottenDiagramIsNamed() {
        CliRun r = audit("examples/ntk_gelu.fnet", "examples/audit/ntk_B_missing_term.rec");
        assertEquals(AuditCommand.DISAGREES, r.code());
        assertTrue(r.out().contains("missing: diagram 'diagonal (j = m)'"), r.out());
    }

    @Test
    void aTermNoDiagramGivesIsExtraAndTheUsersSampleNamesAreMapped() throws IOException {
        CliRun r = auditText("examples/ntk_gelu.fnet",
                "H0'[x y] = lambda_b + lambda_W <s_x s_y> + Cw <s'_x s'_y> H0[x y] + Cb\n");
        assertEquals(AuditCommand.DISAGREES, r.code());
        assertTrue(r.out().contains("x -> a1, y -> b1"), r.out());
        assertTrue(r.out().contains("extra: no diagram gives + Cb"), r.out());
    }

    @Test
    void equivalentFormsAgree() throws IOException {
        // factors in another order, the two derivative indices swapped, a product written with '*', and a term split
        // in two halves: all the same recursion.
        String text = "H0'[a b] = lambda_W <s_b s_a> + H0[b a] <s'_b s'_a> * Cw + 1/2 lambda_b + 1/2 lambda_b\n";
        assertEquals(0, auditText("examples/ntk_gelu.fnet", text).code());
    }

    @Test
    void jsonGivesTheVerdictsAndFindings() throws IOException {
        CliRun r = run("audit", "examples/ntk_gelu.fnet", "--recursion",
                "examples/audit/ntk_mean_correction_wrong_factor.rec", "--json");
        assertEquals(AuditCommand.DISAGREES, r.code());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertFalse(root.get("agrees").asBoolean());
        JsonNode finding = root.get("recursions").get(0).get("findings").get(0);
        assertEquals("weight", finding.get("kind").asText());
        assertEquals("off-diagonal loop", finding.get("diagram").asText());
        assertEquals("1", finding.get("derived").asText());
        assertEquals("2", finding.get("yours").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "H0'[a b] = lambda_b + Cw <s'_a s'_b> H0[a b] + lambda_W <s_a s_b\n",
        "Q'[a b] = 1\n",
        "H0'[a] = 1\n",
        "H0'[a b] = lambda_b + Cw sum_{c d} <d_c (s'_a s'_b)> H0[a b]\n",
        "H0'[a b] = lambda_b + Cw <s'_a s'_z> H0[a b]\n",
        "H0[a b] = lambda_b\n",
        "\n",
    })
    void badInputIsOneLocatedLineAndExitTwo(String text) throws IOException {
        CliRun r = auditText("examples/ntk_gelu.fnet", text);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().matches("feynet: .*typed\\.rec:\\d+:\\d+: .*\\s*"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingRecursionFileIsAClearError() {
        CliRun r = audit("examples/ntk_gelu.fnet", dir.resolve("nope.rec").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot read recursion file"), r.err());
    }
}
