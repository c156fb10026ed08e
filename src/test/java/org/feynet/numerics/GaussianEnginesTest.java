package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.lang.ModelReader;
import org.feynet.model.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianEnginesTest {

    private static final ActivationJet UNUSED = (z, out) -> {
        throw new AssertionError("an exact engine must not read the jet");
    };

    private static final double[][] K3 = {{1.0, 0.6, 0.2}, {0.6, 1.2, 0.5}, {0.2, 0.5, 0.9}};

    /** The activation of a one-layer network whose model file says {@code activation <line>}. */
    private static Activation activation(String line, String call) {
        String text = "network t {\n  width n\n  depth L = 2\n  activation " + line + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n  input gram [[1.0]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . " + call + "(z[l])   for l = 1 .. L-1\n}\nderive metric to order 1/n\n";
        return ModelReader.parse("t.fnet", text).networks().get(0).activation();
    }

    private static Activation sigma(String expression) {
        return activation("sigma(z) = " + expression, "sigma");
    }

    @Test
    void reluGetsTheExactReluEngine() {
        assertInstanceOf(ReluMoments.class, GaussianEngines.forActivation(activation("relu", "relu"), UNUSED));
        assertInstanceOf(ReluMoments.class, GaussianEngines.forActivation(sigma("max(0, z)"), UNUSED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abs(z)", "0.5*(z + abs(z))", "max(0, z) - 0.1*max(0, -z)", "max(0, z)^2", "z*abs(z)"})
    void piecewisePowersGetThePiecewiseEngine(String expression) {
        assertInstanceOf(PiecewiseLinearMoments.class, GaussianEngines.forActivation(sigma(expression), UNUSED));
        GaussianEngines.requireSupported(sigma(expression));
    }

    @Test
    void theAbsoluteValueEngineGivesTheHalfNormalMean() {
        GaussianMoments abs = GaussianEngines.forActivation(sigma("abs(z)"), UNUSED);
        assertEquals(Math.sqrt(2 * 1.7 / Math.PI), abs.expect(new double[][] {{1.7}}, new int[] {1}, new int[] {0}),
                1e-15);
    }

    @Test
    void sinAndLinearGetTheirExactEngines() {
        assertInstanceOf(SinMoments.class, GaussianEngines.forActivation(sigma("sin(z)"), UNUSED));
        assertInstanceOf(LinearMoments.class, GaussianEngines.forActivation(sigma("z"), UNUSED));
        assertInstanceOf(LinearMoments.class, GaussianEngines.forActivation(activation("linear", "linear"), UNUSED));
    }

    /** Smooth activations, polynomials of piecewise-power shape included (z^2), go to calibrated quadrature. */
    @Test
    void smoothActivationsGetGaussHermite() {
        assertInstanceOf(GaussHermiteMoments.class, GaussianEngines.forActivation(sigma("tanh(z)"), TestJets.TANH));
        assertInstanceOf(GaussHermiteMoments.class, GaussianEngines.forActivation(sigma("erf(z)"), TestJets.ERF));
        assertInstanceOf(GaussHermiteMoments.class, GaussianEngines.forActivation(activation("gelu", "gelu"),
                TestJets.GELU));
        assertInstanceOf(GaussHermiteMoments.class, GaussianEngines.forActivation(activation("swish", "swish"),
                TestJets.SWISH));
        ActivationJet square = (z, out) -> {
            for (int k = 0; k < out.length; k++) {
                out[k] = k == 0 ? z * z : k == 1 ? 2 * z : k == 2 ? 2 : 0;
            }
        };
        assertInstanceOf(GaussHermiteMoments.class, GaussianEngines.forActivation(sigma("z^2"), square));
    }

    /**
     * A polynomial activation is integrated exactly at any variance: for sigma = z + z^3 and z ~ N(0, K),
     * E[sigma^2] = K + 6 K^2 + 15 K^3 and E[(sigma^2)''] = 2 d/dK E[sigma^2] = 2 + 24 K + 90 K^2 (Isserlis, Price), at
     * K = 64, where the variance-scaled rule for a non-polynomial activation refuses (it would need 10^4 nodes), and
     * for two samples E[sigma(z1) sigma(z2)] = K12 (1 + 3 K11 + 3 K22 + 9 K11 K22 + 6 K12^2) (Wick).
     */
    @Test
    void polynomialsAreExactAtAnyVariance() {
        ActivationJet cubic = (z, out) -> {
            for (int k = 0; k < out.length; k++) {
                out[k] = k == 0 ? z + z * z * z : k == 1 ? 1 + 3 * z * z : k == 2 ? 6 * z : k == 3 ? 6 : 0;
            }
        };
        GaussianMoments engine = GaussianEngines.forActivation(sigma("z + z^3"), cubic);
        double k = 64.0;
        assertEquals(k + 6 * k * k + 15 * k * k * k, engine.expect(new double[][] {{k}}, new int[] {2}, new int[] {0}),
                1e-12 * 15 * k * k * k);
        assertEquals(2 + 24 * k + 90 * k * k, engine.expect(new double[][] {{k}}, new int[] {2}, new int[] {2}),
                1e-12 * 90 * k * k, "E[(sigma^2)''] = 2 d/dK E[sigma^2] (Price)");
        double a = 30.0;
        double b = 50.0;
        double c = 20.0;
        assertEquals(c * (1 + 3 * a + 3 * b + 9 * a * b + 6 * c * c),
                engine.expect(new double[][] {{a, c}, {c, b}}, new int[] {1, 1}, new int[] {0, 0}), 1e-12 * 9 * a * b * c);
        assertThrows(NumericalTrouble.class, () -> new GaussHermiteMoments(cubic).expect(new double[][] {{k}},
                new int[] {2}, new int[] {0}), "the variance-scaled rule refuses this variance");
    }

    /** E[(sigma^2)'(z1) sigma'(z2) sigma^3(z3)] on a three-sample kernel: exact engine against quadrature. */
    @Test
    void exactSinAndLinearEnginesAgreeWithGaussHermiteOnAThreeSampleMomentWithDerivatives() {
        int[] powers = {2, 1, 3};
        int[] derivatives = {1, 1, 0};
        double sin = GaussianEngines.forActivation(sigma("sin(z)"), UNUSED).expect(K3, powers, derivatives);
        assertEquals(GaussHermiteMoments.calibrated(TestJets.SIN).expect(K3, powers, derivatives), sin,
                1e-10 * Math.abs(sin));
        double linear = GaussianEngines.forActivation(sigma("z"), UNUSED).expect(K3, powers, derivatives);
        assertEquals(2 * 3 * K3[0][2] * K3[2][2], linear, 1e-15, "E[2 z1 z3^3] = 6 K13 K33");
        assertEquals(GaussHermiteMoments.calibrated(TestJets.LINEAR).expect(K3, powers, derivatives), linear,
                1e-10 * Math.abs(linear));
    }

    @Test
    void anUnsupportedKinkIsRefusedWithAOneLineMessage() {
        Activation kinked = sigma("abs(z) + tanh(z)");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> GaussianEngines.forActivation(kinked, TestJets.TANH));
        assertEquals("activation abs(z) + tanh(z) has a kink (abs or max) of a kind feynet cannot integrate exactly;"
                + " it handles a relu(z)^p + b relu(-z)^p, p = 1..4: relu, abs, leaky relu, squared relu, z*abs(z)",
                e.getMessage());
        UnsupportedOperationException early = assertThrows(UnsupportedOperationException.class,
                () -> GaussianEngines.requireSupported(kinked));
        assertEquals(e.getMessage(), early.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> GaussianEngines.requireSupported(sigma("max(0, z)^5")));
    }

    @Test
    void supportedActivationsPassTheEarlyCheck() {
        for (String expression : new String[] {"max(0, z)", "tanh(z)", "sin(z)", "z", "z^2"}) {
            GaussianEngines.requireSupported(sigma(expression));
        }
    }

    @Test
    void missingArgumentsFailAtTheBoundary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianEngines.forActivation(sigma("tanh(z)"), null));
        assertTrue(e.getMessage().contains("jet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianEngines.forActivation(null, TestJets.TANH));
        assertThrows(IllegalArgumentException.class, () -> GaussianEngines.requireSupported(null));
    }
}
