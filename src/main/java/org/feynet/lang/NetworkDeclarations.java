package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.lang.NetworkStatement.ClosureChoice;
import org.feynet.lang.NetworkStatement.Depth;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.Features;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.lang.NetworkStatement.Init;
import org.feynet.lang.NetworkStatement.LearningRates;
import org.feynet.lang.NetworkStatement.Output;
import org.feynet.lang.NetworkStatement.VectorInput;
import org.feynet.lang.NetworkStatement.Width;

/**
 * The statements of a network block sorted by kind, before any kind of network interprets them: each statement
 * that may appear once (width, depth, activation, init, input, learning rates, closure, output, features) is held
 * once, a second one is refused at its place; the {@code with} items and the layer equations are kept in source
 * order. Every network checker starts from this value and then refuses, with its own message, the kinds its
 * architecture has no use for ({@link #refuse}), so that no statement kind can slip through unchecked.
 *
 * @param input     the {@link GramInput} or {@link VectorInput}, or null
 * @param activation the {@link ActivationShorthand} or {@link ActivationDefinition}, or null
 * @param perBlock  the per-block items of the with clauses (only Fourier-feature residual networks accept them)
 */
record NetworkDeclarations(Block.Network block, Width width, Depth depth, NetworkStatement activation, Init init,
        NetworkStatement input, LearningRates rates, ClosureChoice closure, Output output, Features features,
        List<Binding> bindings, List<Node> perBlock, List<Equation> equations) {

    NetworkDeclarations {
        bindings = List.copyOf(bindings);
        perBlock = List.copyOf(perBlock);
        equations = List.copyOf(equations);
    }

    /** Sorts the statements of {@code block}; a once-statement seen twice is refused at the second one. */
    static NetworkDeclarations of(Block.Network block) {
        Collector c = new Collector(block);
        block.statements().forEach(c::add);
        return new NetworkDeclarations(block, c.width, c.depth, c.activation, c.init, c.input, c.rates, c.closure,
                c.output, c.features, c.bindings, c.perBlock, c.equations);
    }

    /** The width's symbol, n in {@code width n}. */
    String widthName() {
        return width.symbol().text();
    }

    /** The depth's symbol, L in {@code depth L = 4}. */
    String depthName() {
        return depth.symbol().text();
    }

    /**
     * The value of the depth, an integer &gt;= 1 computed from the with clauses before the depth itself is a
     * constant; {@code roles} names the symbols without a value, for messages.
     */
    int layers(Map<String, String> roles) {
        int layers = new Constants(bindings, Map.of(), roles).integer(depth.value(), "depth");
        if (layers < 1) {
            throw new SourceError(depth.value().position(), "depth " + depthName() + " = " + layers
                    + " is less than 1, expected an integer >= 1");
        }
        return layers;
    }

    /** Refuses the depth, at its value, for {@code why}. */
    SourceError depthRefused(String why) {
        return new SourceError(depth.value().position(), why);
    }

    /** Refuses a missing statement at the block's name, with an example of what was expected. */
    void require(NetworkStatement statement, String keyword, String example) {
        NetworkStatements.require(block, statement, keyword, example);
    }

    /** Refuses {@code statement}, when present, at its place: "{@code message}" with an optional hint. */
    static void refuse(NetworkStatement statement, String message, String hint) {
        if (statement != null) {
            throw new SourceError(statement.position(), message, hint);
        }
    }

    /** The mutable sorting pass behind {@link #of}; it lives only while one block is read. */
    private static final class Collector {
        private final Block.Network block;
        private Width width;
        private Depth depth;
        private NetworkStatement activation;
        private Init init;
        private NetworkStatement input;
        private LearningRates rates;
        private ClosureChoice closure;
        private Output output;
        private Features features;
        private final List<Binding> bindings = new ArrayList<>();
        private final List<Node> perBlock = new ArrayList<>();
        private final List<Equation> equations = new ArrayList<>();

        Collector(Block.Network block) {
            this.block = block;
        }

        void add(NetworkStatement statement) {
            if (statement instanceof Width w) {
                width = once(width, w, "width");
            } else if (statement instanceof Depth d) {
                depth = once(depth, d, "depth");
            } else if (statement instanceof ActivationShorthand || statement instanceof ActivationDefinition) {
                activation = once(activation, statement, "activation");
            } else if (statement instanceof Init i) {
                init = once(init, i, "init");
            } else if (statement instanceof GramInput || statement instanceof VectorInput) {
                input = once(input, statement, "input");
            } else if (statement instanceof LearningRates r) {
                rates = once(rates, r, "learning rates");
            } else if (statement instanceof ClosureChoice c) {
                closure = once(closure, c, "closure");
            } else if (statement instanceof Output o) {
                output = once(output, o, "output");
            } else if (statement instanceof Features f) {
                features = once(features, f, "features");
            } else if (statement instanceof With w) {
                bindings.addAll(w.bindings());
                perBlock.addAll(w.perBlock());
            } else {
                equations.add((Equation) statement); // the sealed interface permits nothing else
            }
        }

        private <T extends NetworkStatement> T once(T first, T statement, String keyword) {
            return NetworkStatements.once(block, first, statement, keyword);
        }
    }
}
