package eu.stratuslab.core.xml;

/**
 * Writes the XML documents that the API returns inside a {@code <string>} (VM, HOST, VNET, ...).
 * Element order is fixed by the callers; text is escaped. Templates are rendered by
 * {@code eu.stratuslab.template.TemplateXml} and appended with {@link #raw(CharSequence)}.
 */
public final class XmlDoc {
    private final StringBuilder out;

    public XmlDoc() {
        this(new StringBuilder(1024));
    }

    public XmlDoc(StringBuilder out) {
        this.out = out;
    }

    public XmlDoc open(String tag) {
        out.append('<').append(tag).append('>');
        return this;
    }

    public XmlDoc close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <TAG>text</TAG>}; empty or null text gives {@code <TAG></TAG>}. */
    public XmlDoc element(String tag, String text) {
        open(tag);
        if (text != null) {
            escape(text, out);
        }
        return close(tag);
    }

    public XmlDoc element(String tag, long value) {
        out.append('<').append(tag).append('>').append(value).append("</").append(tag).append('>');
        return this;
    }

    /** The self-closing form {@code <TAG/>}, used only where oned used it. */
    public XmlDoc empty(String tag) {
        out.append('<').append(tag).append("/>");
        return this;
    }

    public XmlDoc raw(CharSequence xml) {
        out.append(xml);
        return this;
    }

    public StringBuilder builder() {
        return out;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public static void escape(String text, StringBuilder out) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
    }
}
