package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.domain.ElementWalk;

import javax.xml.stream.XMLStreamException;
import java.util.ArrayList;
import java.util.List;

/** Facts read back from the live domain XML libvirt reports. */
final class DomainXmlFacts {
    private DomainXmlFacts() {}

    /** The host-side device names of the domain's interfaces ({@code <interface><target dev=.../>}). */
    static List<String> interfaceDevices(String domainXml) {
        List<String> devs = new ArrayList<>();
        try {
            ElementWalk.walk(domainXml, (r, path) -> {
                if ("target".equals(r.getLocalName()) && path.contains("interface")) {
                    String dev = r.getAttributeValue(null, "dev");
                    if (dev != null && !dev.isBlank()) {
                        devs.add(dev);
                    }
                }
                return null;
            });
        } catch (XMLStreamException e) {
            return List.of(); // statistics are best effort
        }
        return devs;
    }

    /** Text of the first element with the given path of local names (e.g. host, cpu, model), or null. */
    static String firstText(String xml, String... path) {
        try {
            return ElementWalk.walk(xml, (r, stack) -> endsWith(stack, path) ? r.getElementText().strip() : null);
        } catch (XMLStreamException e) {
            return null;
        }
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
