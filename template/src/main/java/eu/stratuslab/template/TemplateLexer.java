package eu.stratuslab.template;

/**
 * A hand-written equivalent of OpenNebula 3.2's flex scanner {@code template_parser.l}.
 *
 * <p>It applies the same rules with flex's semantics (longest match, earliest rule on a tie,
 * unmatched characters silently dropped by flex's default rule) so that the accepted language and
 * the error locations are the original's:
 * <pre>
 * INITIAL:  1 [[:blank:]]*#.*\n              comment (ignored)
 *           2 [[:blank:]\n]+                 blanks (ignored)
 *           3 [[:alnum:]_]+                  VARIABLE
 *           4 [[:blank:]]*=[[:blank:]]*      EQUAL, enter VALUE
 *           5 [[:blank:]]*=[[:blank:]]*\n    EQUAL_EMPTY
 *           6 [[:blank:]\n]*,[[:blank:]\n]*  COMMA
 *           7 [[:blank:]\n]*\][[:blank:]\n]* CBRACKET
 * VALUE:    8 [[:blank:]]*\[[[:blank:]\n]*   OBRACKET, back to INITIAL
 *           9 \"([^\"]|\\\")*\"              STRING (quotes removed), back to INITIAL
 *          10 [^=#[:blank:]\n,\[\]]+         STRING, back to INITIAL
 * both:    11 default: one character        (ignored)
 * </pre>
 * Rule 9 uses {@code *} where 3.2 had {@code +}, so that {@code K = ""} is an empty value as the
 * project specification requires (3.2 read it as the two-character text {@code ""}).
 *
 * <p>Locations follow {@code YY_USER_ACTION} of the original: every rule match, including the
 * ignored ones, sets {@code first_line = yylineno} (already advanced past the newlines of the
 * match; the default rule does not count newlines), {@code first_column = last_column} and
 * {@code last_column += yyleng}. Columns are therefore byte offsets (UTF-8) from the start of the
 * whole text, never reset at a newline, starting at 1 (bison 2.4's initial {@code yylloc}). At end
 * of input no rule runs, so {@code $end} carries the location of the last match.
 */
final class TemplateLexer {

    private static final int INITIAL = 0;
    private static final int VALUE = 1;

    private final String text;
    private final int length;
    /** All characters are ASCII: a character is a byte, columns need no UTF-8 counting. */
    private final boolean ascii;
    private int pos;
    private int state = INITIAL;

    /**
     * Newlines matched by flex's default rule, which does not count them in yylineno. Lines are
     * only needed for error messages, so yylineno is computed on demand (see {@link #line()}).
     */
    private int uncountedNewlines;
    /** yylloc columns, as left by the last rule match. */
    private int firstColumn = 1;
    private int lastColumn = 1;

    /** Token produced by the last call to {@link #next()}. */
    private TokenType tokenType;
    private String tokenValue;

    /** Cache for rule 9: index of the first unescaped quote at or after {@code quoteScanFrom}. */
    private int quoteScanFrom = -1;
    private int quoteScanResult = -1;
    private int lastEscapedQuote = -2;
    /** No newline at or after this index (-1: not known yet). */
    private int noNewlineFrom = -1;

    TemplateLexer(String text, boolean ascii) {
        this.text = text;
        this.length = text.length();
        this.ascii = ascii;
    }

    TokenType type() {
        return tokenType;
    }

    String value() {
        return tokenValue;
    }

