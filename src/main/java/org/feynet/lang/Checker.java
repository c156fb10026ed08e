package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every block of a file, in source order, and stops at the first error. Network and theory names are
 * unique and at most {@value #MAX_NAME} characters long (they name output files and folders, which file systems limit
 * to 255 bytes); a train block names a mean-field network defined before it, once.
 */
final class Checker {

    static final int MAX_NAME = 64;

    private Checker() {}

    static List<Checked> check(SourceFile file) {
        Map<String, Block> names = new HashMap<>();
        Map<String, CheckedMeanFieldNetwork> meanField = new HashMap<>();
        Map<String, Block> trained = new HashMap<>();
        Map<String, CheckedFourierResidual> fourier = new HashMap<>();
        List<Checked> checked = new ArrayList<>();
        for (Block block : file.blocks()) {
            if (block.name().text().length() > MAX_NAME) {
                throw new SourceError(block.name().position(), "block name of " + block.name().text().length()
                        + " characters, expected at most " + MAX_NAME + " (it names the output files)");
            }
            if (block instanceof Block.Train train) {
                Block before = trained.putIfAbsent(train.name().text(), train);
                if (before != null) {
                    throw new SourceError(train.name().position(), "network '" + train.name().text()
                            + "' already has a train block on line " + before.position().line() + ", expected one");
                }
                CheckedFourierResidual ecrn = fourier.get(train.name().text());
                if (ecrn != null) {
                    refusePerBlockItems(train);
                    CheckedFourierTraining training = FourierTrainChecker.check(train, ecrn);
                    checked.set(checked.indexOf(ecrn), new CheckedFourierResidual(ecrn.block(), ecrn.width(),
                            training.training().network()));
                    checked.add(training);
                } else {
                    refusePerBlockItems(train);
                    checked.add(TrainChecker.check(train, names.get(train.name().text()),
                            meanField.get(train.name().text())));
                }
                continue;
            }
            Block before = names.putIfAbsent(block.name().text(), block);
            if (before != null) {
                throw new SourceError(block.name().position(), "block name '" + block.name().text()
                        + "' is already used on line " + before.position().line() + ", expected a new name");
            }
            if (block instanceof Block.Network network && FourierResidualChecker.isFourierResidual(network)) {
                CheckedFourierResidual ecrn = FourierResidualChecker.check(network);
                fourier.put(network.name().text(), ecrn);
                checked.add(ecrn);
                continue;
            }
            refusePerBlockItems(block);
            if (block instanceof Block.Network network && MeanFieldChecker.isMeanField(network)) {
                CheckedMeanFieldNetwork mf = MeanFieldChecker.check(network);
                meanField.put(network.name().text(), mf);
                checked.add(mf);
            } else if (block instanceof Block.Network network) {
                checked.add(NetworkChecker.check(network));
            } else {
                checked.add(TheoryChecker.check((Block.Theory) block));
            }
        }
        if (checked.isEmpty()) {
            throw new SourceError(new Position(file.file(), 1, 1), "no network or theory block, expected 'network NAME { ... }'");
        }
        return checked;
    }

    /**
     * Refuses, in any block but a Fourier-feature residual network, what only such a network accepts: indexed
     * priors ({@code W[0] ~ ...}, {@code mask[l] ~ bernoulli(p)}) and indexed hyperparameters ({@code alpha[l] = ...}).
     */
    private static void refusePerBlockItems(Block block) {
        List<? extends Node> statements = block instanceof Block.Network n ? n.statements()
                : block instanceof Block.Theory t ? t.statements() : ((Block.Train) block).statements();
        for (Node statement : statements) {
            if (statement instanceof With with && !with.perBlock().isEmpty()) {
                Node item = with.perBlock().get(0);
                String what = item instanceof IndexedBinding b ? "indexed hyperparameter '" + b.name().text() + "["
                        + ExprText.of(b.index()) + "]'" : "prior '" + ((Prior) item).parameter().text() + "[...]'";
                throw new SourceError(item.position(), what + " in a with clause, expected name = value",
                        "per-block values belong to Fourier-feature residual networks (a features statement)");
            }
            if (statement instanceof NetworkStatement.Init init) {
                for (Prior prior : init.priors()) {
                    if (prior.index().isPresent()) {
                        throw new SourceError(prior.position(), "prior for one layer '" + prior.parameter().text()
                                + "[" + ExprText.of(prior.index().get()) + "]', expected one prior per parameter",
                                "layer priors belong to Fourier-feature residual networks (a features statement)");
                    }
                }
            }
        }
    }
}
