package org.feynet.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether pdflatex can be run here: the one condition under which the LaTeX compile tests are skipped. */
final class Pdflatex {

    private Pdflatex() {}

    /** pdflatex is an executable on the PATH. */
    static boolean onPath() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "pdflatex"))) {
                return true;
            }
        }
        return false;
    }

    /** pdflatex starts and answers --version (found by the operating system, not by {@link #onPath}). */
    static boolean runs() {
        try {
            Process p = new ProcessBuilder("pdflatex", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
