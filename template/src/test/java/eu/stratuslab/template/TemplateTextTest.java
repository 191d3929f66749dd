package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;

import java.util.Random;
import org.junit.Test;

/** TemplateText output parses back to an equal template. */
public class TemplateTextTest {

    private static void assertRoundTrip(Template t) throws TemplateParseException {
        String text = TemplateText.write(t);
        assertEquals(text, t, TemplateParser.parse(text));
    }

    @Test
    public void examplesRoundTrip() throws Exception {
        for (String name : new String[] {"a", "b", "c", "d", "e", "f"}) {
            assertRoundTrip(TestResources.parseResource("templates/example-" + name + ".txt"));
        }
        assertRoundTrip(TestResources.parseResource("templates/legacy-default-512.txt"));
    }

    @Test
    public void awkwardValuesRoundTrip() throws Exception {
        Template t = new Template();
        t.set("Q", "say \"hi\"");
        t.set("BS", "a\\b \\\"c\\\" d");
        t.set("EMPTY", "");
        t.set("NL", "line1\nline2\n");
        t.set("SPECIAL", "= # , [ ] ]]>");
        t.set("TRAILING_BS", "C:\\dir\\");
        VectorAttribute v = new VectorAttribute("V");
        v.put("E", "");
        v.put("X", "\"quoted\"");
        t.add(v);
        t.add(new VectorAttribute("EMPTY_VECTOR"));
        assertRoundTrip(t);
    }

    @Test
    public void randomTemplatesRoundTrip() throws Exception {
        Random random = new Random(42);
        String alphabet = "aZ09 _-:/.\"\\=#,[]\n\tébc";
        for (int i = 0; i < 2000; i++) {
            Template t = new Template();
            int n = random.nextInt(5);
            for (int j = 0; j < n; j++) {
                if (random.nextBoolean()) {
                    t.add(new SingleAttribute("A" + random.nextInt(3), randomValue(random, alphabet)));
                } else {
                    VectorAttribute v = new VectorAttribute("V" + random.nextInt(3));
                    int keys = 1 + random.nextInt(4);
                    for (int k = 0; k < keys; k++) {
                        v.put("K" + random.nextInt(6), randomValue(random, alphabet));
                    }
                    t.add(v);
                }
            }
            assertRoundTrip(t);
        }
    }

    /** Random text; a value ending in a backslash must be a plain token (the documented limit). */
    private static String randomValue(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(12);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
