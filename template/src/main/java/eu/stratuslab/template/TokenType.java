package eu.stratuslab.template;

/**
 * Tokens of OpenNebula 3.2's {@code template_syntax.y}, in bison's symbol-number order: bison lists
 * the expected tokens of an error message in this order, so the enum order matters.
 */
enum TokenType {
    END("$end"),
    EQUAL("EQUAL"),
    COMMA("COMMA"),
    OBRACKET("OBRACKET"),
    CBRACKET("CBRACKET"),
    EQUAL_EMPTY("EQUAL_EMPTY"),
    STRING("STRING"),
    VARIABLE("VARIABLE");

    private final String bisonName;

    TokenType(String bisonName) {
        this.bisonName = bisonName;
    }

    String bisonName() {
        return bisonName;
    }
}
