package eu.stratuslab.marketplace.manifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

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

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened XML for documents that come from the network: no DTD at all (so no entity expansion
 * and no external entities), no XInclude, no external schema, and a size cap checked while
 * reading.
 */
final class Xml {

    private static final DocumentBuilderFactory FACTORY = newFactory();
    private static final TransformerFactory TRANSFORMERS = newTransformerFactory();

    private Xml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static TransformerFactory newTransformerFactory() {
        TransformerFactory f = TransformerFactory.newInstance();
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not make a document unusable
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
    }

    static Document newDocument() {
        return builder().newDocument();
    }

    /** Reads at most {@code maxBytes}; one byte more is an error (the rest is not read). */
    static byte[] readCapped(InputStream in, int maxBytes) throws ManifestException {
        try {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw new ManifestException("manifest too large: more than " + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new ManifestException("cannot read the manifest: " + e.getMessage(), e);
        }
    }

    static Document parse(byte[] xml, int maxBytes) throws ManifestException {
        if (xml.length > maxBytes) {
            throw new ManifestException("manifest too large: more than " + maxBytes + " bytes");
        }
        if (xml.length == 0) {
            throw new ManifestException("empty manifest: an XML document is expected");
        }
        try {
            return builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new ManifestException(describe(e), e);
        } catch (SAXException e) {
            throw new ManifestException("malformed manifest XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ManifestException("cannot read the manifest: " + e.getMessage(), e);
        }
    }

    private static String describe(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
            return "manifest refused: document type declarations (DTD, entities) are not allowed";
        }
        return "malformed manifest XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): "
                + message;
    }

    static byte[] serialize(Document document) {
        try {
            Transformer t = TRANSFORMERS.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.METHOD, "xml");
            t.setOutputProperty(OutputKeys.STANDALONE, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize a manifest document", e);
        }
    }
}
