package eu.stratuslab.template.expr;

import static eu.stratuslab.template.expr.ExpressionAssert.assertSyntaxErrors;
import static eu.stratuslab.template.expr.ExpressionAssert.host;
import static eu.stratuslab.template.expr.ExpressionAssert.parseError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** template.md §7: RANK. */
public class RankTest {

    private static double rank(String expr, AttributeLookup host) throws ExpressionParseException {
        return Rank.parse(expr).evaluate(host);
    }

    @Test
    public void legacyRankPrefersFewestRunningVms() throws Exception {
        Rank r = Rank.parse("- RUNNING_VMS");
        assertEquals(-3.0, r.evaluate(host("RUNNING_VMS", "3")), 0);
        assertTrue(r.evaluate(host("RUNNING_VMS", "1")) > r.evaluate(host("RUNNING_VMS", "4")));
    }

    @Test
    public void arithmeticWithPrecedence() throws Exception {
        AttributeLookup h = host("FREE_CPU", "300", "FREE_MEM", "2048", "RUNNING_VMS", "2");
        assertEquals(7.0, rank("1 + 2 * 3", h), 0);
        assertEquals(9.0, rank("(1 + 2) * 3", h), 0);
        assertEquals(2.0, rank("8 / 2 / 2", h), 0);
        assertEquals(2.0, rank("5-3", h), 0);
        assertEquals(-1.5, rank("-(1 + 0.5)", h), 0);
        assertEquals(3.0, rank("--3", h), 0);
        assertEquals(300.0 + 2048 / 2.0, rank("FREE_CPU + FREE_MEM / RUNNING_VMS", h), 0);
    }

    @Test
    public void missingAndNonNumericAttributesAreZero() throws Exception {
        assertEquals(0.0, rank("MISSING", host()), 0);
        assertEquals(5.0, rank("NAME + 5", host("NAME", "node1")), 0);
        assertEquals(12.5, rank("X", host("X", " 12.5MB")), 0);
    }

    @Test
    public void emptyRankIsZero() throws Exception {
        assertEquals(0.0, rank("", host()), 0);
    }

    @Test
    public void divisionByZeroFollowsIeee() throws Exception {
        assertEquals(Double.POSITIVE_INFINITY, rank("1 / ZERO", host()), 0);
    }

    @Test
    public void syntaxErrors() {
        assertSyntaxErrors(Rank::parse, "1 +", "* 2", "(1", "1)", "\"str\"", "A B", "A = 1", "1 2");
    }

    @Test
    public void deepNestingIsRefused() {
        assertTrue(parseError(Rank::parse, "-".repeat(100_000) + "1", null).getMessage().contains("nested"));
    }
}