    /** yylineno after the last rule match: 1 + the newlines matched so far by counting rules. */
    int line() {
        int newlines = 0;
        for (int i = 0; i < pos; i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
            }
        }
        return 1 + newlines - uncountedNewlines;
    }

    int firstColumn() {
        return firstColumn;
    }

    int lastColumn() {
        return lastColumn;
    }

    /** Scans the next token; {@link TokenType#END} at the end of the text. */
    TokenType next() {
        while (pos < length) {
            TokenType t = state == INITIAL ? scanInitial() : scanValue();
            if (t != null) {
                tokenType = t;
                return t;
            }
        }
        tokenType = TokenType.END;
        tokenValue = null;
        return TokenType.END;
    }

    // ------------------------------------------------------------------ INITIAL

    private TokenType scanInitial() {
        int p = pos;
        char c = text.charAt(p);
        if (isAlnum(c)) {
            int end = p + 1;
            while (end < length && isAlnum(text.charAt(end))) {
                end++;
            }
            tokenValue = text.substring(p, end);
            match(end);
            return TokenType.VARIABLE;
        }
        if (c == '=' || isBlank(c)) {
            int afterBlanks = skipBlanks(p);
            if (afterBlanks < length && text.charAt(afterBlanks) == '=') {
                int end = skipBlanks(afterBlanks + 1);
                if (end < length && text.charAt(end) == '\n') {
                    match(end + 1);
                    return TokenType.EQUAL_EMPTY;
                }
                match(end);
                state = VALUE;
                return TokenType.EQUAL;
            }
            if (afterBlanks < length && text.charAt(afterBlanks) == '#') {
                int nl = nextNewline(afterBlanks);
                if (nl >= 0) {
                    match(nl + 1);
                    return null;
                }
            }
            // blanks only: rules 2, 6, 7 (handled below with newlines)
        }
        if (c == '#') {
            int nl = nextNewline(p);
            if (nl >= 0) {
                match(nl + 1);
            } else {
                defaultRule();
            }
            return null;
        }
        if (isBlank(c) || c == '\n' || c == ',' || c == ']') {
            int afterSpace = skipBlanksAndNewlines(p);
            if (afterSpace < length) {
                char d = text.charAt(afterSpace);
                if (d == ',') {
                    match(skipBlanksAndNewlines(afterSpace + 1));
                    return TokenType.COMMA;
                }
                if (d == ']') {
                    match(skipBlanksAndNewlines(afterSpace + 1));
                    return TokenType.CBRACKET;
                }
            }
            if (afterSpace > p) {
                // rule 2, unless a comment (rule 1) starting on the same line is longer
                match(afterSpace);
                return null;
            }
        }
        defaultRule();
        return null;
    }

    /**
     * The next newline at or after {@code from}, or -1. Remembers where the text has no newline
     * left, so that a long last line full of '#' does not make the scanner quadratic.
     */
    private int nextNewline(int from) {
        if (noNewlineFrom >= 0 && from >= noNewlineFrom) {
            return -1;
        }
        int nl = text.indexOf('\n', from);
        if (nl < 0) {
            noNewlineFrom = from;
        }
        return nl;
    }

    // ------------------------------------------------------------------ VALUE

    private TokenType scanValue() {
        int p = pos;
        char c = text.charAt(p);
        if (isBlank(c) || c == '[') {
            int afterBlanks = skipBlanks(p);
            if (afterBlanks < length && text.charAt(afterBlanks) == '[') {
                match(skipBlanksAndNewlines(afterBlanks + 1));
                state = INITIAL;
                return TokenType.OBRACKET;
            }
            defaultRule();
            return null;
        }
        if (!isStringChar(c)) {
            defaultRule();
            return null;
        }
        int unquotedEnd = p + 1;
        while (unquotedEnd < length && isStringChar(text.charAt(unquotedEnd))) {
            unquotedEnd++;
        }
        if (c == '"') {
            int quotedEnd = quotedStringEnd(p);
            // longest match wins; on a tie the quoted rule (9) comes first
            if (quotedEnd >= 0 && quotedEnd >= unquotedEnd) {
                tokenValue = unescape(text, p + 1, quotedEnd - 1);
                match(quotedEnd);
                state = INITIAL;
                return TokenType.STRING;
            }
        }
        tokenValue = text.substring(p, unquotedEnd);
        match(unquotedEnd);
        state = INITIAL;
        return TokenType.STRING;
    }

    /**
     * End (exclusive) of the longest match of rule 9 starting at the quote at {@code p}, or -1.
     * The content may hold any character but a quote, or a quote preceded by a backslash; so the
     * longest match ends at the first unescaped quote, or, when there is none, at the last escaped
     * one. Results are cached so that a text full of unterminated quotes stays linear.
     */
    private int quotedStringEnd(int p) {
        int from = p + 1;
        int unescaped;
        if (quoteScanFrom >= 0 && from >= quoteScanFrom
                && (quoteScanResult < 0 || from <= quoteScanResult)) {
            unescaped = quoteScanResult;
        } else {
            unescaped = -1;
            int i = from;
            while (true) {
                int q = text.indexOf('"', i);
                if (q < 0) {
                    break;
                }
                if (q > from && text.charAt(q - 1) == '\\') {
                    lastEscapedQuote = q;
                    i = q + 1;
                    continue;
                }
                unescaped = q;
                break;
            }
            quoteScanFrom = from;
            quoteScanResult = unescaped;
        }
        if (unescaped >= 0) {
            return unescaped + 1;
        }
        if (lastEscapedQuote > from) {
            return lastEscapedQuote + 1;
        }
        return -1;
    }

    /** {@code \"} becomes {@code "}; every other backslash is kept (OpenNebula's unescape()). */
    static String unescape(String s, int from, int to) {
        // every quote inside a quoted value is escaped, and s.charAt(to) is the closing quote
        int q = s.indexOf('"', from);
        if (q < 0 || q >= to) {
            return s.substring(from, to);
        }
        int bs = q - 1;
        StringBuilder sb = new StringBuilder(to - from);
        sb.append(s, from, bs);
        int i = bs;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to && s.charAt(i + 1) == '"') {
                sb.append('"');
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ flex bookkeeping

    /** Flex's default rule: one byte, echoed (here: dropped); newlines in it are not counted. */
    private void defaultRule() {
        char c = text.charAt(pos);
        int units = 1;
        if (Character.isHighSurrogate(c) && pos + 1 < length && Character.isLowSurrogate(text.charAt(pos + 1))) {
            units = 2;
        }
        // flex matches a multi-byte character one byte at a time: the last match is its last byte
        int bytes = utf8Length(text, pos, pos + units);
        if (c == '\n') {
            uncountedNewlines++;
        }
        firstColumn = lastColumn + bytes - 1;
        lastColumn += bytes;
        pos += units;
    }

    /** YY_USER_ACTION for a match of {@code [pos, end)}. */
    private void match(int end) {
        firstColumn = lastColumn;
        lastColumn += ascii ? end - pos : utf8Length(text, pos, end);
        pos = end;
    }

    static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isSurrogate(c)) {
                n += 2; // a pair is 4 bytes
            } else {
                n += 3;
            }
        }
        return n;
    }

    private int skipBlanks(int i) {
        while (i < length && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipBlanksAndNewlines(int i) {
        while (i < length) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n') {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code [^=#[:blank:]\n,\[\]]}. */
    private static boolean isStringChar(char c) {
        switch (c) {
            case '=': case '#': case ' ': case '\t': case '\n': case ',': case '[': case ']':
                return false;
            default:
                return true;
        }
    }
}
