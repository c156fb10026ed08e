package org.feynet.lang;

import static org.feynet.lang.Sources.MLP;
import static org.feynet.lang.Sources.error;
import static org.feynet.lang.Sources.mlpWith;
import static org.feynet.lang.Sources.network;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.MlpModel;
import org.feynet.model.Observable;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Operator;
import org.feynet.model.ScalarExpr.Variable;
import org.junit.jupiter.api.Test;

class LoweringTest {

    private static final Variable Z = new Variable("z");
    private static final String RNN = "network r {\n  width n\n  depth T = 6\n  activation sigma(z) = tanh(z)\n"
            + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5\n"
            + "  input gram [[1.0, 0.5], [0.5, 0.8]]\n  # the recurrence\n"
            + "\n  z[t+1] = b + W . sigma(z[t])   for t = 1 .. T-1\n}\nderive metric to order 1/n\n";
    private static final String RESIDUAL = "z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))   for l = 0 .. L-1\n"
            + "  with eps = 0.25";

    @Test
    void reluIsMaxOfZeroAndZWithTheArcCosineKernel() {
        Activation relu = activation("activation relu", "relu(z[l])");
        assertEquals(new Activation("relu", new Call(Function.MAX, List.of(new Constant(0), Z)), ClosedForm.RELU), relu);
        assertEquals(new Activation("max(z, 0)", new Call(Function.MAX, List.of(new Constant(0), Z)), ClosedForm.RELU),
                activation("activation sigma(z) = max(z, 0)", "sigma(z[l])"));
        assertEquals(ClosedForm.RELU, activation("activation sigma(z) = relu(z)", "sigma(z[l])").closedForm());
    }

    @Test
    void theIdentityIsLinearHoweverItIsWritten() {
        assertEquals(new Activation("linear", Z, ClosedForm.LINEAR), activation("activation linear", "linear(z[l])"));
        assertEquals(new Activation("z", Z, ClosedForm.LINEAR), activation("activation sigma(z) = z", "sigma(z[l])"));
        assertEquals(ClosedForm.LINEAR, activation("activation sigma(z) = linear(z)", "sigma(z[l])").closedForm());
    }

    @Test
    void erfAndSinHaveClosedFormsAndTanhHasNone() {
        assertEquals(ClosedForm.ERF, activation("activation erf", "erf(z[l])").closedForm());
        assertEquals(ClosedForm.SIN, activation("activation sigma(z) = sin(z)", "sigma(z[l])").closedForm());
        assertEquals(ClosedForm.NONE, activation("activation tanh", "tanh(z[l])").closedForm());
        assertEquals(ClosedForm.NONE, activation("activation sigma(z) = 2*erf(z)", "sigma(z[l])").closedForm());
    }

    @Test
    void geluAndSwishExpandIntoElementaryFunctions() {
        ScalarExpr gelu = new Binary(Operator.MULTIPLY, new Binary(Operator.MULTIPLY, new Constant(0.5), Z),
                new Binary(Operator.ADD, new Constant(1), new Call(Function.ERF, List.of(
                        new Binary(Operator.DIVIDE, Z, new Call(Function.SQRT, List.of(new Constant(2))))))));
        assertEquals(new Activation("gelu", gelu, ClosedForm.NONE), activation("activation gelu", "gelu(z[l])"));
        ScalarExpr swish = new Binary(Operator.MULTIPLY, Z, new Call(Function.SIGMOID, List.of(Z)));
        assertEquals(swish, activation("activation sigma(z) = swish(z)", "sigma(z[l])").expression());
    }

    @Test
    void theActivationVariableBecomesZAndHyperparametersBecomeNumbers() {
        Activation activation = activation("activation phi(x) = tanh(a*x) with a = 2", "phi(z[l])");
        assertEquals("tanh(a*x)", activation.name());
        assertEquals(new Call(Function.TANH, List.of(new Binary(Operator.MULTIPLY, new Constant(2), Z))),
                activation.expression());
    }

    @Test
    void theDeriveLineGivesObservableAndOrder() {
        MlpModel model = network(mlpWith("derive metric to order 1/n", "derive ddntk to order 1/n^2")
                .replace("}\n", "  learning rates lambda_b = 0.5, lambda_W = 2\n}\n"));
        assertEquals(Observable.DDNTK, model.observable());
        assertEquals(2, model.order());
        assertEquals(0.5, model.rates().lambdaB());
        assertEquals(2.0, model.rates().lambdaW());
        model = network(mlpWith("derive metric to order 1/n\n", ""));
        assertEquals(Observable.METRIC, model.observable());
        assertEquals(1, model.order());
    }

    @Test
    void hyperparametersMayComeOnTheirOwnLineAfterTheirUse() {
        MlpModel model = network(mlpWith(" with Cb = 0, Cw = 1", "").replace("}", "  with Cw = 2, Cb = Cw/4\n}"));
        assertEquals(0.5, model.cb());
        assertEquals(2.0, model.cw());
    }

