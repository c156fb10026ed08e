package org.feynet.cli;

import java.util.concurrent.Callable;
import org.feynet.numerics.MetricStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet eval}: the numbers of every layer, from the generated evaluator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the recursions for every layer: K0, K1 (K2) and V4 (V4_1, T6).")
final class EvalCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--json", description = "print the SPEC section 6 JSON on stdout and nothing else there")
    boolean json;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws java.io.IOException {
        org.feynet.model.FieldTheory theory = TheoryCommands.theory(options);
        if (theory != null) {
            return TheoryCommands.eval(options, theory, spec.commandLine().getOut(), json);
        }
        Pipeline.Loaded loaded = options.load();
        MetricStatistics stats = Pipeline.evaluate(loaded, !quiet);
        if (json) {
            spec.commandLine().getOut().println(StatisticsJson.of(stats));
            return 0;
        }
        StringBuilder s = new StringBuilder(Describe.model(loaded)).append("\n\n");
        s.append("E[Ghat] = K0 + K1/n").append(stats.order() > 1 ? " + K2/n^2" : "")
                .append(";  n Var(Ghat_ab) = V4[(ab)(ab)]\n");
        for (MetricStatistics.Layer l : stats.layers()) {
            s.append(String.format("layer %d%n", l.layer()));
            int p = stats.inputs();
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format("  [%d %d]  K0 = %-14.10g K1 = %-14.8g", a, b, l.k0()[a][b], l.k1()[a][b]));
                    if (l.k2() != null) {
                        s.append(String.format(" K2 = %-14.8g", l.k2()[a][b]));
                    }
                    s.append(String.format(" V4 = %.8g%n", l.v4()[a][b][a][b]));
                }
            }
        }
        s.append("(--json for every component of V4)\n");
        spec.commandLine().getOut().print(s);
        return 0;
    }
}
