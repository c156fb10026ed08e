package org.feynet.lang;

/** A block that passed the checker, with its names resolved and its numbers evaluated. */
sealed interface Checked permits CheckedNetwork, CheckedTheory, CheckedMeanFieldNetwork, CheckedTraining,
        CheckedFourierResidual, CheckedFourierTraining {
    Block block();
}
