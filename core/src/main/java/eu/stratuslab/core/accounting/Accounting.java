package eu.stratuslab.core.accounting;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage accounting from the VMs' history records, what OpenNebula's {@code oneacct} gave
 * (issue 12 item 4). A placement (history record) is charged from its {@code STIME} (deploy: the
 * host's capacity is taken) to its {@code ETIME} (the capacity is given back), or to "now" while it
 * is open ({@code ETIME = 0}); that interval is clipped exactly to the requested range, so ranges
 * that tile a period add up to the period's figure. CPU and memory are the VM's requested
 * {@code TEMPLATE/CPU} and {@code TEMPLATE/MEMORY} (MB), as the capacity accounting charges them
 * (xmlrpc-api.md §9). Usage goes to the VM's current owner and group.
 */
public final class Accounting {

    private Accounting() {
    }

    /**
     * @param from   range start, epoch seconds, inclusive
     * @param to     range end, epoch seconds, exclusive; must be after {@code from}
     * @param now    the end of open placements (the core's clock)
     * @param caller oneadmin (and the oneadmin group) see every user; others only their own VMs
     */
    public static AccountingReport report(Collection<VirtualMachine> vms, long from, long to, long now, Caller caller) {
        if (to <= from) {
            throw new IllegalArgumentException("the range end (" + to + ") must be after its start (" + from + ")");
        }
        Map<Long, Usage> users = new TreeMap<>(); // key: uid << 32 | gid, one row per user and group
        Map<Integer, Usage> groups = new TreeMap<>();
        for (VirtualMachine vm : vms) {
            if (!caller.isAdmin() && vm.uid() != caller.uid()) {
                continue;
            }
            long seconds = 0;
            for (HistoryRecord h : vm.history()) {
                seconds += overlap(h.stime(), h.etime() == 0 ? now : h.etime(), from, to);
            }
            if (seconds == 0) {
                continue;
            }
            BigDecimal cpu = BigDecimal.valueOf(vm.cpuRequested());
            BigDecimal memory = BigDecimal.valueOf(vm.memoryRequestedMb());
            long userKey = ((long) vm.uid() << 32) | (vm.gid() & 0xffffffffL);
            users.put(userKey, users.getOrDefault(userKey, Usage.empty(vm.uid(), vm.uname(), vm.gid(), vm.gname()))
                    .plus(seconds, cpu, memory));
            groups.put(vm.gid(), groups.getOrDefault(vm.gid(), Usage.empty(vm.gid(), vm.gname(), vm.gid(), vm.gname()))
                    .plus(seconds, cpu, memory));
        }
        return new AccountingReport(from, to, new ArrayList<>(users.values()), new ArrayList<>(groups.values()));
    }

    /** Seconds of {@code [start, end)} inside {@code [from, to)}; 0 when they do not meet. */
    static long overlap(long start, long end, long from, long to) {
        if (start <= 0) {
            return 0; // never placed
        }
        long s = Math.max(start, from);
        long e = Math.min(end, to);
        return Math.max(0, e - s);
    }
}
