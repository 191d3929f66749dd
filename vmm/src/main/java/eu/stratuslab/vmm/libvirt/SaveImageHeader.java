package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DriverException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the domain name in a libvirt save image. virDomainRestore does not return the domain and
 * libvirt-java has no virDomainSaveImageGetXMLDesc, but every libvirt save format (qemu's
 * "LibvirtQemudSave" header, the test driver's "TestGuestMagic") stores the domain XML in clear
 * text right after a short binary header.
 */
final class SaveImageHeader {
    private static final int HEADER_LIMIT = 1 << 20;

    private SaveImageHeader() {}

    static String domainName(Path stateFile) throws DriverException {
        byte[] head;
        try (InputStream in = Files.newInputStream(stateFile)) {
            head = in.readNBytes(HEADER_LIMIT);
        } catch (IOException e) {
            throw new DriverException("cannot read state file " + stateFile + ": " + e.getMessage(), e);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("<domain");
        int end = text.indexOf("</domain>", Math.max(start, 0));
        if (start < 0 || end < 0) {
            throw new DriverException("state file " + stateFile + " holds no libvirt domain description");
        }
        String xml = new String(head, start, end + "</domain>".length() - start, StandardCharsets.UTF_8);
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && "name".equals(r.getLocalName())) {
                        return r.getElementText().strip();
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new DriverException("state file " + stateFile + " has an unreadable domain description", e);
        }
        throw new DriverException("state file " + stateFile + " names no domain");
    }
}
