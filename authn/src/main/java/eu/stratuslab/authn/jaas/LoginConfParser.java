package eu.stratuslab.authn.jaas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

/**
 * Parses the standard JAAS configuration file syntax (as {@code com.sun.security.auth.login.ConfigFile}
 * accepts it):
 *
 * <pre>
 * name {
 *   some.LoginModule flag key="value" key2=value2;
 * };
 * </pre>
 *
 * with {@code //}, {@code /* *}{@code /} and {@code #} comments, values quoted with {@code "} or
 * {@code '} (backslash escapes inside) or bare words, and {@code ${property}} expansion of system
 * properties ({@code ${/}} is the file separator). The {@code ;} after {@code }} is optional.
 * Only syntax is checked here; module class names are checked by the caller.
 */
public final class LoginConfParser {

    private enum Kind { WORD, STRING, SYMBOL, END }

    private record Token(Kind kind, String text, int line) {
        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }

        String describe() {
            return switch (kind) {
                case END -> "end of file";
                case STRING -> "string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final Path file;
    private final String text;
    private int pos;
    private int line = 1;
    private Token lookahead;

    private LoginConfParser(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * @param file the file name used in error messages
     * @param text the file content
     * @return the entries in file order
     * @throws LoginConfException on a syntax error, naming the file and line
     */
    public static List<LoginConfEntry> parse(Path file, String text) throws LoginConfException {
        return new LoginConfParser(file, text).entries();
    }

    private List<LoginConfEntry> entries() throws LoginConfException {
        List<LoginConfEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        while (peek().kind != Kind.END) {
            Token name = next();
            if (name.kind != Kind.WORD && name.kind != Kind.STRING) {
                throw error(name, "expected an entry name, found " + name.describe());
            }
            expectSymbol('{', "after entry name '" + name.text + "'");
            List<LoginConfModule> modules = new ArrayList<>();
            while (!peek().isSymbol('}')) {
                modules.add(module());
            }
            next();
            if (peek().isSymbol(';')) {
                next();
            }
            if (modules.isEmpty()) {
                throw error(name, "entry '" + name.text + "' has no login module");
            }
            Integer previous = seen.put(name.text, name.line);
            if (previous != null) {
                throw error(name, "entry '" + name.text + "' is already defined at line " + previous);
            }
            entries.add(new LoginConfEntry(name.text, modules, name.line));
        }
        return entries;
    }

    private LoginConfModule module() throws LoginConfException {
        Token className = next();
        if (className.kind != Kind.WORD) {
            throw error(className, "expected a login module class name, found " + className.describe());
        }
        Token flagToken = next();
        if (flagToken.kind != Kind.WORD) {
            throw error(flagToken, "expected a control flag after " + className.text + ", found "
                    + flagToken.describe());
        }
        LoginModuleControlFlag flag = flag(flagToken);
        Map<String, String> options = new LinkedHashMap<>();
        while (!peek().isSymbol(';')) {
            Token key = next();
            if (key.kind != Kind.WORD) {
                throw error(key, "expected an option name or ';' in the options of " + className.text
                        + ", found " + key.describe());
            }
            expectSymbol('=', "after option name '" + key.text + "'");
            Token value = next();
            if (value.kind != Kind.WORD && value.kind != Kind.STRING) {
                throw error(value, "expected a value for option '" + key.text + "', found " + value.describe());
            }
            if (options.put(key.text, expand(value)) != null) {
                throw error(key, "option '" + key.text + "' given twice");
            }
        }
        next();
        return new LoginConfModule(className.text, flag, options, className.line);
    }

    private LoginModuleControlFlag flag(Token token) throws LoginConfException {
        return switch (token.text.toLowerCase(Locale.ROOT)) {
            case "required" -> LoginModuleControlFlag.REQUIRED;
            case "requisite" -> LoginModuleControlFlag.REQUISITE;
            case "sufficient" -> LoginModuleControlFlag.SUFFICIENT;
            case "optional" -> LoginModuleControlFlag.OPTIONAL;
            default -> throw error(token, "invalid control flag '" + token.text
                    + "' (expected required, requisite, sufficient or optional)");
        };
    }

    private String expand(Token value) throws LoginConfException {
        String raw = value.text;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            int end = raw.indexOf('}', start);
            if (end < 0) {
                throw error(value, "unterminated ${ in value \"" + raw + "\"");
            }
            out.append(raw, i, start);
            String property = raw.substring(start + 2, end);
            String replacement = "/".equals(property) ? java.io.File.separator : System.getProperty(property);
            if (replacement == null) {
                throw error(value, "system property '" + property + "' used in a value is not defined");
            }
            out.append(replacement);
            i = end + 1;
        }
        return out.toString();
    }

    private void expectSymbol(char symbol, String context) throws LoginConfException {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "' " + context + ", found " + token.describe());
        }
    }

    private LoginConfException error(Token token, String message) {
        return new LoginConfException(file, token.line, message);
    }

    private Token peek() throws LoginConfException {
        if (lookahead == null) {
            lookahead = scan();
        }
        return lookahead;
    }

    private Token next() throws LoginConfException {
        Token token = peek();
        lookahead = null;
        return token;
    }

    private Token scan() throws LoginConfException {
        skipBlanksAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.END, "", line);
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '}' || c == ';' || c == '=') {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), line);
        }
        if (c == '"' || c == '\'') {
            return quoted(c);
        }
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new LoginConfException(file, line, "unexpected character '" + c + "'");
        }
        return new Token(Kind.WORD, text.substring(start, pos), line);
    }

    private Token quoted(char quote) throws LoginConfException {
        int startLine = line;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new LoginConfException(file, startLine, "unterminated quoted string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, value.toString(), startLine);
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append(escaped);
                }
            } else {
                value.append(c);
            }
        }
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && c != '{' && c != '}' && c != ';' && c != '='
                && c != '"' && c != '\'';
    }

    private void skipBlanksAndComments() throws LoginConfException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (text.startsWith("/*", pos)) {
                int startLine = line;
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new LoginConfException(file, startLine, "unterminated /* comment");
                }
                for (int i = pos; i < end; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }
}
