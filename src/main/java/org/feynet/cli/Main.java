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
        description = "Finite-width statistics of deep networks from Feynman diagrams.")
public final class Main implements Runnable {

    /**
     * The subcommands' names, in the order of the help. Picocli builds the model of every registered command by
     * reflection, which costs more CPU than a warm eval's arithmetic; so a command line that names one of them
     * registers that one alone ({@link #commandLine}), and only other command lines (help, errors) register all.
     */
    private static final java.util.List<String> SUBCOMMANDS = java.util.List.of("derive", "diagrams", "latex",
            "codegen", "eval", "criticality", "sample", "dmft", "train", "compare", "spectrum", "serve", "audit",
            "bench", "bench-theory", "cache", "help");

    /**
     * A new instance of the subcommand {@code name}, one of {@link #SUBCOMMANDS}. A switch rather than a table of
     * constructor references: each of those is linked at run time on start-up, about 0.5 ms of CPU apiece.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "derive" -> new DeriveCommand();
            case "diagrams" -> new DiagramsCommand();
            case "latex" -> new LatexCommand();
            case "codegen" -> new CodegenCommand();
            case "eval" -> new EvalCommand();
            case "criticality" -> new CriticalityCommand();
            case "sample" -> new SampleCommand();
            case "dmft" -> new DmftCommand();
            case "train" -> new TrainCommand();
            case "compare" -> new CompareCommand();
            case "spectrum" -> new SpectrumCommand();
            case "serve" -> new ServeCommand();
            case "audit" -> new AuditCommand();
            case "bench" -> new BenchCommand();
            case "bench-theory" -> new TheoryBenchCommand();
            case "cache" -> new CacheCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /**
     * The command line for {@code args}: with only the subcommand that {@code args[0]} names when it names one other
     * than help (its parsing, help and errors are the same as with all registered), else with every subcommand.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.contains(first) && !first.equals("help")) {
            cli.addSubcommand(first, subcommand(first));
        } else {
            for (String name : SUBCOMMANDS) {
                cli.addSubcommand(name, subcommand(name));
            }
        }
        return cli;
    }

    /** Exit code for bad input: a model file or option that cannot be used. */
    static final int BAD_INPUT = 2;
    /** Exit code for numerical trouble: a singular kernel, a divergence, a NaN. */
    static final int NUMERICAL_TROUBLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command, expected one such as derive, eval, sample or compare");
    }

    public static void main(String[] args) {
        Timing.mark("main entered");
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
        cli.setParameterExceptionHandler((e, arguments) -> reportOption(e, err));
        int code;
        try {
            code = cli.execute(args);
        } catch (Throwable e) { // an Error (stack or memory exhausted) passes picocli's handler
            code = report(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Reports anything thrown as one line on {@code err} and returns the exit code: 2 for bad input, 3 for numerical
     * trouble, 1 for a bug in feynet (with a request to report it).
     */
    static int report(Throwable thrown, PrintWriter err) {
        Throwable e = unwrapped(thrown);
        if (e instanceof SourceError || e instanceof UserError || e instanceof UncheckedIOException
                || e instanceof RecursionError) {
            err.println(oneLine("feynet: " + e.getMessage()));
            return BAD_INPUT;
        }
        if (e instanceof UnsupportedOperationException) {
            err.println(oneLine("feynet: not supported yet: " + e.getMessage()));
            return BAD_INPUT;
        }
        if (e instanceof NumericalTrouble) {
            err.println(oneLine("feynet: numerical trouble: " + e.getMessage())
                    .replaceAll("-?\\bInfinity\\b", "an overflow").replaceAll("\\bNaN\\b", "an undefined value"));
            return NUMERICAL_TROUBLE;
        }
        if (e instanceof OutOfMemoryError) {
            err.println("feynet: out of memory: the request is too large (lower the order, depth, widths or number"
                    + " of networks, or give Java more memory with JAVA_TOOL_OPTIONS=-Xmx...)");
            return BAD_INPUT;
        }
        err.println(oneLine("feynet: internal error: " + e) + " (a bug in feynet: please report it with the model"
                + " file and the command; set FEYNET_DEBUG=1 for the stack trace)");
        if (System.getenv("FEYNET_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return 1;
    }

    /**
     * Reports a command-line option that cannot be parsed (a value of the wrong type, an unknown option, a missing
     * argument) as one line naming the command whose help lists the options, instead of the whole usage text.
     */
    private static int reportOption(CommandLine.ParameterException e, PrintWriter err) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println(oneLine("feynet: " + e.getMessage()) + " (hint: " + command + " --help lists the options)");
        return BAD_INPUT;
    }

    /**
     * The exception as first thrown: a parallel stream rethrows a worker's exception as a new instance of the same
     * class whose cause is the original (and whose message is the original's toString()).
     */
    private static Throwable unwrapped(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause().getClass() == current.getClass()) {
            current = current.getCause();
        }
        return current;
    }

    /** {@code text} on one line: line breaks become spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
