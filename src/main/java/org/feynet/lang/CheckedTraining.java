package org.feynet.lang;

import org.feynet.model.TrainingProblem;

/** A train block after checking, already in its model form. */
record CheckedTraining(Block.Train block, TrainingProblem problem) implements Checked {}
