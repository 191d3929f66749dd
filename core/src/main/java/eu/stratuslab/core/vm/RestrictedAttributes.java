package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.Attribute;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Template attributes only group oneadmin may set (template.md §5.2). Entries are {@code NAME}
 * (any attribute of that name) or {@code VECTOR/KEY} (that key in any such vector). RAW gets one
 * exception: the exact host-CPU form the legacy CLI sends for {@code --use-host-cpu}.
 */
final class RestrictedAttributes {
    /** {@code --use-host-cpu} (template.md §5.2); compared with all whitespace removed on both sides. */
    static final String HOST_CPU_RAW =
            "<qemu:commandline><qemu:arg value='-cpu'/><qemu:arg value='host'/></qemu:commandline>";
    private static final String HOST_CPU_RAW_COMPACT = compact(HOST_CPU_RAW);

    private final List<String> restricted;
    private final boolean rawAllowUsers;

    RestrictedAttributes(Collection<String> restricted, boolean rawAllowUsers) {
        this.restricted = restricted.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).sorted().toList();
        this.rawAllowUsers = rawAllowUsers;
    }

    void check(Caller caller, Template t) throws OneException {
        if (caller.isAdmin()) {
            return;
        }
        for (String r : restricted) {
            int slash = r.indexOf('/');
            boolean present;
            if (slash < 0) {
                present = t.contains(r) && !(r.equals("RAW") && rawAcceptable(t));
            } else {
                String vector = r.substring(0, slash);
                String key = r.substring(slash + 1);
                present = t.vectors(vector).stream().anyMatch(v -> v.get(key) != null);
            }
            if (present) {
                throw new OneException(ErrorCode.AUTHORIZATION,
                        "User [" + caller.uid() + "] : Not authorized to use restricted attribute " + r + ".");
            }
        }
    }

    private boolean rawAcceptable(Template t) {
        if (rawAllowUsers) {
            return true;
        }
        for (Attribute a : t.getAll("RAW")) {
            if (!(a instanceof VectorAttribute v) || !isHostCpu(v)) {
                return false;
            }
        }
        return true;
    }

    /** True for {@code RAW = [ TYPE = kvm, DATA = <host-CPU form> ]}. */
    static boolean isHostCpu(VectorAttribute raw) {
        String type = raw.get("TYPE");
        String data = raw.get("DATA");
        return type != null && type.trim().equalsIgnoreCase("kvm") && data != null
                && compact(data).equals(HOST_CPU_RAW_COMPACT);
    }

    private static String compact(String s) {
        return s.replaceAll("\\s+", "");
    }
}
