package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every block of a file, in source order, and stops at the first error. Block names are unique and at most
 * {@value #MAX_NAME} characters long (they name output files and folders, which file systems limit to 255 bytes).
 */
final class Checker {

    static final int MAX_NAME = 64;

    private Checker() {}

    static List<Checked> check(SourceFile file) {
        Map<String, Block> names = new HashMap<>();
        List<Checked> checked = new ArrayList<>();
        for (Block block : file.blocks()) {
            if (block.name().text().length() > MAX_NAME) {
                throw new SourceError(block.name().position(), "block name of " + block.name().text().length()
                        + " characters, expected at most " + MAX_NAME + " (it names the output files)");
            }
            Block before = names.putIfAbsent(block.name().text(), block);
            if (before != null) {
                throw new SourceError(block.name().position(), "block name '" + block.name().text()
                        + "' is already used on line " + before.position().line() + ", expected a new name");
            }
            if (block instanceof Block.Network network) {
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
