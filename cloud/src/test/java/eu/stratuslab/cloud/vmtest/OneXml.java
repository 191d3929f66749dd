package eu.stratuslab.cloud.vmtest;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** XPath reads of the documents one.vm.info / one.host.info return. */
public final class OneXml {
    private final Document doc;

    private OneXml(Document doc) {
        this.doc = doc;
    }

    public static OneXml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new OneXml(f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a document: " + xml, e);
        }
    }

    /** Text of the first node at {@code path} ("" when absent). */
    public String get(String path) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(path, doc);
        } catch (Exception e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    public int getInt(String path) {
        return Integer.parseInt(get(path).trim());
    }

    public long getLong(String path) {
        return Long.parseLong(get(path).trim());
    }

    /** Number of nodes at {@code path}. */
    public int count(String path) {
        try {
            return ((Double) XPathFactory.newInstance().newXPath().evaluate("count(" + path + ")", doc,
                    javax.xml.xpath.XPathConstants.NUMBER)).intValue();
        } catch (Exception e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
