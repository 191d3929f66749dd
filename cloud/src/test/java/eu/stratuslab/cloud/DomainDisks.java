package eu.stratuslab.cloud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The disks of a libvirt domain description, read as text (what a test compares with what it expects). */
final class DomainDisks {
    private DomainDisks() {
    }

    /** The {@code <disk>…</disk>} element of a target in a domain description, or null. */
    static String element(String xml, String target) {
        Matcher m = Pattern.compile("<disk\\b(?:(?!</disk>).)*?<target dev=['\"]" + target
                + "['\"](?:(?!</disk>).)*</disk>", Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group() : null;
    }
}
