package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TheoryCheckerTest {

    private static final String PHI4 = "theory t {\n"
            + "  field phi\n"
            + "  coupling g\n"
            + "  action S = phi^2/2 + g/24 * phi^4\n"
            + "}\n"
            + "derive Z, log Z, <phi phi>, <phi phi phi phi>_c to order g^4\n";

    @Test
    void thePhi4TheoryChecks() {
        assertEquals("t", check(PHI4).block().name().text());
    }

    @Test
    void theActionUsesDeclaredNames() {
        assertEquals("t.fnet:4:24: undefined symbol 'h', expected a field, a coupling or a number "
                + "(hint: define it with 'with h = ...')", error(PHI4.replace("g/24", "h/24")));
    }

    @Test
    void aFieldIsIndexedExactlyWhenItHasComponents() {
        assertEquals("t.fnet:4:18: field 'phi' has no components, expected phi without an index",
                error(PHI4.replace("phi^2/2", "phi[1]^2/2")));
        assertEquals("t.fnet:3:14: field 'phi' has components, expected an index such as phi[i]",
                error("theory t {\n  field phi[i], i = 1 .. N\n  action S = phi^2/2\n}\n"));
        assertEquals("t.fnet:2:17: unexpected index 'j', expected i as in phi[i]",
                error("theory t {\n  field phi[i], j = 1 .. N\n  action S = phi[i]^2/2\n}\n"));
    }

    @Test
    void aTheoryHasAnAction() {
        assertEquals("t.fnet:1:8: theory 't' has no action statement, expected 'action S = ...'",
                error("theory t {\n  field phi\n}\n"));
    }

    @Test
    void deriveLinesAskForZOrCorrelatorsToAnOrderInACouplingOrASize() {
        assertEquals("t.fnet:6:8: unknown quantity 'W', expected Z, log Z, Sigma or a correlator such as <phi phi>",
                error(PHI4.replace("derive Z,", "derive W,")));
        assertEquals("t.fnet:6:23: undefined field 'psi', expected a field of theory 't'",
                error(PHI4.replace("<phi phi>,", "<phi psi>,")));
        assertEquals("t.fnet:6:47: unknown suffix '_d', expected _c for the connected part", error(PHI4.replace("_c", "_d")));
        assertEquals("t.fnet:6:58: unexpected order h^4, expected g^k with g a coupling, or 1/N^k with N a field size",
                error(PHI4.replace("g^4", "h^4")));
    }

    private static CheckedTheory check(String text) {
        return (CheckedTheory) Checker.check(SourceParser.parse("t.fnet", text)).get(0);
    }

    private static String error(String text) {
        return assertThrows(SourceError.class, () -> check(text)).getMessage();
    }
}
