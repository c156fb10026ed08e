package org.feynet.cli;

import java.util.Locale;
import org.feynet.model.Observable;
import org.feynet.sampling.NetworkSampler;

/** The {@code --method} option of sample and compare. */
final class SamplingMethods {

    static final String DESCRIPTION = "how networks are drawn: chain (each layer's preactivations from N(0, Ghat)"
            + " given the previous layer, n P normals per layer; metric statistics only) or explicit (Gaussian"
            + " weights, n^2 normals per layer); default: chain for the metric, explicit for the NTK. Residual networks:"
            + " chain draws each increment b + W sigma(z) from its exact conditional law N(0, Cb + Cw G), explicit the"
            + " weights; default: chain for compare, explicit for sample";

    private SamplingMethods() {}

    /**
     * For a residual network: whether the option asks for explicit weights (true) or for each increment drawn from
     * its exact conditional law (chain, false); null gives {@code explicitByDefault}.
     */
    static boolean residualWeights(String option, boolean explicitByDefault) {
        if (option == null) {
            return explicitByDefault;
        }
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "chain" -> false;
            case "explicit" -> true;
            default -> throw new UserError("--method must be chain or explicit (got '" + option + "')");
        };
    }

    /** The method the option names (null: the default for the observable); chain is refused for the NTK. */
    static NetworkSampler.Method resolve(String option, Observable observable) {
        if (option == null) {
            return observable == Observable.METRIC ? NetworkSampler.Method.CHAIN : NetworkSampler.Method.EXPLICIT;
        }
        NetworkSampler.Method method = switch (option.toLowerCase(Locale.ROOT)) {
            case "chain" -> NetworkSampler.Method.CHAIN;
            case "explicit" -> NetworkSampler.Method.EXPLICIT;
            default -> throw new UserError("--method must be chain or explicit (got '" + option + "')");
        };
        if (method == NetworkSampler.Method.CHAIN && observable != Observable.METRIC) {
            throw new UserError("--method chain draws preactivations, not weights, so it cannot sample the "
                    + observable.keyword() + " (hint: use --method explicit, the default for it)");
        }
        return method;
    }
}
