package eu.stratuslab.probes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reading the cloud's XML documents (VM, VNET, pools) with the JDK's DOM. */
final class Xml {
    private Xml() {
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            // template attribute names become element names: fuzzed ones exceed the JDK's default
            // 1,000-character name limit, which is legal XML (other clients parse it)
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxXMLNameLimit", "0");
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (org.xml.sax.SAXParseException e) {
            // name the spot, not the whole (possibly huge) document
            String[] lines = xml.split("\n", -1);
            String line = e.getLineNumber() >= 1 && e.getLineNumber() <= lines.length ? lines[e.getLineNumber() - 1] : "";
            int col = Math.max(0, Math.min(line.length(), e.getColumnNumber() - 1));
            String near = line.substring(Math.max(0, col - 120), Math.min(line.length(), col + 40));
            throw new IllegalArgumentException("not well-formed XML from the cloud (" + e.getMessage() + ") near: "
                    + near.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                            .collect(java.util.stream.Collectors.joining()), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + xml.substring(0, Math.min(300, xml.length())), e);
        }
    }

    /** Direct children named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Text of the element at a slash-separated path of direct children, or "" when absent. */
    static String text(Element parent, String path) {
        Element e = parent;
        for (String step : path.split("/")) {
            List<Element> c = children(e, step);
            if (c.isEmpty()) {
                return "";
            }
            e = c.get(0);
        }
        return e.getTextContent().trim();
    }

    /** Every descendant named {@code name}. */
    static List<Element> all(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
