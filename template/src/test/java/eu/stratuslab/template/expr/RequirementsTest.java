package eu.stratuslab.template.expr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.template.TemplateParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** template.md §7: REQUIREMENTS. */
public class RequirementsTest {

    private static AttributeLookup host(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m::get;
    }

    private static boolean eval(String expr, AttributeLookup host) throws ExpressionParseException {
        return Requirements.parse(expr).matches(host);
    }

    @Test
    public void emptyOrBlankAlwaysMatches() throws Exception {
        assertTrue(eval("", host()));
        assertTrue(eval("   ", host()));
        assertTrue(eval(null, host()));
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
        assertTrue(eval("FREE_CPU > 100", h));
        assertFalse(eval("FREE_CPU < 100", h));
        assertTrue(eval("FREE_CPU = 350", h));
        assertTrue(eval("FREE_CPU != 351", h));
        assertTrue(eval("LOAD > 0.5", h));
        assertTrue(eval("LOAD = 0.75", h));
        assertTrue(eval("LOAD<1.0", h));
        assertTrue(eval("NEG < -2", h));
        assertTrue(eval("NEG = -3", h));
    }

    @Test
    public void integerLiteralReadsTheAttributeAsAnInteger() throws Exception {
        // as OpenNebula's int extraction: "0.75" reads as 0
        AttributeLookup h = host("LOAD", "0.75");
        assertTrue(eval("LOAD = 0", h));
        assertFalse(eval("LOAD = 0.0", h));
    }

    @Test
    public void missingAttributeIsZeroOrEmpty() throws Exception {
        assertTrue(eval("MISSING = 0", host()));
        assertTrue(eval("MISSING = \"\"", host()));
        assertFalse(eval("MISSING > 0", host()));
        assertTrue(eval("MISSING != \"x\"", host()));
    }

    @Test
    public void stringsUseShellWildcards() throws Exception {
        AttributeLookup h = host("HOSTNAME", "node12.example.org", "ARCH", "x86_64");
        assertTrue(eval("HOSTNAME = \"node*\"", h));
        assertTrue(eval("HOSTNAME = \"node??.example.org\"", h));
        assertTrue(eval("HOSTNAME = \"node[0-9][0-9]*\"", h));
        assertFalse(eval("HOSTNAME = \"node[!1]*\"", h));
        assertTrue(eval("HOSTNAME != \"web*\"", h));
        assertTrue(eval("ARCH = x86_64", h));
        assertFalse(eval("ARCH = \"i686\"", h));
    }

    @Test
    public void booleanOperatorsAndParentheses() throws Exception {
        AttributeLookup h = host("A", "1", "B", "2", "C", "3");
        assertTrue(eval("A = 1 & B = 2", h));
        assertFalse(eval("A = 1 & B = 3", h));
        assertTrue(eval("A = 9 | B = 2", h));
        assertTrue(eval("!A = 9", h));
        assertFalse(eval("!(A = 1 & B = 2)", h));
        assertTrue(eval("(A = 9 | B = 2) & C = 3", h));
        assertTrue(eval("! A = 9 & B = 2", h)); // '!' applies to the next comparison only
    }

    @Test
    public void andOrShareOnePrecedenceLeftToRight() throws Exception {
        AttributeLookup h = host("A", "1");
        // (A=1 | A=2) & A=3 → false; with & binding tighter it would be true
        assertFalse(eval("A = 1 | A = 2 & A = 3", h));
        assertTrue(eval("A = 3 & A = 2 | A = 1", h));
    }

    @Test
    public void syntaxErrors() {
        for (String bad : new String[] {"A =", "A", "= 1", "A = 1 &", "(A = 1", "A = 1)", "A >= 1", "A > \"x\"",
                "A = \"unterminated", "A = 1 B = 2", "A ! 1", "A = $", "&"}) {
            try {
                Requirements.parse(bad);
                fail("expected a parse error for " + bad);
            } catch (ExpressionParseException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("syntax error, "));
            }
        }
    }

    @Test
    public void errorMessageNamesTheToken() {
        try {
            Requirements.parse("CPU > 1 & & MEM < 2");
            fail();
        } catch (ExpressionParseException e) {
            assertEquals("syntax error, unexpected '&', expecting an attribute name, '!' or '(' at line 1, columns 11:12"
                    + " in \"CPU > 1 & & MEM < 2\"", e.getMessage());
        }
    }

    @Test
    public void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "A = 1" + ")".repeat(100_000);
        try {
            Requirements.parse(deep);
            fail();
        } catch (ExpressionParseException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("nested"));
        }
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
