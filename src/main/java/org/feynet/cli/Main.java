package org.feynet.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.feynet.audit.RecursionError;
import org.feynet.lang.SourceError;
import org.feynet.numerics.NumericalTrouble;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The feynet command line: {@code feynet <command> [file.fnet] [options]} (docs/OUTPUTS.md). */
@Command(name = "feynet", mixinStandardHelpOptions = true, version = "feynet 0.1.0",
        description = "Finite-width statistics of deep networks from Feynman diagrams.",
        subcommands = {DeriveCommand.class, DiagramsCommand.class, LatexCommand.class, CodegenCommand.class,
                EvalCommand.class, SampleCommand.class, DmftCommand.class, TrainCommand.class, CompareCommand.class, AuditCommand.class, BenchCommand.class, TheoryBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: a model file or option that cannot be used. */
    static final int BAD_INPUT = 2;
    /** Exit code for numerical trouble: a singular kernel, a divergence, a NaN. */
    static final int NUMERICAL_TROUBLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try feynet --help)");
    }

    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int report(Exception thrown, PrintWriter err) {
        Exception e = unwrapped(thrown);
        if (e instanceof SourceError || e instanceof UserError || e instanceof UncheckedIOException
                || e instanceof RecursionError) {
            err.println("feynet: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof UnsupportedOperationException) {
            err.println("feynet: not supported yet: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof NumericalTrouble) {
            err.println("feynet: numerical trouble: " + e.getMessage());
            return NUMERICAL_TROUBLE;
        }
        err.println("feynet: internal error: " + e + " (set FEYNET_DEBUG=1 for the stack trace)");
        if (System.getenv("FEYNET_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return 1;
    }

    /**
     * The exception as first thrown: a parallel stream rethrows a worker's exception as a new instance of the same
     * class whose cause is the original (and whose message is the original's toString()).
     */
    private static Exception unwrapped(Exception e) {
        Exception current = e;
        while (current.getCause() instanceof Exception cause && cause.getClass() == current.getClass()) {
            current = cause;
        }
        return current;
    }
}
