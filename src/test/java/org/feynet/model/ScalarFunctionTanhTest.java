package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarFunction#tanh} against the JDK's fdlibm {@link StrictMath#tanh} (itself within 2.5 ulp of the true
 * value): within 6 ulp of it on a dense grid through the switch at |x| = 1/2, on random points of every scale, and
 * exact at the special values.
 */
class ScalarFunctionTanhTest {

    private static void assertClose(double x) {
        double expected = StrictMath.tanh(x);
        double got = ScalarFunction.tanh(x);
        assertTrue(Math.abs(got - expected) <= 6 * Math.ulp(expected), "tanh(" + x + ") = " + got + ", fdlibm "
                + expected + " (" + Math.abs(got - expected) / Math.ulp(expected) + " ulp)");
    }

    @Test
    void agreesWithFdlibmOnADenseGrid() {
        for (int i = -400_000; i <= 400_000; i++) {
            assertClose(i * 5e-5);
        }
    }

    @Test
    void agreesWithFdlibmAtEveryScale() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.scalb(rng.nextDouble(1, 2), rng.nextInt(-60, 8)) * (rng.nextBoolean() ? 1 : -1);
            assertClose(x);
        }
        assertClose(Math.nextDown(0.5));
        assertClose(0.5);
        assertClose(-0.5);
    }

    @Test
    void specialValues() {
        assertEquals(1.0, ScalarFunction.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ScalarFunction.tanh(-1e300));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ScalarFunction.tanh(-0.0)));
        assertTrue(Double.isNaN(ScalarFunction.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, ScalarFunction.tanh(Double.MIN_VALUE));
    }
}
