package eu.stratuslab.template.expr;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.Map;

/** What the REQUIREMENTS and RANK tests share: a host made of attributes, and syntax-error checks. */
final class ExpressionAssert {

    /** One of the expression parsers ({@code Requirements::parse}, {@code Rank::parse}). */
    interface Parser {
        Object parse(String text) throws ExpressionParseException;
    }

    private ExpressionAssert() {
    }

    /** A host whose attributes are {@code kv}: name, value, name, value, … */
    static AttributeLookup host(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m::get;
    }

    /** Each text is refused by {@code parser} with a "syntax error, …" message. */
    static void assertSyntaxErrors(Parser parser, String... bad) {
        for (String text : bad) {
            String message = parseError(parser, text, "expected a parse error for " + text).getMessage();
            assertTrue(message, message.startsWith("syntax error, "));
        }
    }

    /** The error {@code parser} refuses {@code text} with; fails with {@code failure} if it accepts it. */
    static ExpressionParseException parseError(Parser parser, String text, String failure) {
        try {
            parser.parse(text);
            fail(failure);
            return null;
        } catch (ExpressionParseException e) {
            return e;
        }
    }
}
