package org.feynet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryRequest;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The O(N) model S = phi.phi/2 + lambda/(8N) (phi.phi)^2: the diagrammatic 1/N series of {@code <phi_1 phi_1>}
 * against the exact integral, reduced to one radial integral over t = phi.phi:
 * {@code <phi_1 phi_1> = (1/N) int t^(N/2) w(t) dt / int t^(N/2-1) w(t) dt}, w(t) = exp(-t/2 - lambda t^2/(8N)),
 * by composite 40-point Gauss-Legendre on [0, T] (T where the integrand is below 1e-40 of its peak), in log
 * scale to avoid overflow; relative accuracy about 1e-15 (checked by halving the panels).
 */
class ONModelLargeNTest {

    private static final String ON = "theory on {\n  field phi[i], i = 1 .. N\n  coupling lambda\n"
            + "  action S = phi[i]*phi[i]/2 + lambda/(8*N) * (phi[i]*phi[i])^2\n}\n"
            + "derive <phi[1] phi[1]> to order 1/N\n";

    @Test
    void leadingOrderIsTheSaddlePointAndFirstCorrectionIsExactAtOrderLambda() {
        TheoryResult r = result(ON, 4);
        // N^0: rho0 = (sqrt(1 + 2 lambda) - 1)/lambda = 1 - lambda/2 + lambda^2/2 - 5 lambda^3/8 + 7 lambda^4/8
        assertEquals(new BigFraction(-5, 8), r.series().coefficient(new Monomial(new int[] {3}, 0)));
        assertEquals(new BigFraction(7, 8), r.series().coefficient(new Monomial(new int[] {4}, 0)));
        // lambda^1: -lambda/(8N) (E[phi_1^2 |phi|^4] - E[|phi|^4]) = -lambda (N + 2)/(2N)
        assertEquals(new BigFraction(-1, 1), r.series().coefficient(new Monomial(new int[] {1}, -1)));
        assertTrue(r.series().terms().keySet().stream().allMatch(m -> m.size() >= -1));
    }

    @Test
    void oneOverNSeriesAgreesWithTheExactIntegralUpToTheFirstOmittedOrder() {
        double lambda = 0.01;
        TheoryResult second = result(ON.replace("to order 1/N", "to order 1/N^2"), 5);
        Polynomial first = second.series().filter(m -> m.size() >= -1);
        double[] scaled = new double[5];
        int k = 0;
        for (int n : new int[] {4, 8, 16, 32, 64}) {
            double exact = exact(n, lambda);
            double series = evaluate(first, n, lambda);
            scaled[k++] = (exact - series) * n * n;
        }
        // the omitted order is c2(lambda)/N^2 with c2 = 2 lambda^2 + O(lambda^3): (exact - series) N^2 -> c2
        double c2 = secondOrder(second, lambda);
        for (double s : scaled) {
            assertEquals(c2, s, Math.abs(c2) * 0.08 + 1e-9, "N^2 (exact - series)");
        }
        assertEquals(c2, scaled[4], Math.abs(c2) * 0.01);
        assertTrue(Math.abs(c2) > 1e-4, "the omitted order is visible above the quadrature error");
    }

    /** The coefficient of 1/N^2, from the diagrams at order 1/N^2. */
    private static double secondOrder(TheoryResult second, double lambda) {
        double c = 0;
        for (Map.Entry<Monomial, BigFraction> e : second.series().terms().entrySet()) {
            if (e.getKey().size() == -2) {
                c += e.getValue().doubleValue() * Math.pow(lambda, e.getKey().power(0));
            }
        }
        return c;
    }

    private static double evaluate(Polynomial p, int n, double lambda) {
        double s = 0;
        for (Map.Entry<Monomial, BigFraction> e : p.terms().entrySet()) {
            s += e.getValue().doubleValue() * Math.pow(lambda, e.getKey().power(0)) * Math.pow(n, e.getKey().size());
        }
        return s;
    }

    static double exact(int n, double lambda) {
        return integral(n / 2.0, n, lambda) / integral(n / 2.0 - 1, n, lambda) / n;
    }

    /** int_0^inf t^a exp(-t/2 - lambda t^2/(8N)) dt, up to the common factor exp(-peak). */
    private static double integral(double a, int n, double lambda) {
        double peak = log(n / 2.0 - 1 + 1, n / 2.0, n, lambda);
        double top = 4.0 * n + 200;
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(40);
        int panels = 400;
        double sum = 0;
        double h = top / panels;
        for (int p = 0; p < panels; p++) {
            double lo = p * h;
            for (int i = 0; i < rule.getNumberOfPoints(); i++) {
                double t = lo + h * (rule.getPoint(i) + 1) / 2;
                sum += rule.getWeight(i) * h / 2 * Math.exp(log(t, a, n, lambda) - peak);
            }
        }
        return sum;
    }

    private static double log(double t, double a, int n, double lambda) {
        return a * Math.log(t) - t / 2 - lambda * t * t / (8.0 * n);
    }

    private static TheoryResult result(String text, int couplingOrder) {
        FieldTheory theory = ModelReader.parse("t.fnet", text).theories().get(0);
        TheoryRequest q = theory.requests().get(0);
        q = new TheoryRequest(q.quantity(), q.fields(), q.order().withCouplingOrder(couplingOrder), q.text());
        return new TheoryExpansion(theory).compute(q);
    }

}
