package org.feynet.cli;

import java.nio.file.Path;
import org.feynet.model.FieldTheory;
import org.feynet.model.MlpModel;

/**
 * What a command works on: one block of a model file, read once, with the path as the user gave it and the file's
 * text. A network goes through derive, codegen and evaluation; a theory through its diagram expansion.
 */
sealed interface Subject permits Subject.Network, Subject.Theory, Subject.Residual {

    /** The model file as the user gave it. */
    Path file();

    /** The whole text of the model file. */
    String text();

    /** The file's path with forward slashes, for messages and generated files. */
    default String source() {
        return file().toString().replace('\\', '/');
    }

    /** A residual network block, its closure already overridden by --closure when given. */
    record Residual(Path file, String text, org.feynet.model.ResidualModel model) implements Subject {}

    /** A network block, its order already overridden by --order when given. */
    record Network(Path file, String text, MlpModel model) implements Subject {}

    /**
     * A theory block, its orders already overridden by --order when given.
     *
     * @param couplingOrder the total coupling degree kept by orders in 1/N (--coupling-order), or null for the default
     */
    record Theory(Path file, String text, FieldTheory theory, Integer couplingOrder) implements Subject {}
}
