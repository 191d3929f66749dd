package eu.stratuslab.vmm.libvirt;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Facts read back from the live domain XML libvirt reports. */
final class DomainXmlFacts {
    private DomainXmlFacts() {}

    /** The host-side device names of the domain's interfaces ({@code <interface><target dev=.../>}). */
    static List<String> interfaceDevices(String domainXml) {
        List<String> devs = new ArrayList<>();
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(domainXml));
            boolean inInterface = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if ("interface".equals(r.getLocalName())) {
                        inInterface = true;
                    } else if (inInterface && "target".equals(r.getLocalName())) {
                        String dev = r.getAttributeValue(null, "dev");
                        if (dev != null && !dev.isBlank()) {
                            devs.add(dev);
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && "interface".equals(r.getLocalName())) {
                    inInterface = false;
                }
            }
        } catch (XMLStreamException e) {
            return List.of(); // statistics are best effort
        }
        return devs;
    }

    /** Text of the first element with the given path of local names (e.g. host, cpu, model), or null. */
    static String firstText(String xml, String... path) {
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            List<String> stack = new ArrayList<>();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    stack.add(r.getLocalName());
                    if (endsWith(stack, path)) {
                        return r.getElementText().strip();
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
        } catch (XMLStreamException e) {
            return null;
        }
        return null;
    }

    private static boolean endsWith(List<String> stack, String[] path) {
        if (stack.size() < path.length) {
            return false;
        }
        int off = stack.size() - path.length;
        for (int i = 0; i < path.length; i++) {
            if (!stack.get(off + i).equals(path[i])) {
                return false;
            }
        }
        return true;
    }
}
