package eu.stratuslab.template.expr;

/**
 * Tokens of OpenNebula's scheduler expressions: operators {@code ! & | = > < ( ) + - * /},
 * names {@code [A-Za-z_][A-Za-z0-9_]*}, numbers {@code [0-9]+} and {@code [0-9]+.[0-9]+}, and
 * double-quoted strings (no escapes). Blanks are ignored.
 */
final class ExpressionLexer {

    enum Kind { NAME, INTEGER, FLOAT, STRING, OPERATOR, END }

    private final String text;
    private int pos;

    Kind kind;
    /** Token text (name, number digits, string content) or the operator character. */
    String value;
    char operator;
    int start;
    int end;
    /** Nesting of '(' , '!' and unary '-', bounded so that hostile input cannot overflow the stack. */
    private int depth;

    static final int MAX_DEPTH = 256;

    ExpressionLexer(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    Kind next() throws ExpressionParseException {
        int n = text.length();
        while (pos < n && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        start = pos;
        if (pos >= n) {
            end = pos;
            value = null;
            return kind = Kind.END;
        }
        char c = text.charAt(pos);
        if (isNameStart(c)) {
            int i = pos + 1;
            while (i < n && isNamePart(text.charAt(i))) {
                i++;
            }
            return token(Kind.NAME, i);
        }
        if (c >= '0' && c <= '9') {
            int i = pos + 1;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
                i += 2;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                return token(Kind.FLOAT, i);
            }
            return token(Kind.INTEGER, i);
        }
        if (c == '"') {
            int close = text.indexOf('"', pos + 1);
            if (close < 0) {
                end = n;
                throw error("unterminated string");
            }
            value = text.substring(pos + 1, close);
            pos = close + 1;
            end = pos;
            return kind = Kind.STRING;
        }
        if ("!&|=><()+-*/".indexOf(c) >= 0) {
            operator = c;
            value = String.valueOf(c);
            pos++;
            end = pos;
            return kind = Kind.OPERATOR;
        }
        end = pos + 1;
        throw error("unexpected character '" + c + "'");
    }

    void enter() throws ExpressionParseException {
        if (++depth > MAX_DEPTH) {
            throw error("expression nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    void leave() {
        depth--;
    }

    /** One rule of a recursive-descent grammar over this lexer. */
    @FunctionalInterface
    interface Rule<E> {
        E parse(ExpressionLexer lexer) throws ExpressionParseException;
    }

    /** Builds the node of a binary operator. */
    @FunctionalInterface
    interface Combine<E> {
        E apply(char operator, E left, E right);
    }

    /** Parses all of {@code text} with {@code rule}; a token left over is an error expecting {@code atEnd}. */
    static <E> E parseWhole(String text, Rule<E> rule, String atEnd) throws ExpressionParseException {
        ExpressionLexer lexer = new ExpressionLexer(text);
        lexer.next();
        E root = rule.parse(lexer);
        if (lexer.kind != Kind.END) {
            throw lexer.unexpected(atEnd);
        }
        return root;
    }

    /** {@code operand (op operand)*} for the operator characters in {@code operators}, associating to the left. */
    <E> E leftAssociative(Rule<E> operand, String operators, Combine<E> combine) throws ExpressionParseException {
        E left = operand.parse(this);
        while (kind == Kind.OPERATOR && operators.indexOf(operator) >= 0) {
            char op = operator;
            next();
            left = combine.apply(op, left, operand.parse(this));
        }
        return left;
    }

    /** The operand of the prefix operator that is the current token, one nesting level deeper. */
    <E> E prefixed(Rule<E> operand) throws ExpressionParseException {
        enter();
        next();
        E e = operand.parse(this);
        leave();
        return e;
    }

    /** {@code '(' inner ')'}, the current token being {@code '('}. */
    <E> E parenthesized(Rule<E> inner) throws ExpressionParseException {
        enter();
        next();
        E e = inner.parse(this);
        if (!isOperator(')')) {
            throw unexpected("')'");
        }
        next();
        leave();
        return e;
    }

    boolean isOperator(char c) {
        return kind == Kind.OPERATOR && operator == c;
    }

    private Kind token(Kind k, int tokenEnd) {
        value = text.substring(pos, tokenEnd);
        pos = tokenEnd;
        end = tokenEnd;
        return kind = k;
    }

    /** A message in OpenNebula's style, with 1-based columns of the current token. */
    ExpressionParseException error(String detail) {
        return new ExpressionParseException("syntax error, " + detail + " at line 1, columns "
                + (start + 1) + ":" + (end + 1) + " in \"" + text + "\"");
    }

    ExpressionParseException unexpected(String expecting) {
        String what = kind == Kind.END ? "end of expression" : "'" + text.substring(start, end) + "'";
        return error("unexpected " + what + ", expecting " + expecting);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
