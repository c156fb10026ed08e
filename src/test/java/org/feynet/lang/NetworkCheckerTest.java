package org.feynet.lang;

import static org.feynet.lang.Sources.error;
import static org.feynet.lang.Sources.mlpWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetworkCheckerTest {

    @Test
    void anUnknownFunctionListsTheAllowedOnes() {
        assertEquals("t.fnet:4:25: unknown function 'tanhh', expected one of exp, log, tanh, erf, sin, cos, sqrt, abs, "
                + "sigmoid, max, relu, gelu, swish, linear", error(mlpWith("tanh(z)", "tanhh(z)")));
    }

    @Test
    void anUnknownActivationListsTheNamedOnes() {
        assertEquals("t.fnet:4:14: unknown activation 'foo', expected one of relu, gelu, swish, linear, exp, log, tanh, "
                + "erf, sin, cos, sqrt, abs, sigmoid (hint: or define one: activation sigma(z) = ...)",
                error(mlpWith("sigma(z) = tanh(z)", "foo")));
    }

    @Test
    void functionsTakeTheirNumberOfArgumentsAndMaxTakesZero() {
        assertEquals("t.fnet:4:25: tanh takes 1 argument, found 2", error(mlpWith("tanh(z)", "tanh(z, z)")));
        assertEquals("t.fnet:4:25: max needs the number 0 as one argument, expected max(0, x)",
                error(mlpWith("tanh(z)", "max(z, 1)")));
    }

    @Test
    void theActivationUsesOnlyItsVariableAndHyperparameters() {
        assertEquals("t.fnet:4:30: undefined symbol 'y', expected the variable z, a number or a hyperparameter "
                + "(hint: define it with 'with y = ...')", error(mlpWith("tanh(z)", "tanh(y)")));
    }

    @Test
    void aNegativeBiasVarianceIsAnError() {
        assertEquals("t.fnet:5:22: negative variance Cb = -1, expected a bias variance >= 0",
                error(mlpWith("Cb = 0,", "Cb = -1,")));
    }

    @Test
    void aZeroWeightVarianceIsAnError() {
        assertEquals("t.fnet:5:41: zero variance Cw = 0, expected a weight variance > 0", error(mlpWith("Cw = 1", "Cw = 0")));
    }

    @Test
    void theWeightVarianceIsDividedByTheWidth() {
        assertEquals("t.fnet:5:41: weight variance Cw is not divided by the width, expected Cw/n "
                + "(hint: PDLT draws weights from normal(0, Cw/n), n the width)", error(mlpWith("Cw/n)", "Cw)")));
    }

    @Test
    void priorsHaveMeanZero() {
        assertEquals("t.fnet:5:19: nonzero mean 1, expected normal(0, variance)", error(mlpWith("normal(0, Cb)", "normal(1, Cb)")));
    }

    @Test
    void anUndefinedHyperparameterIsNamed() {
        assertEquals("t.fnet:5:41: undefined symbol 'Cq', expected a number (hint: define it with 'with Cq = ...')",
                error(mlpWith("Cw/n)", "Cq/n)")));
    }

    @Test
    void theWidthHasNoValue() {
        assertEquals("t.fnet:5:25: 'n' is the width and has no value here, expected a number",
                error(mlpWith("normal(0, Cb)", "normal(0, Cb/n)")));
    }

    @Test
    void aHyperparameterCannotUseItself() {
        assertEquals("t.fnet:5:66: hyperparameter 'Cb' is defined in terms of itself, expected a value that does not use it",
                error(mlpWith("Cb = 0,", "Cb = C2, C2 = Cb,")));
    }

    @Test
    void everyNameIsDeclaredOnce() {
        assertEquals("t.fnet:5:68: 'n' is already the width, expected a new name", error(mlpWith("Cw = 1", "Cw = 1, n = 2")));
        assertEquals("t.fnet:4:3: second depth statement in network 'm', expected one",
                error(mlpWith("  depth L = 10\n", "  depth L = 10\n  depth L = 10\n")));
        assertEquals("t.fnet:1:9: network 'm' has no width statement, expected 'width n'", error(mlpWith("  width n\n", "")));
    }

    @Test
    void aGramMatrixIsPositiveSemidefinite() {
        assertEquals("t.fnet:6:14: the gram matrix is not positive semidefinite (smallest eigenvalue -1.10), expected "
                + "eigenvalues >= 0 (hint: a gram matrix holds inner products x_a . x_b, so |K[a][b]| <= sqrt(K[a][a] K[b][b]))",
                error(mlpWith("[[1.0, 0.5], [0.5, 0.8]]", "[[1.0, 2.0], [2.0, 0.8]]")));
    }

    @Test
    void aGramMatrixIsSymmetric() {
        assertEquals("t.fnet:6:14: the gram matrix is not symmetric: entry [1][2] is 0.5 but [2][1] is 0.4, expected "
                + "equal entries (hint: a gram matrix holds inner products x_a . x_b)",
                error(mlpWith("[[1.0, 0.5], [0.5, 0.8]]", "[[1.0, 0.5], [0.4, 0.8]]")));
    }

    @Test
    void aGramMatrixIsSquare() {
        assertEquals("t.fnet:6:27: row 2 of the gram matrix has 3 entries, expected 2 for a square matrix",
                error(mlpWith("[[1.0, 0.5], [0.5, 0.8]]", "[[1.0, 0.5], [0.5, 0.8, 1]]")));
        assertEquals("t.fnet:6:15: unexpected '1.0', expected a square matrix [[...], ...]",
                error(mlpWith("[[1.0, 0.5], [0.5, 0.8]]", "[1.0, 0.5]")));
    }

    @Test
    void rawInputsAreRowsOfOneLengthThatFeedTheFirstLayer() {
        assertEquals("t.fnet:6:26: input vector 2 has 1 entry, expected 2 like the first",
                error(mlpWith("gram [[1.0, 0.5], [0.5, 0.8]]", "x = [[1.0, 0.5], [0.5]]\n  z[1] = b[1] + W[1] . x")));
        assertEquals("t.fnet:6:3: the inputs x are not used, expected a first layer equation such as z[1] = b[1] + W[1] . x",
                error(mlpWith("gram [[1.0, 0.5], [0.5, 0.8]]", "x = [[1.0, 0.5], [0.5, 1.0]]")));
    }

    @Test
    void theDepthIsAWholeNumberAtLeastOne() {
        assertEquals("t.fnet:3:13: depth L = 0 is less than 1, expected an integer >= 1", error(mlpWith("L = 10", "L = 0")));
        assertEquals("t.fnet:3:13: depth 2.5 is not a whole number, expected an integer", error(mlpWith("L = 10", "L = 2.5")));
    }

    @Test
    void theLayerEquationsReachLayerL() {
        assertEquals("t.fnet:7:57: the layer equations end at layer 9, expected them to reach layer L = 10",
                error(mlpWith("L-1", "L-2")));
    }

    @Test
    void eachLayerIsDefinedOnce() {
        assertEquals("t.fnet:8:3: layer 3 is defined twice, expected one equation per layer",
                error(mlpWith("L-1\n", "L-1\n  z[3] = b[3] + W[3] . sigma(z[2])\n")));
    }

    @Test
    void parametersTakeTheIndexOfTheLeftSide() {
        assertEquals("t.fnet:7:14: index mismatch: expected b[l+1], the layer on the left side, found b[l]",
                error(mlpWith("b[l+1] +", "b[l] +")));
        assertEquals("t.fnet:7:23: index mismatch: expected W[l+1], the layer on the left side, found W[l+2]",
                error(mlpWith("W[l+1] .", "W[l+2] .")));
    }

    @Test
    void theRightSideReadsTheLayerBelow() {
        assertEquals("t.fnet:7:38: index mismatch: expected z[l], the layer below the left side, found z[l+1]",
                error(mlpWith("sigma(z[l])", "sigma(z[l+1])")));
    }

    @Test
    void layerIndicesAreTheLoopVariablePlusANumber() {
        assertEquals("t.fnet:7:14: unexpected layer index '2*l', expected one such as l, l+1, l-1 or 1",
                error(mlpWith("b[l+1] +", "b[2*l] +")));
        assertEquals("t.fnet:7:5: undefined layer index 'l', expected a number or a range 'for l = ..' after the equation",
                error(mlpWith("   for l = 1 .. L-1", "")));
    }

    @Test
    void layerEquationsApplyTheDeclaredActivation() {
        assertEquals("t.fnet:7:30: unexpected function 'tanh' in a layer equation, expected the activation sigma "
                + "(hint: layer equations apply the activation declared by 'activation')",
                error(mlpWith("sigma(z[l])", "tanh(z[l])")));
    }

    @Test
    void everyParameterIsDeclaredAndUsed() {
        assertEquals("t.fnet:7:12: undefined parameter 'c', expected a parameter declared by 'init' or the pre-activation z "
                + "(hint: declare it in 'init', such as c ~ normal(0, C))", error(mlpWith("b[l+1] +", "c[l+1] +")));
        assertEquals("t.fnet:5:48: parameter 'm' is not used by any layer equation, expected it on the right of one",
                error(mlpWith("Cw/n)", "Cw/n), m ~ bernoulli(0.5)")));
    }

    @Test
    void distributionsAreNormalOrBernoulli() {
        assertEquals("t.fnet:5:12: unknown distribution 'uniform', expected normal(mean, variance) or bernoulli(p)",
                error(mlpWith("normal(0, Cb)", "uniform(0, Cb)")));
    }

    @Test
    void learningRatesAreNamedAfterParametersAndNotNegative() {
        assertEquals("t.fnet:6:29: negative learning rate lambda_b = -1, expected a rate >= 0",
                error(mlpWith("  input", "  learning rates lambda_b = -1, lambda_W = 1\n  input")));
        assertEquals("t.fnet:6:18: unknown learning rate 'lambda_x', expected one of lambda_b, lambda_W",
                error(mlpWith("  input", "  learning rates lambda_x = 1\n  input")));
    }

    @Test
    void aNetworkDerivesOneObservableToAnOrderInItsWidth() {
        assertEquals("t.fnet:9:8: unknown observable 'kernel', expected one of metric, ntk, dntk, ddntk",
                error(mlpWith("derive metric", "derive kernel")));
        assertEquals("t.fnet:9:16: second observable in a network's derive line, expected one of metric, ntk, dntk, ddntk",
                error(mlpWith("derive metric", "derive metric, ntk")));
        assertEquals("t.fnet:9:24: unexpected order 1/N, expected 1/n or 1/n^k with n the width",
                error(mlpWith("order 1/n", "order 1/N")));
        assertEquals("t.fnet:10:1: second derive line for network 'm', expected one derive line per network",
                error(mlpWith("1/n\n", "1/n\nderive ntk to order 1/n\n")));
    }

    @Test
    void blockNamesAreUniqueAndAFileHasABlock() {
        assertEquals("t.fnet:10:9: block name 'm' is already used on line 1, expected a new name",
                error(Sources.MLP + Sources.MLP));
        assertEquals("t.fnet:1:1: no network or theory block, expected 'network NAME { ... }'", error("# nothing\n"));
    }
}
