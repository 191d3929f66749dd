package eu.stratuslab.marketplace.manifest;

import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.RDF;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A marketplace answer (hooks.md §6): a {@code <metadata>} document holding one {@code rdf:RDF}
 * per endorsement. A document whose root is a bare {@code rdf:RDF} (one entry, as a signed entry is
 * uploaded) is accepted too.
 */
public final class Manifest {

    /** Documents larger than this are refused unread (a manifest is a few kilobytes). */
    public static final int DEFAULT_MAX_BYTES = 4 << 20;

    private final List<ManifestEntry> entries;

    private Manifest(List<ManifestEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Manifest of(List<ManifestEntry> entries) {
        return new Manifest(entries);
    }

    public static Manifest parse(InputStream in) throws ManifestException {
        return parse(in, DEFAULT_MAX_BYTES);
    }

    public static Manifest parse(InputStream in, int maxBytes) throws ManifestException {
        return parse(Xml.readCapped(in, maxBytes), maxBytes);
    }

    public static Manifest parse(byte[] xml) throws ManifestException {
        return parse(xml, DEFAULT_MAX_BYTES);
    }

    public static Manifest parse(byte[] xml, int maxBytes) throws ManifestException {
        Document doc = Xml.parse(xml, maxBytes);
        Element root = doc.getDocumentElement();
        if (isRdf(root)) {
            return new Manifest(List.of(ManifestEntry.copyOf(root)));
        }
        if (!"metadata".equals(root.getLocalName() == null ? root.getNodeName() : root.getLocalName())) {
            throw new ManifestException("not a marketplace manifest: the root element is <" + root.getNodeName()
                    + ">, expected <metadata> or <rdf:RDF>");
        }
        List<ManifestEntry> out = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS(RDF, "RDF");
        for (int i = 0; i < all.getLength(); i++) {
            Element rdf = (Element) all.item(i);
            if (!insideAnotherEntry(rdf, root)) {
                out.add(ManifestEntry.copyOf(rdf));
            }
        }
        return new Manifest(out);
    }

    private static boolean isRdf(Element e) {
        return RDF.equals(e.getNamespaceURI()) && "RDF".equals(e.getLocalName());
    }

    private static boolean insideAnotherEntry(Element rdf, Element root) {
        for (Node n = rdf.getParentNode(); n != null && n != root; n = n.getParentNode()) {
            if (n instanceof Element e && isRdf(e)) {
                return true;
            }
        }
        return false;
    }

    /** The entries in document order (possibly none). */
    public List<ManifestEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries that are not deprecated and whose {@code dcterms:valid} is after {@code instant}. */
    public Manifest validAt(Instant instant) {
        return new Manifest(entries.stream().filter(e -> e.isCurrentAt(instant)).toList());
    }

    /**
     * The required elements (hooks.md §6) missing from the entries, one message per incomplete
     * entry ({@code entry 1 (<id>): dcterms:type, slterms:os}); empty when every entry is complete.
     * A manifest without entries yields {@code no rdf:RDF entry}.
     */
    public List<String> missingRequired() {
        if (entries.isEmpty()) {
            return List.of("no rdf:RDF entry");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<String> missing = entries.get(i).missingRequired();
            if (!missing.isEmpty()) {
                out.add("entry " + (i + 1) + " (" + entries.get(i).identifier().orElse("no identifier") + "): "
                        + String.join(", ", missing));
            }
        }
        return out;
    }

    /** A {@code <metadata>} document holding every entry, in order. */
    public byte[] toXml() {
        Document doc = Xml.newDocument();
        Element metadata = doc.createElement("metadata");
        doc.appendChild(metadata);
        for (ManifestEntry entry : entries) {
            metadata.appendChild(doc.importNode(entry.rootElement(), true));
        }
        return Xml.serialize(doc);
    }
}
