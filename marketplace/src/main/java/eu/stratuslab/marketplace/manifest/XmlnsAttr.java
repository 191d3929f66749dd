package eu.stratuslab.marketplace.manifest;

import javax.xml.XMLConstants;

import org.w3c.dom.Node;

/** Namespace declaration attributes ({@code xmlns}, {@code xmlns:p}). */
final class XmlnsAttr {

    static final String NS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private XmlnsAttr() {
    }

    static boolean isDeclaration(Node attribute) {
        return NS.equals(attribute.getNamespaceURI());
    }
}
