package org.feynet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.model.Limits;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.Observable;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.model.TheoryRequest;
import org.feynet.numerics.GaussianEngines;
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

    @Option(names = "--closure", paramLabel = "NAME",
            description = "residual networks: the state, G, RG, RGM or exact (default: the file's closure statement, else exact)")
    String closure;

    @Option(names = "--order", paramLabel = "K",
            description = "override the order of the derive lines: 1/n^K for networks, degree K in the couplings"
                    + " (or 1/N^K) for theories")
    Integer order;

    @Option(names = "--no-cache", description = "neither read nor write feynet's cache of derivations and"
            + " compiled evaluators (see feynet cache)")
    boolean noCache;

    /** The disk cache these options allow. */
    DiskCache cache() {
        return DiskCache.user(noCache);
    }

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
        models.residuals().forEach(r -> names.add(r.name()));
        if (names.isEmpty() && !models.trainings().isEmpty()) {
            throw new UserError(Places.of(path, models.text(), "train") + ": the file defines a mean-field network with"
                    + " a train block, which the commands "
                    + "dmft, train, compare, derive and latex take");
        }
        if (names.isEmpty() && !models.fourierResiduals().isEmpty()) {
            throw new UserError(path + ": the file defines a Fourier-feature residual network, which the commands"
                    + " derive, latex, eval and spectrum take");
        }
        if (names.isEmpty()) {
            throw new UserError(path + ": the file defines no network and no theory");
        }
        for (MlpModel network : models.networks()) {
            if (model == null || network.name().equals(model)) {
                return network(path, models.text(), network);
            }
        }
        for (ResidualModel residual : models.residuals()) {
            if (model == null || residual.name().equals(model)) {
                return residual(path, models.text(), residual);
            }
        }
        for (FieldTheory theory : models.theories()) {
            if (model == null || theory.name().equals(model)) {
                return theory(path, models.text(), theory);
            }
        }
        throw new UserError(path + ": no network or theory named '" + model + "' (the file defines " + names + ")");
    }

    /**
     * The Fourier-feature residual network the options select, if they select one: the one named by --model, or the
     * first when the file has no other network and no theory.
     */
    java.util.Optional<org.feynet.model.FourierResidualNetwork> fourier() {
        ModelFile models = ModelReader.read(resolve(file));
        boolean others = !models.networks().isEmpty() || !models.theories().isEmpty() || !models.residuals().isEmpty();
        for (org.feynet.model.FourierResidualNetwork net : models.fourierResiduals()) {
            if (model != null ? net.name().equals(model) : !others) {
                if (order != null && order != 1 || couplingOrder != null || closure != null) {
                    throw new UserError("--order, --coupling-order and --closure do not apply to the Fourier-feature"
                            + " residual network " + net.name());
                }
                return java.util.Optional.of(net);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The training problem (a mean-field network with its train block) the options select, if they select one: the
     * one named by --model, or the first when the file has no other network, theory or residual network. The file is
     * read and checked by the usual checker, so a broken file is refused with its located message.
     */
    java.util.Optional<org.feynet.model.TrainingProblem> training() {
        ModelFile models = ModelReader.read(resolve(file));
        boolean others = !models.networks().isEmpty() || !models.theories().isEmpty() || !models.residuals().isEmpty();
        for (org.feynet.model.TrainingProblem problem : models.trainings()) {
            if (model != null ? problem.network().name().equals(model) : !others) {
                if (order != null || couplingOrder != null || closure != null) {
                    throw new UserError("--order, --coupling-order and --closure do not apply to the mean-field network "
                            + problem.network().name() + " (its train block)");
                }
                return java.util.Optional.of(problem);
            }
        }
        if (model != null && !others && models.fourierResiduals().isEmpty() && !models.trainings().isEmpty()) {
            throw new UserError(resolve(file) + ": no network named '" + model + "' (the file defines "
                    + models.trainings().stream().map(t -> t.network().name()).toList() + ")");
        }
        return java.util.Optional.empty();
    }

    /** The model file's path as the commands resolve it. */
    Path path() {
        return resolve(file);
    }

    /** The subject, which must be a network (for the commands that only networks have). */
    Subject.Network network() {
        Subject s = subject();
        if (s instanceof Subject.Network n) {
            return n;
        }
        if (s instanceof Subject.Residual r) {
            throw new UserError(s.source() + ": '" + r.model().name() + "' is a residual network; this command works on"
                    + " MLPs for now (residual networks have derive, eval, sample, compare, latex and codegen)");
        }
        throw new UserError(s.source() + ": '" + ((Subject.Theory) s).theory().name()
                + "' is a theory; this command works on networks (hint: --model NAME selects a network)");
    }

    private Subject.Residual residual(Path path, String text, ResidualModel m) {
        if (couplingOrder != null) {
            throw new UserError("--coupling-order applies to theories, and " + m.name() + " is a network");
        }
        if (order != null && order != 1) {
            throw new UserError(path + ": residual networks are derived to order 1/n (got --order " + order + ")");
        }
        if (closure == null) {
            return new Subject.Residual(path, text, m);
        }
        Closure c = Closure.of(closure);
        if (c == null) {
            throw new UserError("unknown --closure '" + closure + "', expected one of " + Closure.keywords());
        }
        return new Subject.Residual(path, text, m.withClosure(c));
    }

    private Subject.Network network(Path path, String text, MlpModel m) {
        if (closure != null) {
            throw new UserError("--closure applies to residual networks, and " + m.name() + " is an MLP");
        }
        if (couplingOrder != null) {
            throw new UserError("--coupling-order applies to theories, and " + m.name() + " is a network");
        }
        int p = order != null ? order : m.order();
        if (m.observable() != Observable.METRIC && p != 1) {
            throw new UserError(Places.of(path, text, "derive") + ": the " + m.observable().keyword()
                    + " statistics are derived to order 1/n"
                    + " (got 1/n^" + p + ")");
        }
        if (p < 1) {
            throw new UserError(path + ": the order must be at least 1/n");
        }
        Limits.networkOrder(p).ifPresent(why -> {
            throw new UserError("--order " + p + ": " + why);
        });
        try {
            GaussianEngines.requireSupported(m.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(Places.of(path, text, "activation") + ": " + unsupported.getMessage());
        }
        MlpModel model = p == m.order() ? m : m.withOrder(p);
        return new Subject.Network(path, text, model);
    }

    private Subject.Theory theory(Path path, String text, FieldTheory t) {
        if (couplingOrder != null && couplingOrder < 0) {
            throw new UserError("--coupling-order must be at least 0");
        }
        FieldTheory theory = order == null ? t : t.withOrder(order);
        for (TheoryRequest r : theory.requests()) {
            TheoryRequest kept = couplingOrder == null ? r
                    : new TheoryRequest(r.quantity(), r.fields(), r.order().withCouplingOrder(couplingOrder), r.text());
            Limits.theory(theory.interactions(), kept).ifPresent(why -> {
                throw new UserError((order != null ? "--order " + order : "--coupling-order " + couplingOrder) + ": "
                        + why);
            });
        }
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
