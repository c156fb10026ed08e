package org.feynet.lang;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.feynet.model.ModelFile;

/**
 * Reads model files (.fnet): parses the text, checks it and lowers every network block to an
 * {@link org.feynet.model.MlpModel} and every theory block to a {@link org.feynet.model.FieldTheory}. Every mistake is a {@link SourceError} naming the file, line and
 * column of the first one.
 */
public final class ModelReader {

    private ModelReader() {}

    /** The networks and theories of the UTF-8 file at {@code file}. */
    public static ModelFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw SourceError.unreadable(file.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw SourceError.unreadable(file.toString(), "permission denied");
        } catch (MalformedInputException e) {
            throw SourceError.unreadable(file.toString(), "not UTF-8 text");
        } catch (IOException e) {
            throw SourceError.unreadable(file.toString(), Files.isDirectory(file) ? "is a directory" : e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** The networks and theories of {@code text}; {@code fileName} is only used in messages and as the model's path. */
    public static ModelFile parse(String fileName, String text) {
        SourceFile source = SourceParser.parse(fileName, text);
        return Lowering.lower(fileName, text, Checker.check(source));
    }
}
