package org.feynet.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in a model file a statement stands, for the few refusals made after the file was read (the model keeps no
 * positions): {@code file:line:col} of the first statement that starts with a keyword.
 */
final class Places {

    private Places() {}

    /** {@code file:line:col} of the first line whose statement starts with {@code keyword}, or the file alone. */
    static String of(Path file, String text, String keyword) {
        Matcher m = Pattern.compile("(?m)^([ \\t]*)" + Pattern.quote(keyword) + "\\b").matcher(text);
        if (!m.find()) {
            return file.toString();
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return file + ":" + line + ":" + (m.group(1).length() + 1);
    }
}
