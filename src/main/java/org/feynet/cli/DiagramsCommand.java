package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.core.Fractions;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Statistic;
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
        Subject subject = options.subject();
        if (subject instanceof Subject.Theory theory) {
            return TheoryCommands.diagrams(theory, spec.commandLine().getOut(), json, filters);
        }
        if (!filters.isEmpty()) {
            String name = subject instanceof Subject.Residual r ? r.model().name()
                    : ((Subject.Network) subject).model().name();
            throw new UserError("--filter applies to theories, and " + name + " is a network (hint: leave --filter"
                    + " out)");
        }
        if (subject instanceof Subject.Residual residual) {
            throw new UserError(residual.source() + ": '" + residual.model().name() + "' is a residual network; its"
                    + " equations are printed by derive (and --continuous), not yet as a diagram list");
        }
        Subject.Network network = (Subject.Network) subject;
        if (network.model().tied()) {
            throw new UserError(network.source() + ": " + network.model().name() + " is weight-tied; its diagrams are"
                    + " not derived yet (feynet sample runs it)");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(Describe.model(network)).append("\n");
        for (Statistic statistic : Statistic.metricUpTo(network.model().order())) {
            List<MetricDiagram> diagrams = MetricDiagrams.of(statistic);
            text.append(String.format("%n%s (%s, order 1/n^%d): %d diagram%s%n", statistic.name(),
                    statistic.description(), statistic.order(), diagrams.size(), diagrams.size() == 1 ? "" : "s"));
            for (int k = 0; k < diagrams.size(); k++) {
                MetricDiagram d = diagrams.get(k);
                String label = d.name().equals(d.code()) ? d.code() : d.name() + ": " + d.code();
                text.append(String.format("  %d. %-48s symmetry factor %s, weight %s%n", k + 1, label,
                        d.symmetryFactor(), Fractions.text(d.weight())));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("statistic", statistic.name());
                row.put("legs", statistic.size());
                row.put("order", statistic.order());
                row.put("name", d.name());
                row.put("code", d.code());
                row.put("symmetry_factor", d.symmetryFactor());
                row.put("weight", Fractions.text(d.weight()));
                rows.add(row);
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", network.model().name());
            out.put("order", network.model().order());
            out.put("diagrams", rows);
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
        } else {
            spec.commandLine().getOut().print(text);
        }
        return 0;
    }
}
