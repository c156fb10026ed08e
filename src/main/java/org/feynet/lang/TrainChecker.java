package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.lang.TrainStatement.Flow;
import org.feynet.lang.TrainStatement.Loss;
import org.feynet.lang.TrainStatement.Targets;
import org.feynet.model.MeanFieldNetwork;
import org.feynet.model.TrainingProblem;

/**
 * Checks a train block. The rules: it names a mean-field network defined earlier in the file; targets, loss and
 * gradient flow appear once each; there is one target per input sample; the loss is mse; the rate is
 * {@code gamma0^2 * n} (the mean-field rate, with gamma0 and n the network's names); the time runs from 0 to a
 * T > 0; the derive lines after the block ask for {@code dynamics} without an order.
 */
final class TrainChecker {

    private final Block.Train block;
    private final CheckedMeanFieldNetwork network;
    private Targets targets;
    private Loss loss;
    private Flow flow;
    private final List<Binding> bindings = new ArrayList<>();

    private TrainChecker(Block.Train block, CheckedMeanFieldNetwork network) {
        this.block = block;
        this.network = network;
    }

    /**
     * @param defined   the block of that name defined before, or null
     * @param meanField that block when it is a mean-field network, or null
     */
    static CheckedTraining check(Block.Train block, Block defined, CheckedMeanFieldNetwork meanField) {
        String name = block.name().text();
        if (defined == null) {
            throw new SourceError(block.name().position(), "train block for undefined network '" + name
                    + "', expected the name of a network defined above it");
        }
        if (meanField == null) {
            throw new SourceError(block.name().position(), "unsupported parameterization: '" + name
                    + "' is not a mean-field network, expected one with 'output f = w . sigma(z[L]) / (gamma0 * n)'",
                    "feynet trains networks in the mean-field parameterization only");
        }
        return new TrainChecker(block, meanField).check();
    }

    private CheckedTraining check() {
        collect();
        MeanFieldNetwork model = network.model();
        Map<String, String> roles = new HashMap<>();
        roles.put(network.width(), "the width");
        roles.put(network.gamma0(), "the network's feature-learning strength");
        Constants constants = new Constants(bindings, Map.of(), roles);
        double[] y = new double[targets.values().elements().size()];
        for (int mu = 0; mu < y.length; mu++) {
            y[mu] = constants.value(targets.values().elements().get(mu));
        }
        if (y.length != model.samples()) {
            throw new SourceError(targets.values().position(), y.length + (y.length == 1 ? " target" : " targets")
                    + " for " + model.samples() + " input samples, expected one target per input");
        }
        if (!loss.name().text().equals("mse")) {
            throw new SourceError(loss.name().position(), "unknown loss '" + loss.name().text() + "', expected mse");
        }
        String g = network.gamma0();
        String n = network.width();
        Expr rateExpr = flow.rate().orElseThrow(() -> new SourceError(flow.time().position(), "gradient flow without"
                + " a rate, expected 'with rate " + g + "^2 * " + n + " for ...'", "the mean-field limit needs the rate"
                + " gamma0^2 * n"));
        String rate = ExprText.of(rateExpr).replace(" ", "");
        if (!List.of(g + "^2*" + n, n + "*" + g + "^2").contains(rate)) {
            throw new SourceError(rateExpr.position(), "unsupported parameterization: rate " + ExprText.of(rateExpr)
                    + ", expected " + g + "^2 * " + n, "the mean-field limit needs the rate gamma0^2 * n");
        }
        Map<String, String> timeRoles = new HashMap<>(roles);
        timeRoles.remove(network.gamma0());
        Constants times = new Constants(bindings, Map.of(network.gamma0(), model.gamma0()), timeRoles);
        double start = times.value(flow.time().from());
        if (start != 0) {
            throw new SourceError(flow.time().from().position(), "training starts at " + ExprText.number(start)
                    + ", expected it to start at 0");
        }
        double end = times.value(flow.time().to());
        if (!(end > 0)) {
            throw new SourceError(flow.time().to().position(), "non-positive time " + ExprText.number(end)
                    + ", expected an end time T > 0");
        }
        derives();
        return new CheckedTraining(block, new TrainingProblem(model, y, end));
    }

    private void collect() {
        for (TrainStatement statement : block.statements()) {
            if (statement instanceof Targets t) {
                targets = once(targets, t, "targets");
            } else if (statement instanceof Loss l) {
                loss = once(loss, l, "loss");
            } else if (statement instanceof Flow f) {
                flow = once(flow, f, "gradient flow");
            } else if (statement instanceof TrainStatement.Test t) {
                throw new SourceError(t.position(), "held-out points in the train block of mean-field network '"
                        + block.name().text() + "', expected targets, loss, gradient flow or with",
                        "held-out points belong to Fourier-feature residual networks");
            } else {
                bindings.addAll(((With) statement).bindings());
            }
        }
        require(targets, "targets", "'targets y = [...]'");
        require(loss, "loss", "'loss mse'");
        require(flow, "gradient flow", "'gradient flow with rate gamma0^2 * n for t = 0 .. T'");
    }

    private <T extends TrainStatement> T once(T first, T statement, String keyword) {
        if (first != null) {
            throw new SourceError(statement.position(), "second " + keyword + " statement in train block '"
                    + block.name().text() + "', expected one");
        }
        return statement;
    }

    private void require(TrainStatement statement, String keyword, String example) {
        if (statement == null) {
            throw new SourceError(block.name().position(), "train block '" + block.name().text() + "' has no "
                    + keyword + " statement, expected " + example);
        }
    }

    private void derives() {
        for (Derive derive : block.derives()) {
            for (Target target : derive.targets()) {
                if (!(target instanceof Target.Named named && named.name().text().equals("dynamics"))) {
                    throw new SourceError(target.position(), "unknown target after a train block, expected dynamics");
                }
            }
            if (derive.orderClause().isPresent()) {
                throw new SourceError(derive.order().position(), "'to order' after derive dynamics, expected none",
                        "the dynamics are derived at infinite width");
            }
        }
    }
}
