package org.feynet.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.theory.TheoryDiagram;
import org.feynet.theory.TheoryExpansion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code feynet bench-theory}: the theory figures of docs/BENCHMARKS.md. Generates all connected vacuum
 * diagrams of phi^4 through {@code --phi4-loops} loops and of phi^3 through {@code --phi3-loops} loops (a fresh
 * expansion each time, so nothing is cached), then the disconnected ones from them, and prints counts and
 * wall times.
 */
@Command(name = "bench-theory", mixinStandardHelpOptions = true,
        description = "Measure theory diagram generation (phi^4 and phi^3 vacuum diagrams).")
final class TheoryBenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--phi4-loops", description = "phi^4 loops (default: ${DEFAULT-VALUE})")
    int phi4Loops = 6;

    @Option(names = "--phi3-loops", description = "phi^3 loops (default: ${DEFAULT-VALUE})")
    int phi3Loops = 8;

    @Override
    public Integer call() {
        // phi^4 vacuum: V vertices, 2V lines, V + 1 loops; phi^3 vacuum: 2k vertices, 3k lines, k + 1 loops
        run("phi^4", "g/24 * phi^4", phi4Loops - 1);
        run("phi^3", "g/6 * phi^3", 2 * (phi3Loops - 1));
        return 0;
    }

    private void run(String name, String interaction, int order) {
        FieldTheory theory = ModelReader.parse("bench.fnet", "theory b {\n field phi\n coupling g\n action S = phi^2/2 + "
                + interaction + "\n}\nderive Z to order g^1\n").theories().get(0);
        long t0 = System.nanoTime();
        List<TheoryDiagram> connected = new TheoryExpansion(theory).connected(List.of(), order);
        double tc = (System.nanoTime() - t0) / 1e9;
        int[] counts = new int[order + 1];
        connected.forEach(d -> counts[d.order()]++);
        t0 = System.nanoTime();
        int all = new TheoryExpansion(theory).vacuum(order).size();
        double ta = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT, "%s connected vacuum diagrams through order g^%d: %d in %.3f s, "
                + "by order %s%n", name, order, connected.size(), tc, java.util.Arrays.toString(counts));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s all vacuum diagrams (connected or not) through order g^%d: "
                + "%d in %.3f s (connected ones generated again)%n", name, order, all, ta);
        spec.commandLine().getOut().flush();
    }
}
