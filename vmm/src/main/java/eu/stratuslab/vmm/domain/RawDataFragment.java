package eu.stratuslab.vmm.domain;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the template's RAW DATA (an XML fragment, possibly with several top-level elements) into
 * the domain being written. The fragment is parsed, not pasted, so that a broken RAW value is
 * reported as such instead of producing a domain XML libvirt rejects with a confusing message.
 */
final class RawDataFragment {
    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    private static final String WRAPPER = "stratuslab-raw";

    private RawDataFragment() {}

    /** Checks and copies {@code data}; throws IllegalArgumentException when it is not well-formed XML. */
    static void copy(String data, IndentingXmlOut out) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // The wrapper binds qemu: as the original's domain element did, so RAW written for
        // OpenNebula (which used the prefix without declaring it) parses.
        String wrapped = "<" + WRAPPER + " xmlns:qemu=\"" + QEMU_NS + "\">" + data + "</" + WRAPPER + ">";
        XMLStreamReader r;
        try {
            r = factory.createXMLStreamReader(new StringReader(wrapped));
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("RAW DATA is not well-formed XML: " + e.getMessage(), e);
        }
        try {
            copyEvents(r, out);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("RAW DATA is not well-formed XML: " + e.getMessage(), e);
        } finally {
            r.close();
        }
    }

    private static void copyEvents(XMLStreamReader r, IndentingXmlOut out) throws XMLStreamException {
        XMLStreamWriter w = out.raw();
        int depth = 0;
        // A start tag is held back one event so that an element without content is written as <x/>.
        PendingStart pending = null;
        while (r.hasNext()) {
            int event = r.next();
            if (pending != null) {
                pending.write(w, event == XMLStreamConstants.END_ELEMENT);
                boolean wasEmpty = event == XMLStreamConstants.END_ELEMENT;
                pending = null;
                if (wasEmpty) {
                    depth--;
                    continue;
                }
            }
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth == 1) {
                        continue; // the wrapper
                    }
                    if (depth == 2) {
                        out.newLine();
                    }
                    pending = PendingStart.of(r);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth > 1) {
                        w.writeEndElement();
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                    if (depth > 1) {
                        w.writeCharacters(r.getText());
                    } else if (!r.isWhiteSpace()) {
                        throw new IllegalArgumentException("RAW DATA has text outside elements: '"
                                + r.getText().strip() + "'");
                    }
                }
                case XMLStreamConstants.CDATA -> {
                    if (depth <= 1) {
                        throw new IllegalArgumentException("RAW DATA has text outside elements");
                    }
                    w.writeCData(r.getText());
                }
                case XMLStreamConstants.COMMENT -> w.writeComment(r.getText());
                default -> {
                    // Processing instructions mean nothing to libvirt; END_DOCUMENT ends the loop.
                }
            }
        }
    }

    /** A start tag read from the fragment, not yet written. */
    private record PendingStart(String prefix, String localName, String ns, List<String[]> namespaces,
                                List<String[]> attributes) {
        static PendingStart of(XMLStreamReader r) {
            List<String[]> nss = new ArrayList<>();
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                String p = r.getNamespacePrefix(i);
                String uri = r.getNamespaceURI(i);
                if (!("qemu".equals(p) && QEMU_NS.equals(uri))) { // already declared on <domain>
                    nss.add(new String[] {p == null ? "" : p, uri});
                }
            }
            List<String[]> attrs = new ArrayList<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String ans = r.getAttributeNamespace(i);
                attrs.add(new String[] {r.getAttributePrefix(i), ans == null ? XMLConstants.NULL_NS_URI : ans,
                        r.getAttributeLocalName(i), r.getAttributeValue(i)});
            }
            return new PendingStart(r.getPrefix() == null ? "" : r.getPrefix(), r.getLocalName(),
                    r.getNamespaceURI() == null ? "" : r.getNamespaceURI(), nss, attrs);
        }

        void write(XMLStreamWriter w, boolean empty) throws XMLStreamException {
            if (ns.isEmpty()) {
                if (empty) {
                    w.writeEmptyElement(localName);
                } else {
                    w.writeStartElement(localName);
                }
            } else if (empty) {
                w.writeEmptyElement(prefix, localName, ns);
            } else {
                w.writeStartElement(prefix, localName, ns);
            }
            for (String[] n : namespaces) {
                if (n[0].isEmpty()) {
                    w.writeDefaultNamespace(n[1]);
                } else {
                    w.writeNamespace(n[0], n[1]);
                }
            }
            for (String[] a : attributes) {
                if (a[1].isEmpty()) {
                    w.writeAttribute(a[2], a[3]);
                } else {
                    w.writeAttribute(a[0], a[1], a[2], a[3]);
                }
            }
        }
    }

}
