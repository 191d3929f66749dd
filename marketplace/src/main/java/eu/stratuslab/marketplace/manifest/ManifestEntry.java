package eu.stratuslab.marketplace.manifest;

import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.DCTERMS;
import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.RDF;
import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.SLREQ;
import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.SLTERMS;
import static eu.stratuslab.marketplace.manifest.ManifestNamespaces.XMLDSIG;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One endorsement of an image: an {@code rdf:RDF} element (hooks.md §6) in a document of its own.
 *
 * <p>Readers search descendants of the {@code rdf:RDF} by namespace and local name, whatever the
 * prefixes and the nesting (only {@code slreq:checksum}, {@code slreq:endorsement} and
 * {@code slreq:endorser} group their children). The original DOM is kept, so that a copy made with
 * the {@code withX} methods keeps every element this class does not know (hooks.md §4.2: "other
 * elements copied from the origin entry"). Instances are immutable: each {@code withX} returns a
 * new entry and drops the XML signature of the original, which the change would break anyway.
 */
public final class ManifestEntry {

    /** The required elements of hooks.md §6, as names for messages. */
    private static final List<String[]> REQUIRED = List.of(
            new String[] {DCTERMS, "identifier", "dcterms:identifier"},
            new String[] {SLREQ, "bytes", "slreq:bytes"},
            new String[] {DCTERMS, "type", "dcterms:type"},
            new String[] {DCTERMS, "valid", "dcterms:valid"},
            new String[] {DCTERMS, "description", "dcterms:description"},
            new String[] {DCTERMS, "compression", "dcterms:compression"},
            new String[] {SLTERMS, "os", "slterms:os"},
            new String[] {SLTERMS, "os-arch", "slterms:os-arch"},
            new String[] {SLTERMS, "os-version", "slterms:os-version"},
            new String[] {SLTERMS, "version", "slterms:version"});

    private final Document document;
    private final Element root;

    private ManifestEntry(Document document) {
        this.document = document;
        this.root = document.getDocumentElement();
    }

    /** Wraps a copy of {@code rdfRdf} (an {@code rdf:RDF} element) in a document of its own. */
    static ManifestEntry copyOf(Element rdfRdf) {
        Document own = Xml.newDocument();
        Element copy = (Element) own.importNode(rdfRdf, true);
        // keep the namespaces declared on ancestors (e.g. on <metadata>) usable in the copy
        for (Node n = rdfRdf.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
            var attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (XmlnsAttr.isDeclaration(a) && !copy.hasAttributeNS(XmlnsAttr.NS, a.getLocalName())) {
                    copy.setAttributeNS(XmlnsAttr.NS, a.getNodeName(), a.getNodeValue());
                }
            }
        }
        own.appendChild(copy);
        return new ManifestEntry(own);
    }

    /** An entry whose document is exactly {@code document} (root {@code rdf:RDF}); the document is copied. */
    public static ManifestEntry of(Document document) throws ManifestException {
        Element r = document.getDocumentElement();
        if (r == null || !RDF.equals(r.getNamespaceURI()) || !"RDF".equals(r.getLocalName())) {
            throw new ManifestException("not a manifest entry: the root element must be rdf:RDF");
        }
        return new ManifestEntry((Document) document.cloneNode(true));
    }

    /** Parses a document whose root is one {@code rdf:RDF} element (a single entry). */
    public static ManifestEntry parse(byte[] xml) throws ManifestException {
        return of(Xml.parse(xml, Manifest.DEFAULT_MAX_BYTES));
    }

    /**
     * A new entry holding only {@code dcterms:identifier} and {@code dcterms:type} = {@code machine}
     * in an {@code rdf:Description}; the other fields are added with the {@code withX} methods.
     */
    public static ManifestEntry newEntry(String identifier) {
        Document d = Xml.newDocument();
        Element rdf = d.createElementNS(RDF, "rdf:RDF");
        for (String ns : List.of(RDF, DCTERMS, SLREQ, SLTERMS)) {
            rdf.setAttributeNS(XmlnsAttr.NS, "xmlns:" + ManifestNamespaces.preferredPrefix(ns), ns);
        }
        d.appendChild(rdf);
        rdf.appendChild(d.createElementNS(RDF, "rdf:Description"));
        return new ManifestEntry(d).withIdentifier(identifier).withText(DCTERMS, "type", "machine");
    }

    // ---------------------------------------------------------------- readers

    public Optional<String> identifier() {
        return text(DCTERMS, "identifier");
    }

    /** {@code slreq:bytes}; empty when absent or not a number. */
    public OptionalLong bytes() {
        Optional<String> t = text(SLREQ, "bytes");
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Algorithm (as written, e.g. {@code SHA-1}) → value (lower-case hex), in document order. */
    public Map<String, String> checksums() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element checksum : elements(root, SLREQ, "checksum")) {
            Optional<String> algorithm = first(checksum, SLREQ, "algorithm").map(ManifestEntry::textOf);
            Optional<String> value = first(checksum, SLREQ, "value").map(ManifestEntry::textOf);
            if (algorithm.isPresent() && value.isPresent()) {
                out.putIfAbsent(algorithm.get(), value.get().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The checksum whose algorithm is SHA-1 ({@code SHA-1} or {@code SHA1}, any case), lower-case hex. */
    public Optional<String> sha1() {
        return checksums().entrySet().stream()
                .filter(e -> isSha1(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** {@code slreq:endorser/slreq:email}. */
    public Optional<String> endorserEmail() {
        return first(root, SLREQ, "endorser").flatMap(e -> first(e, SLREQ, "email")).map(ManifestEntry::textOf)
                .filter(s -> !s.isEmpty());
    }

    /** The raw text of {@code dcterms:created} inside {@code slreq:endorsement}. */
    public Optional<String> createdText() {
        return endorsementCreated().map(ManifestEntry::textOf).filter(s -> !s.isEmpty());
    }

    /** {@code dcterms:created} of the endorsement; empty when absent or not a date. */
    public Optional<Instant> created() {
        return createdText().flatMap(ManifestDates::parse);
    }

    public Optional<String> validText() {
        return text(DCTERMS, "valid");
    }

    /** {@code dcterms:valid} (expiry); empty when absent or not a date. */
    public Optional<Instant> valid() {
        return validText().flatMap(ManifestDates::parse);
    }

    /** Every {@code slterms:location}, in document order. */
    public List<String> locations() {
        return texts(SLTERMS, "location");
    }

    public Optional<String> title() {
        return text(DCTERMS, "title");
    }

    public Optional<String> description() {
        return text(DCTERMS, "description");
    }

    public Optional<String> creator() {
        return text(DCTERMS, "creator");
    }

    public Optional<String> publisher() {
        return text(DCTERMS, "publisher");
    }

    public Optional<String> type() {
        return text(DCTERMS, "type");
    }

    /** {@code slterms:version}. */
    public Optional<String> version() {
        return text(SLTERMS, "version");
    }

    public Optional<String> os() {
        return text(SLTERMS, "os");
    }

    public Optional<String> osArch() {
        return text(SLTERMS, "os-arch");
    }

    public Optional<String> osVersion() {
        return text(SLTERMS, "os-version");
    }

    /** {@code dcterms:format}: {@code raw} or {@code qcow2} (the DISK driver). */
    public Optional<String> format() {
        return text(DCTERMS, "format");
    }

    public Optional<String> compression() {
        return text(DCTERMS, "compression");
    }

    /** {@code slterms:disks-bus}: {@code ide}, {@code scsi} or {@code virtio}. */
    public Optional<String> disksBus() {
        return text(SLTERMS, "disks-bus");
    }

    /** Every {@code slterms:inbound-port}, in document order. */
    public List<String> inboundPorts() {
        return texts(SLTERMS, "inbound-port");
    }

    /**
     * Whether the entry carries {@code slterms:deprecated}. The element marks deprecation by its
     * presence (its text is usually the reason); only the literal text {@code false} means "not
     * deprecated".
     */
    public boolean deprecated() {
        return first(root, SLTERMS, "deprecated").map(ManifestEntry::textOf)
                .map(t -> !t.equalsIgnoreCase("false")).orElse(false);
    }

    /** Whether the entry is offered at {@code instant}: not deprecated and {@code dcterms:valid} after it. */
    public boolean isCurrentAt(Instant instant) {
        return !deprecated() && valid().map(v -> v.isAfter(instant)).orElse(false);
    }

    /** Whether the entry holds an XML signature element ({@link ManifestSigner#verify} checks it). */
    public boolean isSigned() {
        return root.getElementsByTagNameNS(XMLDSIG, "Signature").getLength() > 0;
    }

    /**
     * The required elements of hooks.md §6 that are absent (as {@code prefix:name}, in the order of
     * the spec's table); empty when the entry is complete. Presence is what the legacy CLI checks.
     */
    public List<String> missingRequired() {
        List<String> missing = new ArrayList<>();
        for (String[] r : REQUIRED) {
            if (first(root, r[0], r[1]).isEmpty()) {
                missing.add(r[2]);
            }
            if ("type".equals(r[1]) && endorsementCreated().isEmpty()) {
                missing.add("slreq:endorsement/dcterms:created");
            }
        }
        return missing;
    }

    /** The text of the first descendant {@code namespace}:{@code localName}, stripped. */
    public Optional<String> text(String namespace, String localName) {
        return first(root, namespace, localName).map(ManifestEntry::textOf);
    }

    /** A copy of the entry's document (root {@code rdf:RDF}). */
    public Document document() {
        return (Document) document.cloneNode(true);
    }

    /** The entry as a standalone UTF-8 XML document. */
    public byte[] toXml() {
        return Xml.serialize(document);
    }

    Element rootElement() {
        return root;
    }

    // ---------------------------------------------------------------- copies with changes

    public ManifestEntry withIdentifier(String identifier) {
        return withText(DCTERMS, "identifier", identifier);
    }

    /** Replaces every checksum by one {@code SHA-1} checksum (hooks.md §4.2). */
    public ManifestEntry withSha1(String sha1Hex) {
        String value = Objects.requireNonNull(sha1Hex, "sha1Hex").strip().toLowerCase(Locale.ROOT);
        return edit(e -> {
            Element checksum = e.create(SLREQ, "checksum");
            Element algorithm = e.create(SLREQ, "algorithm");
            algorithm.setTextContent("SHA-1");
            Element v = e.create(SLREQ, "value");
            v.setTextContent(value);
            checksum.appendChild(algorithm);
            checksum.appendChild(v);
            e.replaceAll(SLREQ, "checksum", List.of(checksum));
        });
    }

    public ManifestEntry withBytes(long bytes) {
        return withText(SLREQ, "bytes", Long.toString(bytes));
    }

    public ManifestEntry withCreator(String creator) {
        return withText(DCTERMS, "creator", creator);
    }

    public ManifestEntry withPublisher(String publisher) {
        return withText(DCTERMS, "publisher", publisher);
    }

    public ManifestEntry withVersion(String version) {
        return withText(SLTERMS, "version", version);
    }

    public ManifestEntry withTitle(String title) {
        return withText(DCTERMS, "title", title);
    }

    public ManifestEntry withDescription(String description) {
        return withText(DCTERMS, "description", description);
    }

    public ManifestEntry withOs(String os) {
        return withText(SLTERMS, "os", os);
    }

    public ManifestEntry withOsArch(String osArch) {
        return withText(SLTERMS, "os-arch", osArch);
    }

    public ManifestEntry withOsVersion(String osVersion) {
        return withText(SLTERMS, "os-version", osVersion);
    }

    public ManifestEntry withFormat(String format) {
        return withText(DCTERMS, "format", format);
    }

    public ManifestEntry withCompression(String compression) {
        return withText(DCTERMS, "compression", compression);
    }

    public ManifestEntry withDisksBus(String disksBus) {
        return withText(SLTERMS, "disks-bus", disksBus);
    }

    /** Marks the entry deprecated, with {@code reason} as the element's text. */
    public ManifestEntry withDeprecated(String reason) {
        return withText(SLTERMS, "deprecated", reason);
    }

    /** Replaces every location by this single one (hooks.md §4.2). */
    public ManifestEntry withLocation(String location) {
        return withLocations(List.of(location));
    }

    public ManifestEntry withLocations(List<String> locations) {
        return withRepeated(SLTERMS, "location", locations);
    }

    public ManifestEntry withInboundPorts(List<String> ports) {
        return withRepeated(SLTERMS, "inbound-port", ports);
    }

    public ManifestEntry withValid(Instant valid) {
        return withText(DCTERMS, "valid", ManifestDates.format(valid));
    }

    /** Sets {@code dcterms:created} inside {@code slreq:endorsement} (created when missing). */
    public ManifestEntry withCreated(Instant created) {
        String value = ManifestDates.format(created);
        return edit(e -> {
            Element endorsement = e.endorsement();
            Element c = first(endorsement, DCTERMS, "created").orElseGet(() -> {
                Element n = e.create(DCTERMS, "created");
                endorsement.insertBefore(n, endorsement.getFirstChild());
                return n;
            });
            c.setTextContent(value);
        });
    }

    /** Sets {@code slreq:endorser/slreq:email} (inside {@code slreq:endorsement} when created). */
    public ManifestEntry withEndorserEmail(String email) {
        Objects.requireNonNull(email, "email");
        return edit(e -> {
            Element endorser = first(e.root, SLREQ, "endorser").orElseGet(() -> {
                Element n = e.create(SLREQ, "endorser");
                e.endorsement().appendChild(n);
                return n;
            });
            Element mail = first(endorser, SLREQ, "email").orElseGet(() -> {
                Element n = e.create(SLREQ, "email");
                endorser.appendChild(n);
                return n;
            });
            mail.setTextContent(email);
        });
    }

    /** Sets the text of the first descendant with that name, creating it in the description if absent. */
    public ManifestEntry withText(String namespace, String localName, String value) {
        Objects.requireNonNull(value, localName);
        return edit(e -> e.element(namespace, localName).setTextContent(value));
    }

    private ManifestEntry withRepeated(String namespace, String localName, List<String> values) {
        return edit(e -> {
            List<Element> created = new ArrayList<>();
            for (String v : values) {
                Element n = e.create(namespace, localName);
                n.setTextContent(Objects.requireNonNull(v, localName));
                created.add(n);
            }
            e.replaceAll(namespace, localName, created);
        });
    }

    private ManifestEntry edit(Consumer<Editor> change) {
        Document copy = (Document) document.cloneNode(true);
        Element r = copy.getDocumentElement();
        for (Element signature : elements(r, XMLDSIG, "Signature")) {
            signature.getParentNode().removeChild(signature);
        }
        change.accept(new Editor(copy, r));
        return new ManifestEntry(copy);
    }

    /** Changes on a private copy of the document. */
    private static final class Editor {
        final Document doc;
        final Element root;

        Editor(Document doc, Element root) {
            this.doc = doc;
            this.root = root;
        }

        Element description() {
            return first(root, RDF, "Description").orElseGet(() -> {
                Element d = create(RDF, "Description");
                root.appendChild(d);
                return d;
            });
        }

        Element endorsement() {
            return first(root, SLREQ, "endorsement").orElseGet(() -> {
                Element n = create(SLREQ, "endorsement");
                description().appendChild(n);
                return n;
            });
        }

        Element element(String namespace, String localName) {
            return first(root, namespace, localName).orElseGet(() -> {
                Element n = create(namespace, localName);
                description().appendChild(n);
                return n;
            });
        }

        /** Puts {@code replacements} where the first old element was (else at the end of the description). */
        void replaceAll(String namespace, String localName, List<Element> replacements) {
            List<Element> old = elements(root, namespace, localName);
            Node parent = old.isEmpty() ? description() : old.get(0).getParentNode();
            Node before = old.isEmpty() ? null : old.get(0);
            for (Element n : replacements) {
                parent.insertBefore(n, before);
            }
            for (Element o : old) {
                o.getParentNode().removeChild(o);
            }
        }

        Element create(String namespace, String localName) {
            String prefix = root.lookupPrefix(namespace);
            if (prefix == null) {
                prefix = ManifestNamespaces.preferredPrefix(namespace);
                String bound = root.lookupNamespaceURI(prefix);
                for (int i = 1; bound != null && !bound.equals(namespace); i++) {
                    prefix = ManifestNamespaces.preferredPrefix(namespace) + i;
                    bound = root.lookupNamespaceURI(prefix);
                }
                root.setAttributeNS(XmlnsAttr.NS, "xmlns:" + prefix, namespace);
            }
            return doc.createElementNS(namespace, prefix + ":" + localName);
        }
    }

    // ---------------------------------------------------------------- DOM helpers

    private Optional<Element> endorsementCreated() {
        for (Element endorsement : elements(root, SLREQ, "endorsement")) {
            Optional<Element> c = first(endorsement, DCTERMS, "created");
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private List<String> texts(String namespace, String localName) {
        List<String> out = new ArrayList<>();
        for (Element e : elements(root, namespace, localName)) {
            String t = textOf(e);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static boolean isSha1(String algorithm) {
        String a = algorithm.strip().toUpperCase(Locale.ROOT);
        return a.equals("SHA-1") || a.equals("SHA1");
    }

    private static String textOf(Element e) {
        return e.getTextContent().strip();
    }

    private static Optional<Element> first(Element scope, String namespace, String localName) {
        NodeList list = scope.getElementsByTagNameNS(namespace, localName);
        return list.getLength() == 0 ? Optional.empty() : Optional.of((Element) list.item(0));
    }

    private static List<Element> elements(Element scope, String namespace, String localName) {
        NodeList list = scope.getElementsByTagNameNS(namespace, localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "ManifestEntry[" + identifier().orElse("?") + " by " + endorserEmail().orElse("?") + " at "
                + createdText().orElse("?") + "]";
    }
}