    @Test
    void biasAndWeightsMayBeAddedInEitherOrder() {
        MlpModel model = network(mlpWith("b[l+1] + W[l+1] . sigma(z[l])", "W[l+1] . sigma(z[l]) + b[l+1]"));
        assertEquals(10, model.depth());
    }

    @Test
    void aOneLayerNetworkIsItsInput() {
        MlpModel model = network(mlpWith("L = 10", "L = 1"));
        assertEquals(1, model.depth());
    }

    @Test
    void stochasticDepthIsNotSupportedYet() {
        String text = mlpWith("z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1",
                RESIDUAL.replace("eps *", "m[l+1] * eps *") + ", p = 0.9")
                .replace("W ~ normal(0, Cw/n)", "W ~ normal(0, Cw/n), m ~ bernoulli(p)");
        assertEquals("t.fnet:7:3: stochastic depth (the bernoulli mask m) is not supported yet "
                + "(hint: only plain MLP layers z[l+1] = b[l+1] + W[l+1] . sigma(z[l]) are lowered for now)", error(text));
    }

    /** The recurrent network of SPEC section 3: W and b without a layer index are shared by every step. */
    @Test
    void weightsAndBiasWithoutLayerIndexAreSharedByEveryStep() {
        MlpModel rnn = network(RNN);
        assertEquals(MlpModel.WeightSharing.TIED, rnn.weights());
        assertEquals(6, rnn.depth());
        assertEquals(0.1, rnn.cb());
        assertEquals(1.5, rnn.cw());
        assertEquals(MlpModel.WeightSharing.PER_LAYER, network(MLP).weights());
    }

    @Test
    void sharedWeightWithPerLayerBiasIsNotSupportedYet() {
        assertEquals("t.fnet:7:3: a shared W with a per-layer b is not supported yet "
                + "(hint: only plain MLP layers z[l+1] = b[l+1] + W[l+1] . sigma(z[l]) are lowered for now)",
                error(mlpWith("W[l+1] .", "W .")));
        assertEquals("t.fnet:9:3: a shared b with a per-layer W is not supported yet "
                + "(hint: only plain MLP layers z[l+1] = b[l+1] + W[l+1] . sigma(z[l]) are lowered for now)",
                error(RNN.replace("W .", "W[t+1] .")));
    }

    /** A shared weight has one shape; fed by the raw inputs it would be n x n0 in layer 1 and n x n afterwards. */
    @Test
    void sharedWeightCannotFeedTheRawInputs() {
        String text = RNN.replace("  input gram [[1.0, 0.5], [0.5, 0.8]]\n", "  input x = [[1.0, 0.0], [0.5, 1.5]]\n"
                + "  z[1] = b + W . x\n");
        assertEquals("t.fnet:7:14: a shared W cannot feed the inputs: its shape would be n x n0 in layer 1 and n x n"
                + " in the later steps (hint: give the first layer its own parameters, z[1] = b[1] + W[1] . x)",
                error(text));
        MlpModel own = network(RNN.replace("  input gram [[1.0, 0.5], [0.5, 0.8]]\n",
                "  input x = [[1.0, 0.0], [0.5, 1.5]]\n  z[1] = b[1] + W[1] . x\n"));
        assertEquals(MlpModel.WeightSharing.TIED, own.weights());
    }

    @Test
    void recurrenceOnAFutureStepIsRefused() {
        String message = error(RNN.replace("sigma(z[t])", "sigma(z[t+2])"));
        assertEquals("t.fnet:9:", message.substring(0, 9), message);
    }

    @Test
    void ntkOfWeightTiedNetworksIsNotSupportedYet() {
        String text = RNN.replace("derive metric", "derive ntk").replace("  input gram",
                "  learning rates lambda_b = 1, lambda_W = 1\n  input gram");
        assertEquals("t.fnet:12:1: derive ntk of a weight-tied network is not supported yet"
                + " (hint: weight-tied networks derive the metric)", error(text));
    }

    @Test
    void otherLayerFormsAreNotSupportedYet() {
        assertEquals("t.fnet:7:3: layer equations other than z[l+1] = b[l+1] + W[l+1] . sigma(z[l]) are not supported yet",
                error(mlpWith("b[l+1] + W", "b[l+1] - W")));
    }

    @Test
    void aGramInputIsLayerOne() {
        assertEquals("t.fnet:7:3: layer 1 is given by the gram input, expected the layer equations to start at layer 2 "
                + "(for l = 1 .. L-1)", error(mlpWith("for l = 1 .. L-1", "for l = 0 .. L-1")));
    }

    @Test
    void aTheoryBlockAfterANetworkIsLoweredToo() {
        org.feynet.model.ModelFile file = ModelReader.parse("t.fnet", MLP + "theory t {\n  field phi\n  action S = phi^2/2\n}\n");
        assertEquals(1, file.networks().size());
        assertEquals("t", file.theories().get(0).name());
    }

    private static Activation activation(String statement, String applied) {
        return network(mlpWith("activation sigma(z) = tanh(z)", statement).replace("sigma(z[l])", applied)).activation();
    }
}
