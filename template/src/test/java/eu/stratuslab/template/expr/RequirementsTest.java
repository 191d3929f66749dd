package eu.stratuslab.template.expr;

import static eu.stratuslab.template.expr.ExpressionAssert.assertSyntaxErrors;
import static eu.stratuslab.template.expr.ExpressionAssert.host;
import static eu.stratuslab.template.expr.ExpressionAssert.parseError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.template.TemplateParser;
import org.junit.Test;

/** template.md §7: REQUIREMENTS. */
public class RequirementsTest {

    private static boolean eval(String expr, AttributeLookup host) throws ExpressionParseException {
        return Requirements.parse(expr).matches(host);
    }

    /** Each expression evaluates to {@code expected} on {@code host}. */
    private static void assertEval(boolean expected, AttributeLookup host, String... exprs) throws ExpressionParseException {
        for (String expr : exprs) {
            assertEquals(expr, expected, eval(expr, host));
        }
    }

    /** The verdicts of expressions on one host. */
    private record Verdicts(AttributeLookup host) {
        Verdicts matches(String... exprs) throws ExpressionParseException {
            assertEval(true, host, exprs);
            return this;
        }

        Verdicts doesNotMatch(String... exprs) throws ExpressionParseException {
            assertEval(false, host, exprs);
            return this;
        }
    }

    private static Verdicts on(AttributeLookup host) {
        return new Verdicts(host);
    }

    @Test
    public void emptyOrBlankAlwaysMatches() throws Exception {
        assertEval(true, host(), "", "   ", null);
    }

    @Test
    public void legacyClusterRequirementFromTheTemplate() throws Exception {
        String req = TemplateParser.parse("REQUIREMENTS = \"CLUSTER = \\\"test\\\"\"").getString("REQUIREMENTS");
        Requirements r = Requirements.parse(req);
        assertTrue(r.matches(host("CLUSTER", "test")));
        assertFalse(r.matches(host("CLUSTER", "prod")));
        assertFalse(r.matches(host()));
    }

    @Test
    public void numericComparisons() throws Exception {
        AttributeLookup h = host("FREE_CPU", "350", "FREE_MEM", "1048576", "LOAD", "0.75", "NEG", "-3");
        assertEval(true, h, "FREE_CPU > 100", "FREE_CPU = 350", "FREE_CPU != 351", "LOAD > 0.5", "LOAD = 0.75", "LOAD<1.0",
                "NEG < -2", "NEG = -3");
        assertEval(false, h, "FREE_CPU < 100");
    }

    @Test
    public void integerLiteralReadsTheAttributeAsAnInteger() throws Exception {
        // as OpenNebula's int extraction: "0.75" reads as 0
        on(host("LOAD", "0.75")).matches("LOAD = 0").doesNotMatch("LOAD = 0.0");
    }

    @Test
    public void missingAttributeIsZeroOrEmpty() throws Exception {
        assertEval(true, host(), "MISSING = 0", "MISSING = \"\"", "MISSING != \"x\"");
        assertEval(false, host(), "MISSING > 0");
    }

    @Test
    public void stringsUseShellWildcards() throws Exception {
        AttributeLookup h = host("HOSTNAME", "node12.example.org", "ARCH", "x86_64");
        assertEval(true, h, "HOSTNAME = \"node*\"", "HOSTNAME = \"node??.example.org\"", "HOSTNAME = \"node[0-9][0-9]*\"",
                "HOSTNAME != \"web*\"", "ARCH = x86_64");
        assertEval(false, h, "HOSTNAME = \"node[!1]*\"", "ARCH = \"i686\"");
    }

    @Test
    public void booleanOperatorsAndParentheses() throws Exception {
        AttributeLookup h = host("A", "1", "B", "2", "C", "3");
        assertEval(true, h, "A = 1 & B = 2", "A = 9 | B = 2", "!A = 9", "(A = 9 | B = 2) & C = 3",
                "! A = 9 & B = 2"); // '!' applies to the next comparison only
        assertEval(false, h, "A = 1 & B = 3", "!(A = 1 & B = 2)");
    }

    @Test
    public void andOrShareOnePrecedenceLeftToRight() throws Exception {
        // (A=1 | A=2) & A=3 → false; with & binding tighter it would be true
        on(host("A", "1")).doesNotMatch("A = 1 | A = 2 & A = 3").matches("A = 3 & A = 2 | A = 1");
    }

    @Test
    public void syntaxErrors() {
        assertSyntaxErrors(Requirements::parse, "A =", "A", "= 1", "A = 1 &", "(A = 1", "A = 1)", "A >= 1", "A > \"x\"",
                "A = \"unterminated", "A = 1 B = 2", "A ! 1", "A = $", "&");
    }

    @Test
    public void errorMessageNamesTheToken() {
        assertEquals("syntax error, unexpected '&', expecting an attribute name, '!' or '(' at line 1, columns 11:12"
                + " in \"CPU > 1 & & MEM < 2\"", parseError(Requirements::parse, "CPU > 1 & & MEM < 2", null).getMessage());
    }

    @Test
    public void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "A = 1" + ")".repeat(100_000);
        String message = parseError(Requirements::parse, deep, null).getMessage();
        assertTrue(message, message.contains("nested"));
    }

    @Test
    public void compiledExpressionIsReusableAcrossHosts() throws Exception {
        Requirements r = Requirements.parse("FREE_MEM > 1000 & HOSTNAME = \"n*\"");
        int matches = 0;
        for (int i = 0; i < 100; i++) {
            if (r.matches(host("FREE_MEM", Integer.toString(i * 50), "HOSTNAME", i % 2 == 0 ? "n" + i : "m" + i))) {
                matches++;
            }
        }
        assertEquals(39, matches); // even i with i*50 > 1000: i = 22..98
    }
}
