package eu.stratuslab.cli.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The describe-instance table (legacy-cli.md §7): columns {@code id} 4, {@code state} 10,
 * {@code vcpu} 5, {@code memory} 10, {@code cpu%} 5, {@code host/ip} 24 and {@code name} last,
 * unpadded; values left-aligned; a column widens to its longest value + 1. With {@code -v} a failed
 * VM gets an indented line with its error message.
 */
public final class DescribeTable {
    private static final String[] HEADERS = {"id", "state", "vcpu", "memory", "cpu%", "host/ip", "name"};
    private static final int[] MIN_WIDTHS = {4, 10, 5, 10, 5, 24};

    private DescribeTable() {
    }

    /** @param hostOf turns an IP into what the host/ip column shows (reverse DNS, or the IP itself with -n) */
    public static String render(List<VmView> vms, UnaryOperator<String> hostOf, boolean verbose) {
        List<String[]> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (VmView vm : vms) {
            String ip = vm.text("TEMPLATE/NIC/IP");
            String label = vm.stateLabel();
            rows.add(new String[] {Integer.toString(vm.id()), label, vm.text("TEMPLATE/VCPU"), vm.text("MEMORY"),
                vm.text("CPU"), ip.isEmpty() ? "" : hostOf.apply(ip), vm.text("NAME")});
            String message = vm.text("TEMPLATE/ERROR/MESSAGE");
            errors.add(verbose && ("Failed".equals(label) || "Failure".equals(label)) && !message.isEmpty() ? message : null);
        }
        int[] widths = MIN_WIDTHS.clone();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length() + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, HEADERS, widths);
        for (int r = 0; r < rows.size(); r++) {
            line(sb, rows.get(r), widths);
            if (errors.get(r) != null) {
                sb.append("    ").append(errors.get(r)).append('\n');
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] values, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            sb.append(values[i]);
            sb.append(" ".repeat(Math.max(0, widths[i] - values[i].length())));
        }
        sb.append(values[widths.length]).append('\n');
    }
}
