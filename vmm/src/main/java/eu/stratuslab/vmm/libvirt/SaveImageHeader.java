package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DriverException;

import eu.stratuslab.vmm.domain.ElementWalk;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;
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
        String name;
        try {
            name = ElementWalk.walk(xml, (r, path) ->
                    path.size() == 2 && "name".equals(r.getLocalName()) ? r.getElementText().strip() : null);
        } catch (XMLStreamException e) {
            throw new DriverException("state file " + stateFile + " has an unreadable domain description", e);
        }
        if (name == null) {
            throw new DriverException("state file " + stateFile + " names no domain");
        }
        return name;
    }
}
