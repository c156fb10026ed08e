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
                checked.add(TrainChecker.check(train, names.get(train.name().text()), meanField.get(train.name().text())));
                continue;
            }
            Block before = names.putIfAbsent(block.name().text(), block);
            if (before != null) {
                throw new SourceError(block.name().position(), "block name '" + block.name().text()
                        + "' is already used on line " + before.position().line() + ", expected a new name");
            }
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
}
