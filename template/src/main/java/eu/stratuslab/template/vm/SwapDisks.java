package eu.stratuslab.template.vm;

import eu.stratuslab.template.VectorAttribute;

/**
 * The legacy CLI always sends a swap DISK, with {@code size = 0} when the instance type has no
 * swap (template.md §2, §3 (e)). Such a disk is skipped: no device, no file, no reserved target.
 */
public final class SwapDisks {

    private SwapDisks() {
    }

    /** True for {@code TYPE=swap} (any case) whose SIZE is absent, empty or zero. */
    public static boolean isSkipped(VectorAttribute disk) {
        String type = disk.get("TYPE");
        if (type == null || !type.trim().equalsIgnoreCase("swap")) {
            return false;
        }
        String size = disk.get("SIZE");
        if (size == null || size.isBlank()) {
            return true;
        }
        return isZero(size.trim());
    }

    /** "0", "00", "0.0", "-0" are zero; anything else (including non-numbers) is not. */
    private static boolean isZero(String s) {
        int i = 0;
        if (s.startsWith("-") || s.startsWith("+")) {
            i = 1;
        }
        boolean digit = false;
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '0') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }
}
