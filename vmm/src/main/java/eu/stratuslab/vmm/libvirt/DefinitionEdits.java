package eu.stratuslab.vmm.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.function.BiFunction;

/**
 * Edits of a libvirt domain description for disk hot-plug: the {@code <disk>} element of a target
 * (what {@code virDomainDetachDevice} wants), and a definition with a disk added or removed (the
 * test driver, which cannot hot-plug). Parsing refuses DTDs and external entities.
 */
final class DefinitionEdits {
    private DefinitionEdits() {}

    /** The definition with {@code diskXml} appended to {@code <devices>}. */
    static String withDisk(String domainXml, String diskXml) {
        Document doc = parse(domainXml);
        Element devices = devices(doc);
        Node disk = doc.importNode(parse(diskXml).getDocumentElement(), true);
        devices.appendChild(disk);
        return write(doc, false);
    }

    /** The definition without the disk on {@code target}; null when it has none. */
    static String withoutDisk(String domainXml, String target) {
        return onDisk(domainXml, target, (doc, disk) -> {
            disk.getParentNode().removeChild(disk);
            return write(doc, false);
        });
    }

    /** The {@code <disk>} element on {@code target}, as text; null when the domain has none. */
    static String diskElement(String domainXml, String target) {
        return onDisk(domainXml, target, (doc, disk) -> {
            Document single = builder().newDocument();
            single.appendChild(single.importNode(disk, true));
            return write(single, true);
        });
    }

    /** What {@code edit} makes of the parsed definition and its disk on {@code target}; null when it has none. */
    private static String onDisk(String domainXml, String target, BiFunction<Document, Element, String> edit) {
        Document doc = parse(domainXml);
        Element disk = disk(doc, target);
        return disk == null ? null : edit.apply(doc, disk);
    }

    private static Element devices(Document doc) {
        NodeList l = doc.getDocumentElement().getElementsByTagName("devices");
        if (l.getLength() == 0) {
            Element devices = doc.createElement("devices");
            doc.getDocumentElement().appendChild(devices);
            return devices;
        }
        return (Element) l.item(0);
    }

    private static Element disk(Document doc, String target) {
        NodeList disks = devices(doc).getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            Element d = (Element) disks.item(i);
            NodeList targets = d.getElementsByTagName("target");
            for (int j = 0; j < targets.getLength(); j++) {
                if (target.equals(((Element) targets.item(j)).getAttribute("dev"))) {
                    return d;
                }
            }
        }
        return null;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser available", e);
        }
    }

    private static Document parse(String xml) {
        try {
            return builder().parse(new InputSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXException | IOException e) {
            throw new IllegalArgumentException("not a domain description: " + e.getMessage(), e);
        }
    }

    private static String write(Document doc, boolean omitDeclaration) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, omitDeclaration ? "yes" : "no");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write a domain description", e);
        }
    }
}
