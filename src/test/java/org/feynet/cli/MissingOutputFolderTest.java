package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder the user names for output and that does not exist is an error (issue 11: "a missing output directory is
 * an error, not created"): exit 2, one line naming the option and the folder, the folder still missing, nothing
 * written; and the check comes before the work (these runs take milliseconds, not a sampling run's minutes).
 */
class MissingOutputFolderTest {

    @TempDir
    Path dir;

    private void refused(List<String> args, String option) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.code(), args + ": " + run.err() + run.out());
        assertTrue(run.err().startsWith("feynet: " + option + ": the folder "), args + ": " + run.err());
        assertTrue(run.err().contains("does not exist"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("missing")), args + " created the folder");
    }

    @Test
    void everyNamedOutputFolderMustExist() {
        String missing = dir.resolve("missing").toString();
        refused(List.of("latex", "examples/mlp_tanh.fnet", "-o", missing + "/doc.tex"), "-o");
        refused(List.of("latex", "examples/resnet_tanh.fnet", "-o", missing + "/doc.tex"), "-o");
        refused(List.of("derive", "examples/mlp_tanh.fnet", "--diagrams", missing), "--diagrams");
        refused(List.of("derive", "examples/phi4.fnet", "--diagrams", missing), "--diagrams");
        refused(List.of("codegen", "examples/mlp_tanh.fnet", "--out", missing), "--out");
        refused(List.of("codegen", "examples/resnet_tanh.fnet", "--out", missing), "--out");
        refused(List.of("criticality", "examples/mlp_tanh.fnet", "--phase-diagram", "--plot-file",
                missing + "/p.png"), "--plot-file");
        refused(List.of("criticality", "examples/mlp_tanh.fnet", "--latex", missing + "/c.tex"), "--latex");
        refused(List.of("compare", "examples/mlp_tanh.fnet", "--plot", missing + "/c.png"), "--plot");
        refused(List.of("compare", "examples/resnet_tanh.fnet", "--plot", missing + "/c.svg"), "--plot");
        refused(List.of("compare", "examples/rnn_tanh.fnet", "--plot", missing + "/c.png"), "--plot");
        refused(List.of("compare", "examples/dmft_tanh.fnet", "--plot", missing + "/c.png"), "--plot");
        refused(List.of("compare", "examples/ecrn_tanh.fnet", "--plot", missing + "/c.png"), "--plot");
        refused(List.of("dmft", "examples/dmft_linear.fnet", "--plot", missing + "/d.png"), "--plot");
        refused(List.of("spectrum", "examples/ecrn_tanh.fnet", "--plot", missing + "/s.png"), "--plot");
        refused(List.of("audit", "examples/mlp_tanh.fnet", "--recursion", "examples/audit/metric.rec", "--draw",
                missing), "--draw");
    }

    /** Where the user names nothing, feynet's own default folders are made as before. */
    @Test
    void defaultFoldersAreStillMade() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        CliRun run = CliRun.of("codegen", "examples/mlp_tanh.fnet", "--out", root.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isRegularFile(root.resolve("org/feynet/generated/MetricRecursionsOrder1.java")));
        Path drawn = Files.createDirectory(dir.resolve("drawn"));
        CliRun derive = CliRun.of("derive", "examples/mlp_tanh.fnet", "--diagrams", drawn.toString());
        assertEquals(0, derive.code(), derive.err());
        assertTrue(Files.list(drawn.resolve("mlp_tanh")).anyMatch(p -> p.toString().endsWith(".svg")));
    }
}
