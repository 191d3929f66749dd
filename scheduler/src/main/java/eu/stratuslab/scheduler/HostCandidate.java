package eu.stratuslab.scheduler;

import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostShare;
import eu.stratuslab.template.Attribute;
import eu.stratuslab.template.SingleAttribute;
import eu.stratuslab.template.expr.AttributeLookup;
import java.util.HashMap;
import java.util.Map;

/**
 * A host as one scheduling pass sees it: a snapshot of its share plus what this pass has already
 * placed on it, so that one pass never over-commits a host.
 */
final class HostCandidate implements AttributeLookup {
    final Host host;
    final int id;
    private final HostShare share;
    long cpuUsage;
    long memUsage;
    long freeCpu;
    long freeMem;
    int runningVms;
    int dispatchedThisPass;
    /** The host TEMPLATE's single attributes, indexed once per pass (lookups run V x H times). */
    private final Map<String, String> attributes = new HashMap<>();

    HostCandidate(Host host) {
        this.host = host;
        for (Attribute a : host.template().attributes()) {
            if (a instanceof SingleAttribute single) {
                attributes.putIfAbsent(single.name(), single.value());
            }
        }
        this.id = host.id();
        this.share = host.share();
        this.cpuUsage = share.cpuUsage();
        this.memUsage = share.memUsage();
        this.freeCpu = share.freeCpu();
        this.freeMem = share.freeMem();
        this.runningVms = share.runningVms();
    }

    /** Capacity checks of xmlrpc-api.md §9: monitored free capacity and allocated capacity. */
    boolean fits(long cpu, long memKb) {
        return freeCpu >= cpu && freeMem >= memKb
                && share.maxCpu() - cpuUsage >= cpu && share.maxMem() - memUsage >= memKb;
    }

    void place(long cpu, long memKb) {
        cpuUsage += cpu;
        memUsage += memKb;
        freeCpu -= cpu;
        freeMem -= memKb;
        runningVms++;
        dispatchedThisPass++;
    }

    /** Host TEMPLATE, then HOST_SHARE, then the host's top-level elements (template.md §7). */
    @Override
    public double getDouble(String name) {
        if (!attributes.containsKey(name)) {
            double v = shareNumber(name);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return AttributeLookup.super.getDouble(name);
    }

    @Override
    public long getLong(String name) {
        if (!attributes.containsKey(name)) {
            double v = shareNumber(name);
            if (!Double.isNaN(v)) {
                return (long) v;
            }
        }
        return AttributeLookup.super.getLong(name);
    }

    /** HOST_SHARE values without formatting them as text; NaN for other names. */
    private double shareNumber(String name) {
        return switch (name) {
            case "RUNNING_VMS" -> runningVms;
            case "FREE_CPU" -> freeCpu;
            case "FREE_MEM" -> freeMem;
            case "CPU_USAGE" -> cpuUsage;
            case "MEM_USAGE" -> memUsage;
            case "MAX_CPU" -> share.maxCpu();
            case "MAX_MEM" -> share.maxMem();
            case "USED_CPU" -> share.usedCpu();
            case "USED_MEM" -> share.usedMem();
            default -> Double.NaN;
        };
    }

    @Override
    public String get(String name) {
        String v = attributes.get(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case "DISK_USAGE" -> Long.toString(share.diskUsage());
            case "MEM_USAGE" -> Long.toString(memUsage);
            case "CPU_USAGE" -> Long.toString(cpuUsage);
            case "MAX_DISK" -> Long.toString(share.maxDisk());
            case "MAX_MEM" -> Long.toString(share.maxMem());
            case "MAX_CPU" -> Long.toString(share.maxCpu());
            case "FREE_DISK" -> Long.toString(share.freeDisk());
            case "FREE_MEM" -> Long.toString(freeMem);
            case "FREE_CPU" -> Long.toString(freeCpu);
            case "USED_DISK" -> Long.toString(share.usedDisk());
            case "USED_MEM" -> Long.toString(share.usedMem());
            case "USED_CPU" -> Long.toString(share.usedCpu());
            case "RUNNING_VMS" -> Integer.toString(runningVms);
            case "ID" -> Integer.toString(id);
            case "NAME" -> host.name();
            case "STATE" -> Integer.toString(host.state().code());
            case "IM_MAD" -> host.imMad();
            case "VM_MAD" -> host.vmMad();
            case "VN_MAD" -> host.vnMad();
            case "TM_MAD" -> host.tmMad();
            default -> null;
        };
    }
}
