package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What is committed under generated/ and diagrams/ is exactly what {@code feynet codegen} emits today. */
class GeneratedArtefactsTest {

    private static final Path ROOT = Path.of(".");

    @Test
    void committedEvaluatorsAndDrawingsMatchTheGenerator() throws IOException {
        Map<String, String> expected = BundledArtefacts.render(ROOT, new PrintWriter(new StringWriter()));
        assertTrue(expected.containsKey("generated/org/feynet/generated/MetricRecursionsOrder1.java"));
        assertTrue(expected.containsKey("generated/org/feynet/generated/TanhJet.java"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = ROOT.resolve(e.getKey());
            assertTrue(Files.exists(file), e.getKey() + " is missing: run ./feynet codegen");
            assertEquals(e.getValue(), Files.readString(file), e.getKey() + " is stale: run ./feynet codegen");
        }
        assertEquals(new TreeSet<>(expected.keySet()), committed(), "files that the generator no longer emits");
    }

    private static Set<String> committed() throws IOException {
        Set<String> files = new TreeSet<>();
        for (String dir : new String[] {"generated", "diagrams"}) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                files.addAll(walk.filter(Files::isRegularFile)
                        .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                        .collect(Collectors.toSet()));
            }
        }
        return files;
    }
}
