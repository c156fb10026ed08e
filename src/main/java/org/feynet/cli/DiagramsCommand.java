package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.core.Fractions;
import org.feynet.derive.MetricRecursion;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagramEnumerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet diagrams}: the diagrams of each statistic to the requested order, with symmetry factors. */
@Command(name = "diagrams", mixinStandardHelpOptions = true,
        description = "List the diagrams of every statistic to the requested order, with symmetry factors.")
final class DiagramsCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--json", description = "machine-readable output on stdout")
    boolean json;

    @Option(names = "--filter", split = ",", paramLabel = "F",
            description = "theories: keep only diagrams that are connected, 1pi, no-tadpoles or vacuum")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.feynet.model.FieldTheory theory = TheoryCommands.theory(options);
        if (theory != null) {
            return TheoryCommands.diagrams(options, theory, spec.commandLine().getOut(), json, filters);
        }
        Pipeline.Loaded loaded = options.load();
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(Describe.model(loaded)).append("\n");
        for (int[] target : MetricRecursion.targets(loaded.model().order())) {
            List<MetricDiagram> diagrams = new MetricDiagramEnumerator(target[0], target[1]).diagrams();
            String name = org.feynet.derive.RecursionFormatter.tensorName(target[0], target[1]);
            String what = target[0] == 1 ? "mean of a metric entry"
                    : "joint cumulant of " + target[0] + " metric entries";
            text.append(String.format("%n%s (%s, order 1/n^%d): %d diagram%s%n", name, what, target[1],
                    diagrams.size(), diagrams.size() == 1 ? "" : "s"));
            for (int k = 0; k < diagrams.size(); k++) {
                MetricDiagram d = diagrams.get(k);
                String label = d.name().equals(d.code()) ? d.code() : d.name() + ": " + d.code();
                text.append(String.format("  %d. %-48s symmetry factor %s, weight %s%n", k + 1, label,
                        d.symmetryFactor(), Fractions.text(d.weight())));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("statistic", name);
                row.put("legs", target[0]);
                row.put("order", target[1]);
                row.put("name", d.name());
                row.put("code", d.code());
                row.put("symmetry_factor", d.symmetryFactor());
                row.put("weight", Fractions.text(d.weight()));
                rows.add(row);
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", loaded.model().name());
            out.put("order", loaded.model().order());
            out.put("diagrams", rows);
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            spec.commandLine().getOut().print(text);
        }
        return 0;
    }
}
