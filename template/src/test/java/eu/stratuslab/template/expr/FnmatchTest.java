package eu.stratuslab.template.expr;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FnmatchTest {

    @Test
    public void literalsAndWildcards() {
        assertTrue(Fnmatch.matches("abc", "abc"));
        assertFalse(Fnmatch.matches("abc", "abcd"));
        assertTrue(Fnmatch.matches("", ""));
        assertTrue(Fnmatch.matches("*", ""));
        assertTrue(Fnmatch.matches("*", "a/b.c"));
        assertTrue(Fnmatch.matches("a*c", "abbbc"));
        assertTrue(Fnmatch.matches("a*b*c", "axxbyyc"));
        assertFalse(Fnmatch.matches("a*b*c", "axxbyy"));
        assertTrue(Fnmatch.matches("?", "x"));
        assertFalse(Fnmatch.matches("?", ""));
        assertTrue(Fnmatch.matches("*.org", ".org"));
    }

    @Test
    public void bracketExpressions() {
        assertTrue(Fnmatch.matches("node[0-9]", "node7"));
        assertFalse(Fnmatch.matches("node[0-9]", "nodex"));
        assertTrue(Fnmatch.matches("node[!0-9]", "nodex"));
        assertTrue(Fnmatch.matches("node[^0-9]", "nodex"));
        assertTrue(Fnmatch.matches("[]a]", "]"));
        assertTrue(Fnmatch.matches("[a-]", "-"));
        assertTrue(Fnmatch.matches("[abc]x", "bx"));
        assertTrue(Fnmatch.matches("a[", "a["));
        assertFalse(Fnmatch.matches("a[", "ab"));
    }

    @Test
    public void backslashQuotes() {
        assertTrue(Fnmatch.matches("a\\*", "a*"));
        assertFalse(Fnmatch.matches("a\\*", "ab"));
        assertTrue(Fnmatch.matches("a\\", "a\\"));
    }

    @Test
    public void pathologicalPatternStaysFast() {
        String text = "a".repeat(10_000);
        assertFalse(Fnmatch.matches("*a*a*a*a*a*b", text));
    }
}
