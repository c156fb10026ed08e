package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs a fuzzer found trouble with, one by one: each is refused at once, in one line, with the exit code of its
 * kind (2 bad input, with file:line:col; 3 numerical trouble), and never printed as NaN or Infinity.
 */
class RobustnessTest {

    private static final String TANH = """
            network t {
              width n
              depth L = 3
              activation sigma(z) = tanh(z)
              init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1
              input gram [[1.0, 0.5], [0.5, 0.8]]
              z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1
            }
            derive metric to order 1/n
            """;

    @TempDir
    Path dir;

    private CliRun eval(String text, String... more) throws IOException {
        Path f = dir.resolve("m.fnet");
        Files.writeString(f, text);
        String[] args = new String[3 + more.length];
        args[0] = "eval";
        args[1] = f.toString();
        args[2] = "--quiet";
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRun.of(args);
    }

    private void refusedAt(CliRun r, String location, String what) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("feynet: " + dir.resolve("m.fnet") + ":" + location + ": "), r.err());
        assertTrue(r.err().contains(what), r.err());
        assertEquals("", r.out());
    }

    @Test
    @Timeout(30)
    void twentyThousandParenthesesAreALocatedErrorNotAStackOverflow() throws IOException {
        CliRun r = eval(TANH.replace("tanh(z)", "tanh(" + "(".repeat(20_000) + "z" + ")".repeat(20_000) + ")"));
        refusedAt(r, "4:92", "nested deeper than 64 levels"); // the block brace is level 1, tanh( level 2
    }

    /** An option picocli cannot parse is one line naming the command, not the whole usage text. */
    @Test
    void unparsableOptionIsOneLineNamingTheCommand() {
        CliRun wrongType = CliRun.of("compare", "examples/mlp_tanh.fnet", "--networks", "abc");
        assertEquals(2, wrongType.code(), wrongType.err());
        assertEquals("feynet: Invalid value for option '--networks': 'abc' is not an int (hint: feynet compare --help"
                + " lists the options)", wrongType.err().strip());
        CliRun unknown = CliRun.of("eval", "--bogus", "examples/mlp_tanh.fnet");
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("'--bogus'") && unknown.err().contains("feynet eval --help"), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void hugeFiniteGramIsNumericalTroubleNeverInfinity() throws IOException {
        for (String gram : new String[] {"[[1e300, 0.5], [0.5, 1e300]]", "[[1e308, 0.5], [0.5, 1e308]]"}) {
            CliRun r = eval(TANH.replace("[[1.0, 0.5], [0.5, 0.8]]", gram));
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().startsWith("feynet: numerical trouble: a Gaussian expectation at variance"), r.err());
            assertFalse(r.err().contains("Infinity") || r.err().contains("NaN"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void overflowingLayerIsNumericalTroubleInWords() throws IOException {
        CliRun r = eval(TANH.replace("Cw = 1", "Cw = 1e200"));
        assertEquals(3, r.code(), r.err());
        assertFalse(r.err().contains("Infinity") || r.err().contains("NaN"), r.err());
    }

    @Test
    void numberLiteralBeyondTheLargestDoubleIsALocatedError() throws IOException {
        refusedAt(eval(TANH.replace("Cw = 1", "Cw = 1e400")), "5:65", "number 1e400 is too large");
    }

    @Test
    @Timeout(30)
    void hopelessRequestsFailFastWithAnEstimate() throws IOException {
        refusedAt(eval(TANH.replace("L = 3", "L = 1000000000")), "3:13", "would take about 58 days");
        refusedAt(eval(TANH.replace("to order 1/n", "to order 1/n^4")), "9:24",
                "order 1/n^4 is beyond the 1/n^3 that feynet derives");
        String phi4 = "theory p {\n  field phi\n  coupling g\n  action S = phi^2/2 + g/24 * phi^4\n}\n"
                + "derive Z to order g^1000000\n";
        refusedAt(eval(phi4), "6:19", "Z to coupling degree 1000000 has diagrams with up to 4000000 half-edges");
        CliRun option = eval(phi4.replace("g^1000000", "g^2"), "--order", "12");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("feynet: --order 12: Z to coupling degree 12"), option.err());
    }

    @Test
    void refusalsAfterReadingStillNameTheirPlace() throws IOException {
        refusedAt(eval(TANH.replace("tanh(z)", "abs(z)^3 + tanh(z)")), "4:3", "has a kink");
        refusedAt(eval(TANH.replace("network t", "network " + "t".repeat(300))), "1:9", "block name of 300 characters");
        refusedAt(eval(TANH.replace("to order 1/n", "to order 1/n^3")), "9:1", "numbers are evaluated to order 1/n^2");
    }

    @Test
    void anythingThrownIsOneLineWithTheExitCodeOfItsKind() {
        StringWriter err = new StringWriter();
        assertEquals(1, Main.report(new StackOverflowError(), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("a bug in feynet: please report it"), err.toString());
        StringWriter memory = new StringWriter();
        assertEquals(2, Main.report(new OutOfMemoryError("Java heap space"), new PrintWriter(memory, true)));
        StringWriter trouble = new StringWriter();
        assertEquals(3, Main.report(new org.feynet.numerics.NumericalTrouble("moment is NaN\nand Infinity"),
                new PrintWriter(trouble, true)));
        assertEquals("feynet: numerical trouble: moment is an undefined value and an overflow",
                trouble.toString().strip());
        for (StringWriter w : new StringWriter[] {err, memory, trouble}) {
            assertEquals(1, w.toString().strip().lines().count(), w.toString());
        }
    }
}
