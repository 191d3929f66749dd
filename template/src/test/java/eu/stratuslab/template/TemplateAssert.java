package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;

/** Assertions on parsed templates: one call checks several attributes, each failure names its key. */
public final class TemplateAssert {

    private TemplateAssert() {
    }

    /** Checks the single attributes of {@code t}: {@code keyValues} is name, expected value, name, … */
    public static void assertSingles(Template t, String... keyValues) {
        checkPairs(keyValues);
        for (int i = 0; i < keyValues.length; i += 2) {
            assertEquals(keyValues[i], keyValues[i + 1], t.getString(keyValues[i]));
        }
    }

    /** Checks the values of one vector attribute: {@code keyValues} is key, expected value, key, … */
    public static void assertVector(VectorAttribute v, String... keyValues) {
        checkPairs(keyValues);
        for (int i = 0; i < keyValues.length; i += 2) {
            assertEquals(v.name() + "/" + keyValues[i], keyValues[i + 1], v.get(keyValues[i]));
        }
    }

    private static void checkPairs(String[] keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
    }
}
