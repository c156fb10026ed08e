package org.feynet.lang;

import java.util.List;

/** A top-level block and the derive lines that follow it. Positioned at its keyword. */
sealed interface Block extends Node {

    Name name();

    List<Derive> derives();

    /** {@code network NAME { ... }}. */
    record Network(Position position, Name name, List<NetworkStatement> statements, List<Derive> derives)
            implements Block {
        public Network {
            statements = List.copyOf(statements);
            derives = List.copyOf(derives);
        }
    }

    /** {@code theory NAME { ... }}. */
    record Theory(Position position, Name name, List<TheoryStatement> statements, List<Derive> derives)
            implements Block {
        public Theory {
            statements = List.copyOf(statements);
            derives = List.copyOf(derives);
        }
    }

    /** {@code train NAME { ... }}: how the network NAME, defined earlier, is trained. */
    record Train(Position position, Name name, List<TrainStatement> statements, List<Derive> derives)
            implements Block {
        public Train {
            statements = List.copyOf(statements);
            derives = List.copyOf(derives);
        }
    }
}
