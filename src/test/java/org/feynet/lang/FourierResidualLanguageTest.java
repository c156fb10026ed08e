package org.feynet.lang;

import static org.feynet.lang.Sources.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.model.ModelFile;
import org.junit.jupiter.api.Test;

/** Fourier-feature residual networks (issue 13) in the language: the issue's form, its train block, the errors. */
class FourierResidualLanguageTest {

    /** The issue's model, with three inputs, in t.fnet. */
    static final String ECRN = "network ecrn_tanh {\n"
            + "  width n\n"
            + "  depth L = 8\n"
            + "  activation sigma(z) = tanh(z)\n"
            + "  features gamma(x) = fourier(m, s) with s = 1.0\n"
            + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n), W[0] ~ normal(0, 1), w ~ normal(0, 1) with Cb = 0.05,"
            + " Cw = 1.0\n"
            + "  learning rates lambda_b = 1, lambda_W = 1\n"
            + "  input x = [[0.5, 0.0], [0.25, 0.433], [0.0, 0.1]]\n"
            + "  z[0] = W[0] . gamma(x)\n"
            + "  z[l+1] = z[l] + alpha[l] * mask[l] * (b[l+1] + W[l+1] . sigma(z[l]))   for l = 0 .. L-1\n"
            + "  with alpha[l] = 1.0 / sqrt(L), mask[l] ~ bernoulli(0.8)\n"
            + "  output f = w . sigma(z[L]) / sqrt(n)\n"
            + "}\n"
            + "train ecrn_tanh {\n"
            + "  targets y = [1.0, 0.5, -0.5]\n"
            + "}\n"
            + "derive ntk to order 1/n\n";

    private static String with(String from, String to) {
        assertTrue(ECRN.contains(from), from);
        return ECRN.replace(from, to);
    }

    private static ModelFile parse(String text) {
        return ModelReader.parse("t.fnet", text);
    }

    @Test
    void theIssuesFormLowersWithEveryValue() {
        ModelFile file = parse(ECRN);
        FourierResidualNetwork net = file.fourierResiduals().get(0);
        assertEquals(8, net.depth());
        assertEquals("tanh(z)", net.activation().name());
        assertTrue(net.features().infinite());
        assertEquals(1.0, net.features().scale());
        assertEquals(0.05, net.cb());
        assertEquals(1.0, net.cw());
        double[] alpha = new double[8];
        java.util.Arrays.fill(alpha, 1 / Math.sqrt(8));
        assertArrayEquals(alpha, net.alpha(), 1e-15);
        assertEquals(0.8, net.keep());
        assertEquals(1.0, net.rates().lambdaB());
        assertEquals(1.0, net.rates().lambdaW());
        assertArrayEquals(new double[] {0.25, 0.433}, net.inputs()[1]);
        assertEquals(1, net.order());
        FourierResidualTraining training = file.fourierTrainings().get(0);
        assertEquals(net, training.network());
        assertArrayEquals(new double[] {1.0, 0.5, -0.5}, training.targets());
        assertEquals(0, training.testInputs().length);
        assertEquals(FourierTrainChecker.DEFAULT_TIME, training.time());
        assertTrue(file.networks().isEmpty() && file.residuals().isEmpty() && file.trainings().isEmpty());
    }

    @Test
    void scalesDependOnTheBlockAndFeatureCountsAndHeldOutPointsAreRead() {
        ModelFile file = parse(with("alpha[l] = 1.0 / sqrt(L)", "alpha[l] = 0.1 * (l + 1)")
                .replace("fourier(m, s) with s = 1.0", "fourier(m, s) with s = 0.5, m = 64")
                .replace("  targets y = [1.0, 0.5, -0.5]\n", "  targets y = [1.0, 0.5, -0.5]\n"
                        + "  test x = [[0.1, 0.2], [0.3, 0.4]], y = [0.7, -0.7]\n  gradient flow for t = 0 .. T"
                        + " with T = 25\n  loss mse\n"));
        FourierResidualNetwork net = file.fourierResiduals().get(0);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, net.alpha(), 1e-15);
        assertEquals(64, net.features().count());
        assertEquals(0.5, net.features().scale());
        FourierResidualTraining training = file.fourierTrainings().get(0);
        assertArrayEquals(new double[] {0.3, 0.4}, training.testInputs()[1]);
        assertArrayEquals(new double[] {0.7, -0.7}, training.testTargets());
        assertEquals(25, training.time());
    }

    @Test
    void theBundledExampleReads() {
        ModelFile file = ModelReader.read(Path.of("examples/ecrn_tanh.fnet"));
        FourierResidualTraining training = file.fourierTrainings().get(0);
        assertEquals(8, training.network().samples());
        assertEquals(4, training.testInputs().length);
        assertEquals(1, training.network().order());
    }

    @Test
    void theIssuesBadInputsAreOneLineErrorsAtTheirPlace() {
        assertEquals("t.fnet:5:23: unknown feature map 'fourrier', expected fourier(m, s) (hint: gamma(x) = [cos(2 pi B"
                + " x), sin(2 pi B x)] / sqrt(m), B iid normal(0, s^2))",
                error(with("fourier(m, s)", "fourrier(m, s)")));
        assertTrue(error(with("bernoulli(0.8)", "bernoulli(1.5)")).startsWith("t.fnet:11:54: mask probability 1.5"
                + " outside (0, 1]"), error(with("bernoulli(0.8)", "bernoulli(1.5)")));
        assertTrue(error(with("bernoulli(0.8)", "bernoulli(0)")).startsWith("t.fnet:11:54: mask probability 0"));
        assertTrue(error(with("lambda_W = 1", "lambda_V = 1")).startsWith("t.fnet:7:32: unknown learning-rate group"
                + " 'lambda_V', expected lambda_b or lambda_W"), error(with("lambda_W = 1", "lambda_V = 1")));
        assertTrue(error(with("[1.0, 0.5, -0.5]", "[1.0, 0.5]")).startsWith("t.fnet:15:15: 2 targets for 3 input"
                + " samples"), error(with("[1.0, 0.5, -0.5]", "[1.0, 0.5]")));
        for (String message : new String[] {error(with("fourier(m, s)", "fourrier(m, s)")),
                error(with("[1.0, 0.5, -0.5]", "[1.0, 0.5]"))}) {
            assertEquals(1, message.lines().count());
        }
    }

    @Test
    void otherDeviationsFromTheFormAreRefused() {
        assertTrue(error(with("W[0] ~ normal(0, 1)", "W[0] ~ normal(0, 2)")).contains("expected normal(0, 1)"));
        assertTrue(error(with("with s = 1.0", "with s = -1")).contains("expected s > 0"));
        assertTrue(error(with("depth L = 8", "depth L = 1e9")).startsWith("t.fnet:3:13: depth L = 1000000000 is beyond"
                + " the 256 blocks"), error(with("depth L = 8", "depth L = 1e9")));
        assertTrue(error(with("alpha[l] * mask[l] * (", "mask[l] * alpha[l] * (")).contains("unsupported"));
        assertTrue(error(with("for l = 0 .. L-1", "for l = 1 .. L-1")).contains("expected l = 0 .. 7"));
        assertTrue(error(with("/ sqrt(n)", "/ n")).contains("expected w . sigma(z[L]) / sqrt(n)"));
        assertTrue(error(with("  targets y = [1.0, 0.5, -0.5]\n", "  targets y = [1.0, 0.5, -0.5]\n"
                + "  test x = [[0.1, 0.2]], y = [0.7, -0.7]\n")).contains("2 held-out targets for 1 held-out inputs"));
        assertTrue(error(with("  targets y = [1.0, 0.5, -0.5]\n", "  targets y = [1.0, 0.5, -0.5]\n"
                + "  gradient flow with rate 2 for t = 0 .. 10\n")).contains("expected 'gradient flow for t = 0 .. T'"));
    }

    @Test
    void perBlockItemsAreRefusedInOtherNetworks() {
        String mlp = Sources.mlpWith("with Cb = 0, Cw = 1", "with Cb = 0, Cw = 1, mask[l] ~ bernoulli(0.5)");
        assertTrue(error(mlp).startsWith("t.fnet:5:"), error(mlp));
        assertTrue(error(Sources.mlpWith("W ~ normal(0, Cw/n)", "W[0] ~ normal(0, Cw/n)"))
                .contains("prior for one layer 'W[0]'"));
    }
}
