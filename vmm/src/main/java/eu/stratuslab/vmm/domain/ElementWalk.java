package eu.stratuslab.vmm.domain;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over the elements of a libvirt document (domain, capabilities, save-image
 * header), so that every reader of those documents parses them the same hardened way: DTDs and
 * external entities are refused.
 */
public final class ElementWalk {
    private ElementWalk() {}

    /** What a walk does at the element boundaries. */
    public interface Visitor<T> {
        /**
         * At a start tag; {@code path} holds the local names from the root down to this element.
         * A non-null answer ends the walk with that answer (the only case in which the visitor may
         * read past the start tag, e.g. with {@link XMLStreamReader#getElementText()}).
         */
        T start(XMLStreamReader r, List<String> path) throws XMLStreamException;

        /** At an end tag; {@code path} still ends with the element being closed. */
        default void end(List<String> path) {}
    }

    /** The first non-null answer of the visitor, or null when the document ends without one. */
    public static <T> T walk(String xml, Visitor<T> visitor) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
        List<String> path = new ArrayList<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                path.add(r.getLocalName());
                T answer = visitor.start(r, path);
                if (answer != null) {
                    return answer;
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                visitor.end(path);
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    /** Whether the element {@code path} ends at is the outermost {@code name} on it. */
    public static boolean isOutermost(List<String> path, String name) {
        return path.indexOf(name) == path.size() - 1;
    }

    /** Whether the element {@code path} ends at is a {@code name} right inside the outermost {@code parent}. */
    public static boolean childOfOutermost(List<String> path, String parent, String name) {
        int size = path.size();
        return size >= 2 && path.indexOf(parent) == size - 2 && name.equals(path.get(size - 1));
    }
}
