package org.feynet.lang;

import java.util.List;

/** The syntax tree of one model file: its blocks in source order. */
record SourceFile(String file, List<Block> blocks) {
    SourceFile {
        blocks = List.copyOf(blocks);
    }
}
