package eu.stratuslab.template;

import java.util.Map;

/**
 * The text form of a template, for display and logs. {@link TemplateParser} parses it back to an
 * equal template, with one exception the template language cannot express: a value that ends with
 * a backslash and also needs quotes (it contains blanks or one of {@code = # , [ ] "} or a
 * newline), because {@code \"} would read as an escaped quote.
 */
public final class TemplateText {

    private TemplateText() {
    }

    public static String write(Template t) {
        StringBuilder sb = new StringBuilder(512);
        for (Attribute a : t.attributes()) {
            sb.append(a.name()).append(" = ");
            if (a instanceof SingleAttribute s) {
                sb.append(quote(s.value()));
            } else {
                VectorAttribute v = (VectorAttribute) a;
                sb.append('[');
                boolean first = true;
                for (Map.Entry<String, String> e : v.values().entrySet()) {
                    sb.append(first ? "\n  " : ",\n  ");
                    first = false;
                    sb.append(e.getKey()).append(" = ").append(quote(e.getValue()));
                }
                sb.append(" ]");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The value in double quotes, with {@code "} written as {@code \"}; a value ending with a
     * backslash is written unquoted when the unquoted form can hold it.
     */
    static String quote(String value) {
        if (value.endsWith("\\") && isPlainToken(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Can be read back as an unquoted value: {@code [^=#[:blank:]\n,\[\]"]+}. */
    private static boolean isPlainToken(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '=': case '#': case ' ': case '\t': case '\n': case ',': case '[': case ']': case '"':
                    return false;
                default:
                    break;
            }
        }
        return !value.isEmpty();
    }
}
