package eu.stratuslab.cli.vm;

import eu.stratuslab.cli.CliException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the commands read of a VM's XML ({@code one.vm.info}, {@code one.vmpool.info}): state, the
 * columns of describe-instance, the NIC, the node of the last history record.
 */
public final class VmView {
    private final Element vm;

    private VmView(Element vm) {
        this.vm = vm;
    }

    /** One {@code <VM>} document. */
    public static VmView parse(String xml) throws CliException {
        Element root = parseDocument(xml).getDocumentElement();
        if (!"VM".equals(root.getTagName())) {
            throw new CliException("unexpected VM document: root <" + root.getTagName() + ">", CliException.UNREADABLE_ANSWER);
        }
        return new VmView(root);
    }

    /** The {@code <VM>} children of a {@code <VM_POOL>}. */
    public static List<VmView> parsePool(String xml) throws CliException {
        Element root = parseDocument(xml).getDocumentElement();
        List<VmView> out = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "VM".equals(e.getTagName())) {
                out.add(new VmView(e));
            }
        }
        return out;
    }

    private static Document parseDocument(String xml) throws CliException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new CliException("unreadable VM document: " + e.getMessage(), CliException.UNREADABLE_ANSWER);
        }
    }

    /** Text of the element at {@code path} (e.g. {@code TEMPLATE/NIC/IP}); the LAST match of each step. */
    public String text(String path) {
        Element e = vm;
        for (String step : path.split("/")) {
            Element found = null;
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals(step)) {
                    found = c;
                }
            }
            if (found == null) {
                return "";
            }
            e = found;
        }
        return e.getTextContent().strip();
    }

    private int number(String path) {
        try {
            return Integer.parseInt(text(path));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int id() {
        return number("ID");
    }

    public String stateLabel() {
        return StateLabels.label(number("STATE"), number("LCM_STATE"));
    }

    /** The node of the LAST history record (§9: the legacy client used the first). */
    public String hostname() {
        return text("HISTORY_RECORDS/HISTORY/HOSTNAME");
    }

    /**
     * Every leaf as {@code <path relative to the VM, lower case, joined by _> = value} (§7, {@code -vvv});
     * a repeated element's last value wins.
     */
    public Map<String, String> flatten() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(vm, "", out);
        return out;
    }

    private static void flatten(Element e, String prefix, Map<String, String> out) {
        boolean leaf = true;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                leaf = false;
                String name = c.getTagName().toLowerCase(Locale.ROOT);
                flatten(c, prefix.isEmpty() ? name : prefix + "_" + name, out);
            }
        }
        if (leaf && !prefix.isEmpty()) {
            out.put(prefix, e.getTextContent().strip());
        }
    }
}
