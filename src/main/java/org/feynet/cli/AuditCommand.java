package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.audit.Audit;
import org.feynet.core.Fractions;
import org.feynet.derive.RecursionFormatter;
import org.feynet.derive.RecursionSystem;
import org.feynet.derive.Term;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet audit MODEL --recursion FILE}: recursions typed from a paper against the derived ones. Exit 0 when
 * every one agrees, 1 when one does not (the exact difference and the diagrams that explain it are printed, and
 * those diagrams drawn), 2 on bad input.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check recursions written as in a paper (syntax: docs/LANGUAGE.md) against the derived ones:",
                "exit 0 when they agree, 1 with the exact difference and the responsible diagrams when not."})
final class AuditCommand implements Callable<Integer> {

    /** Exit code when a recursion disagrees. */
    static final int DISAGREES = 1;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--recursion", required = true, paramLabel = "FILE", description = "the recursions to audit")
    Path recursion;

    @Option(names = "--json", description = "machine-readable verdicts on stdout")
    boolean json;

    @Option(names = "--draw", paramLabel = "DIR",
            description = "where to draw the diagrams that explain a difference (default: ${DEFAULT-VALUE})")
    Path draw = Path.of("audit-diagrams");

    @Override
    public Integer call() throws IOException {
        Subject.Network network = options.network();
        OutputFiles.folder("--draw", draw, spec.commandLine().getParseResult().hasMatchedOption("--draw"));
        String text = read(recursion);
        RecursionSystem system = Pipeline.derive(network.model());
        List<Audit.Result> results = Audit.run(recursion.toString().replace('\\', '/'), text, system);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(results)));
        } else {
            out.print(text(results));
        }
        return results.stream().allMatch(Audit.Result::agrees) ? 0 : DISAGREES;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": cannot read recursion file (no such file)");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read recursion file (" + e.getMessage() + ")");
        }
    }

    private String text(List<Audit.Result> results) {
        StringBuilder s = new StringBuilder();
        for (Audit.Result r : results) {
            s.append(r.statistic()).append("' (line ").append(r.line()).append("): ");
            if (r.agrees()) {
                s.append("agrees\n");
                continue;
            }
            s.append("differs; yours minus feynet's").append(renaming(r.indices())).append(" =\n");
            for (Term t : r.difference()) {
                s.append("    ").append(RecursionFormatter.plainSigned(t)).append('\n');
            }
            int k = 0;
            for (Audit.Finding f : r.findings()) {
                s.append("  ").append(explain(f));
                if (f.diagram() != null) {
                    Path file = draw.resolve("audit-" + r.statistic() + "-" + (++k) + ".svg");
                    OutputFiles.create(draw); // the default folder; one the user named exists already
                    AtomicFiles.write(file, f.diagram().svg());
                    s.append("; drawn in ").append(file);
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** How the user's external indices are called in the output, when they differ from feynet's names. */
    private static String renaming(List<String> indices) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < indices.size(); i++) {
            String ours = Audit.Result.feynetIndex(i);
            if (!ours.equals(indices.get(i))) {
                pairs.add(indices.get(i) + " -> " + ours);
            }
        }
        return pairs.isEmpty() ? "" : " (in feynet's sample names: " + String.join(", ", pairs) + ")";
    }

    private static String explain(Audit.Finding f) {
        String term = RecursionFormatter.plainSigned(f.term());
        return switch (f.kind()) {
            case MISSING -> "missing: diagram '" + f.diagram().name() + "' (" + f.diagram().caption() + ") gives "
                    + term;
            case WEIGHT -> "wrong weight: diagram '" + f.diagram().name() + "' (" + f.diagram().caption()
                    + ") gives coefficient " + Fractions.text(f.derived()) + ", yours is " + Fractions.text(f.yours())
                    + " (" + Fractions.text(f.yours().divide(f.derived())) + " times)";
            case EXTRA -> "extra: no diagram gives " + term;
        };
    }

    private static Map<String, String> sampleNames(List<String> indices) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < indices.size(); i++) {
            names.put(indices.get(i), Audit.Result.feynetIndex(i));
        }
        return names;
    }

    private static Map<String, Object> json(List<Audit.Result> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Audit.Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("statistic", r.statistic().name());
            row.put("line", r.line());
            row.put("agrees", r.agrees());
            row.put("samples", sampleNames(r.indices()));
            row.put("difference", r.difference().stream().map(RecursionFormatter::plainSigned).toList());
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Audit.Finding f : r.findings()) {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
                finding.put("diagram", f.diagram() == null ? null : f.diagram().name());
                finding.put("term", RecursionFormatter.plainSigned(f.term()));
                finding.put("derived", Fractions.text(f.derived()));
                finding.put("yours", Fractions.text(f.yours()));
                findings.add(finding);
            }
            row.put("findings", findings);
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("agrees", results.stream().allMatch(Audit.Result::agrees));
        root.put("recursions", rows);
        return root;
    }
}
