package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feynet.lang.TrainStatement.Flow;
import org.feynet.lang.TrainStatement.Loss;
import org.feynet.lang.TrainStatement.Targets;
import org.feynet.lang.TrainStatement.Test;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;

/**
 * Checks the train block of a Fourier-feature residual network:
 * <pre>
 *   train NAME {
 *     targets y = [...]                           (required: one target per input)
 *     test x = [[...], ...], y = [...]            (optional: held-out inputs of the network's dimension, targets)
 *     gradient flow for t = 0 .. T                (optional: T &gt; 0, default {@value #DEFAULT_TIME})
 *     loss mse                                    (optional: the only loss)
 *   }
 * </pre>
 * The flow has no rate: every parameter moves at its NTK rate (the network's learning rates). A derive line after
 * the block (as in the form) sets the network's order, unless the network has its own.
 */
final class FourierTrainChecker {

    /** The horizon when the block has no gradient flow statement. */
    static final double DEFAULT_TIME = 100;

    private final Block.Train block;
    private final FourierResidualNetwork network;
    private Targets targets;
    private Test test;
    private Flow flow;
    private Loss loss;
    private final List<Binding> bindings = new ArrayList<>();

    private FourierTrainChecker(Block.Train block, FourierResidualNetwork network) {
        this.block = block;
        this.network = network;
    }

    static CheckedFourierTraining check(Block.Train block, CheckedFourierResidual network) {
        FourierResidualNetwork model = network.model();
        if (!block.derives().isEmpty()) {
            if (!network.block().derives().isEmpty()) {
                throw new SourceError(block.derives().get(0).position(), "second derive line for '"
                        + block.name().text() + "' (one follows the network), expected one");
            }
            int order = FourierResidualChecker.order(block.derives(), network.width());
            model = new FourierResidualNetwork(model.name(), model.activation(), model.depth(), model.features(),
                    model.cb(), model.cw(), model.alpha(), model.keep(), model.rates(), model.inputs(), order);
        }
        return new FourierTrainChecker(block, model).check(network.width());
    }

    private CheckedFourierTraining check(String width) {
        collect();
        Constants constants = new Constants(bindings, Map.of(), Map.of(width, "the width"));
        double[] y = values(targets.values(), constants);
        if (y.length != network.samples()) {
            throw new SourceError(targets.values().position(), y.length + (y.length == 1 ? " target" : " targets")
                    + " for " + network.samples() + " input samples, expected one target per input");
        }
        double[][] testInputs = new double[0][];
        double[] testTargets = new double[0];
        if (test != null) {
            testInputs = InputMatrix.vectors(test.matrix(), constants);
            for (double[] row : testInputs) {
                if (row.length != network.inputDimension()) {
                    throw new SourceError(test.matrix().position(), "held-out input of dimension " + row.length
                            + ", expected the network's input dimension " + network.inputDimension());
                }
            }
            testTargets = values(test.values(), constants);
            if (testTargets.length != testInputs.length) {
                throw new SourceError(test.values().position(), testTargets.length + " held-out targets for "
                        + testInputs.length + " held-out inputs, expected one target per held-out input");
            }
        }
        if (loss != null && !loss.name().text().equals("mse")) {
            throw new SourceError(loss.name().position(), "unknown loss '" + loss.name().text() + "', expected mse");
        }
        double time = flow == null ? DEFAULT_TIME : horizon(constants);
        return new CheckedFourierTraining(block, new FourierResidualTraining(network, y, testInputs, testTargets, time));
    }

    private double horizon(Constants constants) {
        if (flow.rate().isPresent()) {
            throw new SourceError(flow.rate().get().position(), "a rate in the gradient flow of a Fourier-feature"
                    + " residual network, expected 'gradient flow for t = 0 .. T'",
                    "every parameter moves at its NTK rate, set by the network's learning rates");
        }
        double start = constants.value(flow.time().from());
        if (start != 0) {
            throw new SourceError(flow.time().from().position(), "training starts at " + ExprText.number(start)
                    + ", expected it to start at 0");
        }
        double end = constants.value(flow.time().to());
        if (!(end > 0)) {
            throw new SourceError(flow.time().to().position(), "non-positive time " + ExprText.number(end)
                    + ", expected an end time T > 0");
        }
        return end;
    }

    private static double[] values(Expr.ListLiteral list, Constants constants) {
        double[] v = new double[list.elements().size()];
        for (int i = 0; i < v.length; i++) {
            Expr e = list.elements().get(i);
            if (e instanceof Expr.ListLiteral) {
                throw new SourceError(e.position(), "a row where a number was expected, expected targets [y1, y2, ...]");
            }
            v[i] = constants.value(e);
        }
        return v;
    }

    private void collect() {
        for (TrainStatement statement : block.statements()) {
            if (statement instanceof Targets t) {
                targets = once(targets, t, "targets");
            } else if (statement instanceof Test t) {
                test = once(test, t, "test");
            } else if (statement instanceof Flow f) {
                flow = once(flow, f, "gradient flow");
            } else if (statement instanceof Loss l) {
                loss = once(loss, l, "loss");
            } else {
                bindings.addAll(((With) statement).bindings());
            }
        }
        if (targets == null) {
            throw new SourceError(block.name().position(), "train block '" + block.name().text()
                    + "' has no targets statement, expected 'targets y = [...]'");
        }
    }

    private <T extends TrainStatement> T once(T first, T statement, String keyword) {
        if (first != null) {
            throw new SourceError(statement.position(), "second " + keyword + " statement in train block '"
                    + block.name().text() + "', expected one");
        }
        return statement;
    }
}
