package org.feynet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.Observable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every model command shares: the file, which block of it, and order overrides. */
final class ModelOptions {

    static final String DEFAULT_EXAMPLE = "examples/mlp_tanh.fnet";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "model file (.fnet); default: the bundled examples/mlp_tanh.fnet")
    Path file;

    @Option(names = "--model", paramLabel = "NAME",
            description = "which block of the file, network or theory (default: the first network, or the first"
                    + " theory of a file without networks)")
    String model;

    @Option(names = "--coupling-order", paramLabel = "K",
            description = "theories: the total coupling degree kept by orders in 1/N (default 4)")
    Integer couplingOrder;

    @Option(names = "--order", paramLabel = "K",
            description = "override the order of the derive lines: 1/n^K for networks, degree K in the couplings"
                    + " (or 1/N^K) for theories")
    Integer order;

    /** Reads the model file once and selects the block the options name. */
    Subject subject() {
        Path path = resolve(file);
        ModelFile models = ModelReader.read(path);
        if (order != null) {
            Checks.positive("--order", order);
        }
        List<String> names = new ArrayList<>();
        models.networks().forEach(n -> names.add(n.name()));
        models.theories().forEach(t -> names.add(t.name()));
        if (names.isEmpty() && !models.trainings().isEmpty()) {
            throw new UserError(path + ": the file defines a mean-field network with a train block, which the commands "
                    + "dmft, train and compare take");
        }
        if (names.isEmpty()) {
            throw new UserError(path + ": the file defines no network and no theory");
        }
        for (MlpModel network : models.networks()) {
            if (model == null || network.name().equals(model)) {
                return network(path, models.text(), network);
            }
        }
        for (FieldTheory theory : models.theories()) {
            if (model == null || theory.name().equals(model)) {
                return theory(path, models.text(), theory);
            }
        }
        throw new UserError(path + ": no network or theory named '" + model + "' (the file defines " + names + ")");
    }

    /** The subject, which must be a network (for the commands that only networks have). */
    Subject.Network network() {
        Subject s = subject();
        if (s instanceof Subject.Network n) {
            return n;
        }
        throw new UserError(s.source() + ": '" + ((Subject.Theory) s).theory().name()
                + "' is a theory; this command works on networks (hint: --model NAME selects a network)");
    }

    private Subject.Network network(Path path, String text, MlpModel m) {
        if (couplingOrder != null) {
            throw new UserError("--coupling-order applies to theories, and " + m.name() + " is a network");
        }
        int p = order != null ? order : m.order();
        if (m.observable() != Observable.METRIC && p != 1) {
            throw new UserError(path + ": the " + m.observable().keyword() + " statistics are derived to order 1/n"
                    + " (got 1/n^" + p + ")");
        }
        if (p < 1) {
            throw new UserError(path + ": the order must be at least 1/n");
        }
        MlpModel model = p == m.order() ? m : m.withOrder(p);
        return new Subject.Network(path, text, model);
    }

    private Subject.Theory theory(Path path, String text, FieldTheory t) {
        if (couplingOrder != null && couplingOrder < 0) {
            throw new UserError("--coupling-order must be at least 0");
        }
        FieldTheory theory = order == null ? t : t.withOrder(order);
        return new Subject.Theory(path, text, theory, couplingOrder);
    }

    /** The model file to use: the given one, or the bundled example (found beside the launcher). */
    static Path resolve(Path file) {
        if (file != null) {
            return file;
        }
        Path local = Path.of(DEFAULT_EXAMPLE);
        String home = System.getProperty("feynet.home");
        if (!Files.exists(local) && home != null) {
            return Path.of(home).resolve(DEFAULT_EXAMPLE);
        }
        return local;
    }
}
