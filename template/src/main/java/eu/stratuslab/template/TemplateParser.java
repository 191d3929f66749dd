package eu.stratuslab.template;

/**
 * Parser for the OpenNebula 3.2 template language (template.md §1).
 *
 * <p>A recursive-descent rendering of OpenNebula's bison grammar {@code template_syntax.y}:
 * <pre>
 * template_file : (empty) | template ;
 * template      : attribute | template attribute ;
 * attribute     : VARIABLE EQUAL STRING
 *               | VARIABLE EQUAL OBRACKET array_val CBRACKET
 *               | VARIABLE EQUAL OBRACKET array_val COMMA CBRACKET    (project addition)
 *               | VARIABLE EQUAL OBRACKET CBRACKET                    (as OpenNebula 4)
 *               | VARIABLE EQUAL_EMPTY ;
 * array_val     : VARIABLE EQUAL STRING | array_val COMMA VARIABLE EQUAL STRING ;
 * </pre>
 * Each place where a token is checked corresponds to one state of bison's LALR automaton, and the
 * "expecting" lists below are the tokens that state accepts after bison's default reductions, so
 * that error messages are the original's word for word. (In the top-level states bison reduces by
 * default before it notices the error, which is why an unexpected token there reports
 * "expecting $end".)
 *
 * <p>The parser is stateless and thread-safe; each call creates its own lexer.
 */
public final class TemplateParser {

    private TemplateParser() {
    }

    /** Parses {@code text}; an empty or blank text gives an empty template. */
    public static Template parse(String text) throws TemplateParseException {
        if (text == null) {
            throw new IllegalArgumentException("template text must not be null");
        }
        boolean ascii = XmlChars.check(text);
        TemplateLexer lexer = new TemplateLexer(text, ascii);
        Template template = new Template();
        while (true) {
            TokenType t = lexer.next();
            if (t == TokenType.END) {
                return template;
            }
            if (t != TokenType.VARIABLE) {
                throw error(lexer, TokenType.END);
            }
            template.add(attribute(lexer, lexer.value()));
        }
    }

    private static Attribute attribute(TemplateLexer lexer, String name) throws TemplateParseException {
        TokenType t = lexer.next();
        if (t == TokenType.EQUAL_EMPTY) {
            return new SingleAttribute(name, "");
        }
        if (t != TokenType.EQUAL) {
            throw error(lexer, TokenType.EQUAL, TokenType.EQUAL_EMPTY);
        }
        t = lexer.next();
        if (t == TokenType.STRING) {
            return new SingleAttribute(name, lexer.value());
        }
        if (t != TokenType.OBRACKET) {
            throw error(lexer, TokenType.OBRACKET, TokenType.STRING);
        }
        VectorAttribute vector = new VectorAttribute(name);
        t = lexer.next();
        if (t == TokenType.CBRACKET) {
            return vector; // NAME = [ ]
        }
        if (t != TokenType.VARIABLE) {
            throw error(lexer, TokenType.CBRACKET, TokenType.VARIABLE);
        }
        keyValue(lexer, vector);
        while (true) {
            t = lexer.next();
            if (t == TokenType.CBRACKET) {
                return vector;
            }
            if (t != TokenType.COMMA) {
                throw error(lexer, TokenType.COMMA, TokenType.CBRACKET);
            }
            t = lexer.next();
            if (t == TokenType.CBRACKET) {
                return vector; // trailing comma
            }
            if (t != TokenType.VARIABLE) {
                throw error(lexer, TokenType.CBRACKET, TokenType.VARIABLE);
            }
            keyValue(lexer, vector);
        }
    }

    /** {@code VARIABLE} has been read: {@code EQUAL STRING} must follow. First value of a key wins. */
    private static void keyValue(TemplateLexer lexer, VectorAttribute vector) throws TemplateParseException {
        String key = lexer.value();
        expect(lexer, TokenType.EQUAL);
        expect(lexer, TokenType.STRING);
        vector.putIfAbsent(key, lexer.value());
    }

    private static void expect(TemplateLexer lexer, TokenType expected) throws TemplateParseException {
        if (lexer.next() != expected) {
            throw error(lexer, expected);
        }
    }

    /** Bison's verbose message: {@code syntax error, unexpected X, expecting A or B}. */
    private static TemplateParseException error(TemplateLexer lexer, TokenType... expected) {
        StringBuilder sb = new StringBuilder("syntax error, unexpected ").append(lexer.type().bisonName());
        for (int i = 0; i < expected.length; i++) {
            sb.append(i == 0 ? ", expecting " : " or ").append(expected[i].bisonName());
        }
        return new TemplateParseException(sb.toString(), lexer.line(), lexer.firstColumn(), lexer.lastColumn());
    }
}
