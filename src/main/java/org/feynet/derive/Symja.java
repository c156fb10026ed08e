package org.feynet.derive;

import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * One Symja evaluator per thread, configured as STACK-NOTES section 2.5 requires: no JAS worker threads (they keep the
 * JVM alive for a minute), case-sensitive Mathematica syntax, and a recursion limit high enough for derivatives.
 */
final class Symja {

    private static final ThreadLocal<ExprEvaluator> EVALUATOR = ThreadLocal.withInitial(Symja::newEvaluator);

    private Symja() {}

    private static ExprEvaluator newEvaluator() {
        org.matheclipse.core.basic.Config.JAS_NO_THREADS = true;
        org.matheclipse.parser.client.ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
        EvalEngine engine = new EvalEngine("feynet", 8192, 1_000_000, System.err, System.err, false);
        engine.setQuietMode(true);
        return new ExprEvaluator(engine, false, (short) 100);
    }

    /** Evaluates Mathematica-syntax input; a failed evaluation is a bug in feynet, reported as such. */
    static IExpr eval(String input) {
        try {
            IExpr result = EVALUATOR.get().eval(input);
            if (result.isPresent() && result.toString().startsWith("Hold[")) {
                throw new IllegalStateException("Symja could not evaluate " + input);
            }
            return result;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Symja failed on " + input + ": " + e.getMessage(), e);
        }
    }

    /** The TeX form of an expression given in Mathematica syntax, as a physicist writes it ({@link PhysicistTex}). */
    static String tex(String input) {
        return PhysicistTex.of(eval("TeXForm[" + input + "]").toString());
    }
}
