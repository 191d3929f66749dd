package eu.stratuslab.template.expr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.junit.Test;

public class FnmatchTest {

    /** {@code patternsAndTexts} is pattern, text, pattern, text, …; each pair matches or not as {@code expected}. */
    private static void assertMatch(boolean expected, String... patternsAndTexts) {
        for (int i = 0; i < patternsAndTexts.length; i += 2) {
            String pattern = patternsAndTexts[i];
            String text = patternsAndTexts[i + 1];
            assertEquals("'" + pattern + "' against '" + text + "'", expected, Fnmatch.matches(pattern, text));
        }
    }

    @Test
    public void literalsAndWildcards() {
        assertMatch(true, "abc", "abc", "", "", "*", "", "*", "a/b.c", "a*c", "abbbc", "a*b*c", "axxbyyc", "?", "x",
                "*.org", ".org");
        assertMatch(false, "abc", "abcd", "a*b*c", "axxbyy", "?", "");
    }

    @Test
    public void bracketExpressions() {
        assertMatch(true, "node[0-9]", "node7", "node[!0-9]", "nodex", "node[^0-9]", "nodex", "[]a]", "]", "[a-]", "-",
                "[abc]x", "bx", "a[", "a[");
        assertMatch(false, "node[0-9]", "nodex", "a[", "ab");
    }

    @Test
    public void backslashQuotes() {
        assertMatch(true, "a\\*", "a*", "a\\", "a\\");
        assertMatch(false, "a\\*", "ab");
    }

    @Test
    public void pathologicalPatternStaysFast() {
        String text = "a".repeat(10_000);
        assertFalse(Fnmatch.matches("*a*a*a*a*a*b", text));
    }
}
