package eu.stratuslab.xmlrpc;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Creates StAX readers that cannot be abused: no DTD processing, no external entities, no entity
 * replacement (only the five predefined entities and character references are ever expanded, so
 * "billion laughs" has nothing to expand). A DOCTYPE still surfaces as a {@code DTD} event, which
 * {@link XmlRpcReader} refuses.
 *
 * <p>The parser is Woodstox, named explicitly (never whatever StAX implementation the class path
 * offers), so the hardening below is known to apply. It replaced the JDK's built-in parser, whose
 * reader set-up per document was a fifth of the one-proxy's CPU per small call (issue 14 item 8).
 */
final class SafeXmlInput {

    // Woodstox factories are thread-safe once configured; readers recycle their buffers per thread.
    private static final XMLInputFactory FACTORY = newFactory();

    private SafeXmlInput() {
    }

    /** Decoded strictly (see {@link XmlCharacters}): a bad byte sequence is an exception, never a line on stderr. */
    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(XmlCharacters.reader(in));
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // text is read when next() reaches it, so that a broken or over-long body is an
        // XMLStreamException there, not an unchecked exception from a later getText()
        factory.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved");
        });
        return factory;
    }
}
