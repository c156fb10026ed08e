package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryRequest.Quantity;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class TheoryLoweringTest {

    private static FieldTheory theory(String action, String derive) {
        return ModelReader.parse("t.fnet", "theory t {\n  field phi\n  field psi\n  coupling g, h\n  action S = " + action
                + "\n}\n" + derive + "\n").theories().get(0);
    }

    private static String error(String text) {
        return assertThrows(SourceError.class, () -> ModelReader.parse("t.fnet", text)).getMessage();
    }

    @Test
    void theActionBecomesPropagatorsAndVerticesExactly() {
        FieldTheory t = theory("phi^2/2 + psi^2 + 0.5*g*phi^2*psi + h^2/6*psi^3", "derive Z, log Z, Sigma, <phi psi>_c to order g^3");
        assertEquals(BigFraction.ONE, t.fields().get(0).propagator());
        assertEquals(new BigFraction(1, 2), t.fields().get(1).propagator());
        assertEquals(2, t.interactions().size());
        assertEquals("g/2 * phi^2 * psi", t.interactions().get(0).text());
        assertEquals("h^2/6 * psi^3", t.interactions().get(1).text());
        assertEquals(2, t.interactions().get(1).order());
        assertEquals(Quantity.LOG_Z, t.requests().get(1).quantity());
        assertEquals(Quantity.SELF_ENERGY, t.requests().get(2).quantity());
        assertEquals(Quantity.CONNECTED, t.requests().get(3).quantity());
        assertEquals(1, t.requests().get(3).fields().get(1).field());
    }

    @Test
    void theONInvariantAndItsSizeAreRecognised() {
        FieldTheory t = ModelReader.parse("t.fnet", "theory o {\n field phi[i], i = 1 .. N\n coupling lambda\n"
                + " action S = phi[i]^2/2 + lambda/(8*N) * (phi[i]*phi[i])^2\n}\nderive <phi[1] phi[2]> to order 1/N^2\n")
                .theories().get(0);
        assertEquals(java.util.List.of(4), t.interactions().get(0).legs());
        assertEquals(-1, t.interactions().get(0).sizePower());
        assertEquals(new BigFraction(1, 8), t.interactions().get(0).coefficient());
        assertEquals(2, t.requests().get(0).fields().get(1).component());
        assertEquals(2, t.requests().get(0).order().power());
    }

    @Test
    void badActionsAreOneLineErrorsAtTheirPosition() {
        String head = "theory t {\n  field phi\n  coupling g\n  action S = ";
        assertEquals("t.fnet:4:26: non-polynomial action: 'exp(phi)', expected a polynomial in the fields (sums of products of powers)",
                error(head + "phi^2/2 + g*exp(phi)\n}\n"));
        assertEquals("t.fnet:4:26: non-polynomial action: division by 'phi', expected to divide by numbers only",
                error(head + "phi^2/2 + g/phi\n}\n"));
        assertEquals("t.fnet:4:31: non-polynomial action: power '1/2', expected a whole number 0, 1, 2, ...",
                error(head + "phi^2/2 + g*phi^(1/2)\n}\n"));
        assertEquals("t.fnet:2:9: field 'phi' has no quadratic term, expected phi^2/2 in the action (it sets the propagator)",
                error(head + "g/24*phi^4\n}\n"));
        assertEquals("t.fnet:4:14: term 1/24 * phi^4 carries no coupling, expected one (such as g/24 * phi^4) on every interaction",
                error(head + "phi^2/2 + phi^4/24\n}\n"));
        assertEquals("t.fnet:4:14: quadratic term -1/2 * phi^2 is not positive, expected a positive coefficient so that exp(-S) is integrable",
                error(head + "-phi^2/2 + g*phi^4\n}\n"));
        assertEquals("t.fnet:4:26: undefined field 'psi', expected a field declared by 'field psi[i], i = 1 .. N'",
                error(head + "phi^2/2 + g*psi[i]^2\n}\n"));
    }

    @Test
    void indexMisuseIsReported() {
        String head = "theory o {\n  field phi[i], i = 1 .. N\n  coupling g\n  action S = ";
        assertEquals("t.fnet:4:18: component phi[1] in the action breaks the O(N) symmetry, expected the summed index as in "
                + "phi[i]*phi[i]", error(head + "phi[1]^2/2\n}\n"));
        assertEquals("t.fnet:4:29: 'phi[i]^3' repeats a summed index 3 times, expected it twice, as in phi[i]*phi[i] "
                + "or (phi[i]*phi[i])^2",
                error(head + "phi[i]^2/2 + g*phi[i]^3\n}\n"));
        assertEquals("t.fnet:4:14: unpaired index in 'phi[i]', expected every summed index twice, as in phi[i]*phi[i]",
                error(head + "phi[i] + phi[i]^2/2\n}\n"));
        assertEquals("t.fnet:6:20: unexpected index 'i' in a correlator, expected a component number such as phi[1]",
                error(head + "phi[i]^2/2 + g*phi[i]^2\n}\nderive <phi[1] phi[i]> to order g^2\n"));
    }
}
