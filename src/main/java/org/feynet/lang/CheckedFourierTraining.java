package org.feynet.lang;

import org.feynet.model.FourierResidualTraining;

/** The train block of a Fourier-feature residual network after checking, already in its model form. */
record CheckedFourierTraining(Block.Train block, FourierResidualTraining training) implements Checked {}
