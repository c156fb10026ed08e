package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Symja's TeX rewritten as a physicist writes it, with every product and grouping kept. */
class PhysicistTexTest {

    @Test
    void productsAreJuxtaposedAndRootsLoseTheirOuterParentheses() {
        assertEquals("\\sqrt{K_{aa} K_{bb}}", PhysicistTex.of("\\sqrt{\\left( K_{aa} \\cdot K_{bb}\\right) }"));
        assertEquals("\\frac{2 \\arcsin (x)}{\\pi}", PhysicistTex.of("\\frac{2 \\cdot \\arcsin (x)}{\\pi}"));
        assertEquals("2 \\pi", PhysicistTex.of("2 \\cdot \\pi"));
    }

    @Test
    void groupingThatMattersIsKept() {
        // parentheses around part of a root's argument, and a product of two numbers, stay
        assertEquals("\\sqrt{\\left( 1+x\\right) \\left( 1+y\\right)}",
                PhysicistTex.of("\\sqrt{\\left( \\left( 1+x\\right)  \\cdot \\left( 1+y\\right) \\right) }"));
        assertEquals("2 \\cdot 3", PhysicistTex.of("2 \\cdot 3"));
        assertEquals("{\\left( 1+x\\right)}^{\\frac{3}{2}}", PhysicistTex.of("{\\left( 1+x\\right) }^{\\frac{3}{2}}"));
    }

    @Test
    void erfIsAnOperatorName() {
        assertEquals("\\operatorname{erf}(z)", PhysicistTex.of("\\text{erf}(z)"));
    }
}
