package eu.stratuslab.vmm.domain;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A thin layer over {@link XMLStreamWriter} that indents by two spaces, so domain XML is readable
 * in logs and golden files. All escaping is left to the stream writer.
 */
final class IndentingXmlOut {
    private final XMLStreamWriter w;
    /** One entry per open element: whether it has child elements (then its end tag goes on its own line). */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    IndentingXmlOut(XMLStreamWriter w) {
        this.w = w;
    }

    XMLStreamWriter raw() {
        return w;
    }

    IndentingXmlOut start(String name) throws XMLStreamException {
        newLine();
        w.writeStartElement(name);
        open.push(new boolean[] {false});
        return this;
    }

    /** An element without content; attributes may follow. */
    IndentingXmlOut empty(String name) throws XMLStreamException {
        newLine();
        w.writeEmptyElement(name);
        return this;
    }

    IndentingXmlOut attr(String name, String value) throws XMLStreamException {
        w.writeAttribute(name, value);
        return this;
    }

    /** An attribute written only when the value is non-null and not blank. */
    IndentingXmlOut optAttr(String name, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            w.writeAttribute(name, value);
        }
        return this;
    }

    IndentingXmlOut end() throws XMLStreamException {
        boolean[] hadChildren = open.pop();
        if (hadChildren[0]) {
            w.writeCharacters("\n" + "  ".repeat(open.size()));
        }
        w.writeEndElement();
        return this;
    }

    /** {@code <name>text</name>}. */
    IndentingXmlOut leaf(String name, String text) throws XMLStreamException {
        start(name);
        w.writeCharacters(text);
        return end();
    }

    /** {@code <name>text</name>} only when text is non-null and not blank. */
    IndentingXmlOut optLeaf(String name, String text) throws XMLStreamException {
        return text == null || text.isBlank() ? this : leaf(name, text);
    }

    /** Starts a line at the current depth for content written directly on {@link #raw()}. */
    void newLine() throws XMLStreamException {
        if (!open.isEmpty()) {
            open.peek()[0] = true;
            w.writeCharacters("\n" + "  ".repeat(open.size()));
        }
    }
}
