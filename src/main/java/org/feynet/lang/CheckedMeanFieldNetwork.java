package org.feynet.lang;

import org.feynet.model.MeanFieldNetwork;

/**
 * A mean-field network block after checking, already in its model form.
 *
 * @param block     the block as written
 * @param width     the width symbol (n)
 * @param gamma0    the name of the feature-learning strength in the output statement
 * @param model     the network
 */
record CheckedMeanFieldNetwork(Block.Network block, String width, String gamma0, MeanFieldNetwork model)
        implements Checked {}
