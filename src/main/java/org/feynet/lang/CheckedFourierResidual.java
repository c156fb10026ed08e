package org.feynet.lang;

import org.feynet.model.FourierResidualNetwork;

/**
 * A Fourier-feature residual network block after checking, already in its model form.
 *
 * @param block the block as written
 * @param width the width symbol (n)
 * @param model the network
 */
record CheckedFourierResidual(Block.Network block, String width, FourierResidualNetwork model) implements Checked {}
