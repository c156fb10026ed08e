package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.feynet.model.ModelFile;
import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mean-field network and train block of issue 12: the contract form is accepted, bad inputs are located. */
class MeanFieldLanguageTest {

    /** The model, verbatim apart from concrete inputs and targets. */
    static final String MODEL = "network dmft_tanh {\n"
            + "  width n\n"
            + "  depth L = 2\n"
            + "  activation sigma(z) = tanh(z)\n"
            + "  init W ~ normal(0, 1)\n"
            + "  input x = [[1, 0], [0, 2], [1, 1]]   # P samples of dimension n0\n"
            + "  z[1] = W[1] . x / sqrt(n0)\n"
            + "  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n"
            + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = 0.5\n"
            + "}\n"
            + "train dmft_tanh {\n"
            + "  targets y = [1, -1, 0.5]\n"
            + "  loss mse\n"
            + "  gradient flow with rate gamma0^2 * n for t = 0 .. 20\n"
            + "}\n"
            + "derive dynamics\n";

    private static String with(String from, String to) {
        assertTrue(MODEL.contains(from), from);
        return MODEL.replace(from, to);
    }

    @Test
    void theContractFormLowersToATrainingProblem() {
        ModelFile file = ModelReader.parse("t.fnet", MODEL);
        assertTrue(file.networks().isEmpty());
        TrainingProblem problem = file.trainings().get(0);
        assertEquals("dmft_tanh", problem.network().name());
        assertEquals(2, problem.network().depth());
        assertEquals(0.5, problem.network().gamma0());
        assertEquals(20.0, problem.time());
        assertArrayEquals(new double[] {1, -1, 0.5}, problem.targets());
        assertArrayEquals(new double[][] {{1, 0}, {0, 2}, {1, 1}}, problem.network().inputs());
        assertArrayEquals(new double[][] {{0.5, 0, 0.5}, {0, 2, 1}, {0.5, 1, 1}}, problem.network().inputGram());
        assertFalse(problem.network().linear());
        assertTrue(ModelReader.parse("t.fnet", with("tanh(z)", "z")).trainings().get(0).network().linear());
    }

    @Test
    void depthOneNeedsNoHiddenEquationAndTheBundledExampleReads() {
        String shallow = with("depth L = 2", "depth L = 1")
                .replace("  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n", "");
        assertEquals(1, ModelReader.parse("t.fnet", shallow).trainings().get(0).network().depth());
        TrainingProblem example = ModelReader.read(Path.of("examples/dmft_tanh.fnet")).trainings().get(0);
        assertEquals(4, example.network().samples());
        assertEquals(3, example.network().inputDimension());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "targets count|targets y = [1, -1, 0.5]|targets y = [1, -1]|t.fnet:12:15: 2 targets for 3 input samples",
        "zero time|t = 0 .. 20|t = 0 .. 0|t.fnet:14:53: non-positive time 0, expected an end time T > 0",
        "negative time|t = 0 .. 20|t = 0 .. -1|t.fnet:14:53: non-positive time -1",
        "undefined network|train dmft_tanh|train other|t.fnet:11:7: train block for undefined network 'other'",
        "NTK readout|w . sigma(z[L]) / (gamma0 * n)|w . sigma(z[L]) / sqrt(n)|t.fnet:9:14: unsupported parameterization",
        "scaled prior|W ~ normal(0, 1)|W ~ normal(0, 1/n)|t.fnet:5:8: unsupported parameterization",
        "bias|W[1] . x / sqrt(n0)|b + W[1] . x / sqrt(n0)|unsupported parameterization",
        "layer scaling|W[l+1] . sigma(z[l]) / sqrt(n)|W[l+1] . sigma(z[l]) / n|t.fnet:8:12: unsupported parameterization",
        "rate|rate gamma0^2 * n|rate n|t.fnet:14:27: unsupported parameterization: rate n, expected gamma0^2 * n",
        "loss|loss mse|loss hinge|t.fnet:13:8: unknown loss 'hinge', expected mse",
        "target|derive dynamics|derive metric|t.fnet:16:8: unknown target after a train block, expected dynamics",
        "gamma0|gamma0 = 0.5|gamma0 = 0|t.fnet:9:33: feature-learning strength gamma0 = 0 is not positive",
        "start|t = 0 .. 20|t = 1 .. 20|t.fnet:14:48: training starts at 1, expected it to start at 0",
        "gram input|input x = [[1, 0], [0, 2], [1, 1]]|input gram [[1, 0], [0, 1]]|t.fnet:6:3: unsupported parameterization: a gram",
    })
    void badInputIsOneLocatedLine(String what, String from, String to, String expected) {
        String message = Sources.error(with(from, to));
        assertTrue(message.startsWith(expected) || (!expected.startsWith("t.fnet") && message.contains(expected)),
                what + ": " + message);
        assertFalse(message.contains("\n"), message);
    }

    /** Statements another kind of network owns are refused at their place, not cast into a layer equation. */
    @Test
    void statementsOfOtherNetworkKindsAreOneLocatedLine() {
        String closure = Sources.error(with("  depth L = 2\n", "  depth L = 2\n  closure G\n"));
        assertTrue(closure.startsWith("t.fnet:4:3: unsupported parameterization: a closure"), closure);
        String twice = Sources.error(with("  width n\n", "  width n\n  width m\n"));
        assertTrue(twice.startsWith("t.fnet:3:3: second width statement"), twice);
    }

    @Test
    void aTrainBlockForAPdldtNetworkIsUnsupported() {
        String text = Sources.MLP.replace("derive metric to order 1/n\n", "")
                + "train m {\n  targets y = [1, 2]\n  loss mse\n  gradient flow with rate gamma0^2 * n for t = 0 .. 1\n}\n";
        assertTrue(Sources.error(text).startsWith("t.fnet:9:7: unsupported parameterization: 'm' is not a mean-field"
                + " network"), Sources.error(text));
    }

    @Test
    void networksAndTheoriesStillNeedAnOrder() {
        String message = Sources.error(Sources.mlpWith("derive metric to order 1/n", "derive metric"));
        assertTrue(message.startsWith("t.fnet:9:8: derive line without an order"), message);
    }
}
