package eu.stratuslab.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@code <TEMPLATE>} element of OpenNebula documents (xmlrpc-api.md §7): attributes ordered by
 * name (a stable sort, so several DISK or NIC keep their relative order), keys inside a vector
 * ordered by name, every value in a CDATA section, an empty vector value as {@code <KEY/>}.
 */
public final class TemplateXml {

    private static final Comparator<Attribute> BY_NAME = Comparator.comparing(Attribute::name);

    private TemplateXml() {
    }

    public static String toXml(Template t) {
        StringBuilder out = new StringBuilder(1024);
        write(t, out);
        return out.toString();
    }

    public static void write(Template t, StringBuilder out) {
        List<Attribute> attributes = t.attributes();
        out.append("<TEMPLATE>");
        if (!attributes.isEmpty()) {
            List<Attribute> sorted = new ArrayList<>(attributes);
            sorted.sort(BY_NAME); // List.sort is a stable merge sort
            for (Attribute a : sorted) {
                if (a instanceof SingleAttribute s) {
                    element(out, s.name(), s.value());
                } else {
                    vector(out, (VectorAttribute) a);
                }
            }
        }
        out.append("</TEMPLATE>");
    }

    private static void vector(StringBuilder out, VectorAttribute v) {
        Map<String, String> values = v.values();
        out.append('<').append(v.name()).append('>');
        String[] keys = values.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        for (String key : keys) {
            String value = values.get(key);
            if (value.isEmpty()) {
                out.append('<').append(key).append("/>");
            } else {
                element(out, key, value);
            }
        }
        out.append("</").append(v.name()).append('>');
    }

    private static void element(StringBuilder out, String name, String value) {
        out.append('<').append(name).append('>');
        cdata(out, value);
        out.append("</").append(name).append('>');
    }

    /** A value holding {@code ]]>} is split across two CDATA sections. */
    static void cdata(StringBuilder out, String value) {
        out.append("<![CDATA[");
        int from = 0;
        int i;
        while ((i = value.indexOf("]]>", from)) >= 0) {
            out.append(value, from, i + 2).append("]]><![CDATA[");
            from = i + 2;
        }
        out.append(value, from, value.length()).append("]]>");
    }
}
