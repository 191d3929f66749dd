package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Robustness: random garbage and mutated legacy templates either parse or fail with
 * TemplateParseException; nothing else is thrown and nothing hangs (the timeout fails the test).
 */
public class TemplateFuzzTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final String TOKENS = "=[],#\"\\ \t\n\raZ_09-:/.é\u0001\uD83D\uDE00\uD800";

    private static void parseOrRefuse(String text) {
        Template t;
        try {
            t = TemplateParser.parse(text);
        } catch (TemplateParseException e) {
            assertTrue(e.line() >= 1);
            assertTrue(e.firstColumn() >= 1 && e.lastColumn() >= e.firstColumn());
            return;
        }
        assertNotNull(t);
        // whatever parsed must render, and its text form must parse back to an equal template
        // unless it holds a value the text form cannot express (see TemplateText)
        TemplateXml.toXml(t);
        if (!hasInexpressibleValue(t)) {
            try {
                assertEquals(t, TemplateParser.parse(TemplateText.write(t)));
            } catch (TemplateParseException e) {
                throw new AssertionError("text form of " + t.attributes() + " does not parse: " + e.getMessage(), e);
            }
        }
    }

    private static boolean hasInexpressibleValue(Template t) {
        for (Attribute a : t.attributes()) {
            if (a instanceof SingleAttribute s && inexpressible(s.value())) {
                return true;
            }
            if (a instanceof VectorAttribute v && v.values().values().stream().anyMatch(TemplateFuzzTest::inexpressible)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inexpressible(String value) {
        return value.endsWith("\\") && !value.matches("[^=#\\s,\\[\\]\"]+");
    }

    @Test
    public void randomGarbage() {
        Random random = new Random(7);
        for (int i = 0; i < 10000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int j = 0; j < len; j++) {
                sb.append(TOKENS.charAt(random.nextInt(TOKENS.length())));
            }
            parseOrRefuse(sb.toString());
        }
    }

    @Test
    public void mutatedLegacyTemplates() {
        String base = TestResources.read("templates/example-b.txt");
        Random random = new Random(11);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
                    default -> sb.setCharAt(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
                }
            }
            parseOrRefuse(sb.toString());
        }
    }

    @Test
    public void largeHostileInputsStayLinear() {
        // many unterminated quotes and escaped quotes: the quoted-string rule must not go quadratic
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append("A = \"x\\\" ");
        }
        parseOrRefuse(sb.toString());
        parseOrRefuse("V = [ " + "k = v, ".repeat(100_000) + "]");
        parseOrRefuse("[".repeat(500_000));
        parseOrRefuse("#".repeat(500_000));
    }
}
