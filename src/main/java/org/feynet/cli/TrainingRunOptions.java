package org.feynet.cli;

import java.util.ArrayList;
import java.util.List;
import org.feynet.dmft.Dynamics;
import org.feynet.model.TrainingProblem;
import org.feynet.training.Ensemble;
import picocli.CommandLine.Option;

/** How finite-width networks are trained: widths, seeds, step. */
final class TrainingRunOptions {

    @Option(names = "--widths", split = ",", paramLabel = "N,N,...",
            description = "widths (default: 256,512,1024,2048; an ecrn train block 32,64,128)")
    List<Integer> widths = List.of(256, 512, 1024, 2048);

    @Option(names = "--seeds", paramLabel = "COUNT", description = "networks per width (default: ${DEFAULT-VALUE}; an ecrn train block 8)")
    int seeds = 4;

    @Option(names = "--step", paramLabel = "DT", description = "largest RK4 step (default: ${DEFAULT-VALUE}; an ecrn train block 0.5)")
    double step = 0.2;

    @Option(names = "--train-seed", paramLabel = "SEED", description = "first seed of the networks (default: ${DEFAULT-VALUE})")
    long trainSeed = 1;

    List<Ensemble> ensembles(TrainingProblem problem, boolean progress) {
        for (int w : widths) {
            Checks.atLeast("--widths", w, 2);
        }
        Checks.atLeast("--seeds", seeds, 2);
        if (!(step > 0)) {
            throw new UserError("--step must be positive (got " + step + ")");
        }
        List<Ensemble> out = new ArrayList<>();
        for (int w : widths) {
            if (progress) {
                System.err.printf("feynet: training %d networks of width %d%n", seeds, w);
            }
            out.add(Ensemble.train(problem, w, seeds, trainSeed, step, Dynamics.INTERVALS));
        }
        return out;
    }
}
