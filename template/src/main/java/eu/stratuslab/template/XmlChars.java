package eu.stratuslab.template;

/**
 * Templates are stored and returned as XML 1.0 (CDATA sections), so a character that XML 1.0 does
 * not allow would produce a document no client can read. Such templates are refused at parse time.
 */
final class XmlChars {

    private XmlChars() {
    }

    /** Refuses the text if it holds a character XML 1.0 forbids; returns whether it is all ASCII. */
    static boolean check(String text) throws TemplateParseException {
        int n = text.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                continue; // the common case
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            ascii = false;
            if ((c >= 0x80 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            throw invalid(text, i, c);
        }
        return ascii;
    }

    /** Same location scheme as the lexer: line of the character, byte columns from the start. */
    private static TemplateParseException invalid(String text, int index, char c) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int first = 1 + TemplateLexer.utf8Length(text, 0, index);
        int last = first + TemplateLexer.utf8Length(text, index, index + 1);
        String detail = String.format("syntax error, character U+%04X is not allowed in a template", (int) c);
        return new TemplateParseException(detail, line, first, last);
    }
}
