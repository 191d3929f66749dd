package eu.stratuslab.template.vm;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DISK processing at allocate (template.md §5.3, §5.4): DISK_ID by position, the CONTEXT target
 * default, and target assignment that removes the duplicate targets the legacy CLI produces
 * (volatile, persistent and read-only disks all ask for {@code <p>c}).
 */
public final class DiskTargets {

    /** OpenNebula's DEFAULT_DEVICE_PREFIX. */
    public static final String DEFAULT_PREFIX = "hd";

    private DiskTargets() {
    }

    /** {@link #assign(Template, String)} with the default prefix {@code hd}. */
    public static void assign(Template vmTemplate) throws TemplateRuleException {
        assign(vmTemplate, DEFAULT_PREFIX);
    }

    /**
     * Sets DISK_ID on every DISK, TARGET = {@code <prefix>b} on a CONTEXT without one, and a unique
     * TARGET on every DISK that is not a skipped swap disk. The template is left unchanged when
     * no target is free for some DISK.
     */
    public static void assign(Template vmTemplate, String defaultPrefix) throws TemplateRuleException {
        List<VectorAttribute> disks = vmTemplate.vectors("DISK");
        String contextTarget = contextTarget(vmTemplate, defaultPrefix);

        Set<String> reserved = new HashSet<>();
        Set<String> used = new HashSet<>();
        if (contextTarget != null) {
            reserved.add(contextTarget);
            used.add(contextTarget);
        }
        for (VectorAttribute disk : disks) {
            String t = target(disk);
            if (t != null && !SwapDisks.isSkipped(disk)) {
                reserved.add(t);
            }
        }

        String[] finalTargets = new String[disks.size()];
        for (int id = 0; id < disks.size(); id++) {
            VectorAttribute disk = disks.get(id);
            if (SwapDisks.isSkipped(disk)) {
                continue;
            }
            String t = target(disk);
            String chosen = (t != null && !used.contains(t)) ? t : freeTarget(t, defaultPrefix, used, reserved);
            if (chosen == null) {
                throw new TemplateRuleException("No free target for DISK " + id);
            }
            used.add(chosen);
            finalTargets[id] = chosen;
        }

        // nothing is written before every disk has a target: a failed allocate loses nothing
        for (int id = 0; id < disks.size(); id++) {
            VectorAttribute disk = disks.get(id);
            disk.put("DISK_ID", Integer.toString(id));
            if (finalTargets[id] != null) {
                disk.put("TARGET", finalTargets[id]);
            }
        }
        if (contextTarget != null) {
            vmTemplate.firstVector("CONTEXT").put("TARGET", contextTarget);
        }
    }

    /** The CONTEXT target, {@code <prefix>b} when CONTEXT has none; null without CONTEXT. */
    private static String contextTarget(Template t, String defaultPrefix) {
        VectorAttribute context = t.firstVector("CONTEXT");
        if (context == null) {
            return null;
        }
        String target = target(context);
        return target != null ? target : defaultPrefix + "b";
    }

    private static String target(VectorAttribute v) {
        String t = v.get("TARGET");
        if (t == null) {
            return null;
        }
        t = t.trim();
        return t.isEmpty() ? null : t;
    }

    /**
     * {@code <prefix><letter>} with prefix = the target without its last character (default prefix
     * without target) and the first letter after the target's last letter (from 'a' without
     * target, or when the target does not end in a lower-case letter) that is neither used nor
     * reserved; null when none up to 'z' is free.
     */
    private static String freeTarget(String target, String defaultPrefix, Set<String> used, Set<String> reserved) {
        String prefix;
        char from;
        if (target == null) {
            prefix = defaultPrefix;
            from = 'a';
        } else {
            prefix = target.substring(0, target.length() - 1);
            char last = target.charAt(target.length() - 1);
            from = (last >= 'a' && last <= 'z') ? (char) (last + 1) : 'a';
        }
        for (char letter = from; letter <= 'z'; letter++) {
            String candidate = prefix + letter;
            if (!used.contains(candidate) && !reserved.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
