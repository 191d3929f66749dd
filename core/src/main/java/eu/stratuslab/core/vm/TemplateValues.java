package eu.stratuslab.core.vm;

import eu.stratuslab.core.OneException;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The numbers of a VM template checked at allocate, before any quota check or lease (issue 13
 * item 3): {@code CPU} and {@code MEMORY} must be finite and greater than 0, {@code VCPU} a whole
 * number ≥ 1, {@code DISK/SIZE} a whole number of MB ≥ 0 (swap of size 0 is skipped, template.md
 * §5.4), each within a bound no real host reaches. An absent attribute is not checked (CPU and
 * MEMORY may be absent as with oned; VCPU gets its default later); an empty VCPU is the default too.
 * Only plain decimal notation is accepted (no {@code NaN}, {@code Infinity}, hexadecimal).
 */
final class TemplateValues {
    static final double MAX_CPU = 1024;
    static final int MAX_VCPU = 1024;
    /** 4 TiB in MB. */
    static final double MAX_MEMORY_MB = 4L * 1024 * 1024;
    /** 16 TiB in MB. */
    static final long MAX_DISK_SIZE_MB = 16L * 1024 * 1024;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private TemplateValues() {
    }

    static void check(Template t) throws OneException {
        String cpu = t.getString("CPU");
        if (cpu != null && !inRange(cpu, false, MAX_CPU, false)) {
            throw VmAllocator.internal("CPU must be a number greater than 0 and at most " + (long) MAX_CPU
                    + ", not '" + cpu + "'");
        }
        String memory = t.getString("MEMORY");
        if (memory != null && !inRange(memory, false, MAX_MEMORY_MB, false)) {
            throw VmAllocator.internal("MEMORY must be a number greater than 0 and at most " + (long) MAX_MEMORY_MB
                    + " (MB), not '" + memory + "'");
        }
        String vcpu = t.getString("VCPU");
        if (vcpu != null && !vcpu.isBlank() && !inRange(vcpu, false, MAX_VCPU, true)) {
            throw VmAllocator.internal("VCPU must be a whole number from 1 to " + MAX_VCPU + ", not '" + vcpu + "'");
        }
        for (VectorAttribute disk : t.vectors("DISK")) {
            String size = disk.get("SIZE");
            if (size != null && !size.isBlank() && !inRange(size, true, MAX_DISK_SIZE_MB, true)) {
                throw VmAllocator.internal("DISK SIZE must be a whole number of MB from 0 to " + MAX_DISK_SIZE_MB
                        + ", not '" + size + "'");
            }
        }
    }

    /** A plain decimal in (0, max] (or [0, max] with {@code zeroAllowed}), integral when asked. */
    private static boolean inRange(String text, boolean zeroAllowed, double max, boolean integral) {
        String s = text.strip();
        if (!DECIMAL.matcher(s).matches() || s.length() > 40) {
            return false;
        }
        BigDecimal v = new BigDecimal(s);
        int sign = v.signum();
        if (sign < 0 || (sign == 0 && !zeroAllowed)) {
            return false;
        }
        if (v.compareTo(BigDecimal.valueOf(max)) > 0) {
            return false;
        }
        return !integral || v.stripTrailingZeros().scale() <= 0;
    }
}
