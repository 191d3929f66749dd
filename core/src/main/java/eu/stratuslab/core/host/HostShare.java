package eu.stratuslab.core.host;

import eu.stratuslab.core.xml.XmlDoc;

/**
 * HOST_SHARE (xmlrpc-api.md §7.3): the *_USAGE counters and RUNNING_VMS are what the core has
 * allocated to VMs; MAX/FREE/USED come from monitoring.
 */
public record HostShare(long diskUsage, long memUsage, long cpuUsage, long maxDisk, long maxMem, long maxCpu,
                        long freeDisk, long freeMem, long freeCpu, long usedDisk, long usedMem, long usedCpu,
                        int runningVms) {

    public static final HostShare EMPTY = new HostShare(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The allocation counters changed by the given amounts (negative: released). They saturate
     * instead of wrapping and never go below zero, whatever a template's CPU or MEMORY says.
     */
    HostShare charged(long cpu, long memKb, int vms) {
        return new HostShare(diskUsage, counter(memUsage, memKb), counter(cpuUsage, cpu), maxDisk, maxMem, maxCpu,
                freeDisk, freeMem, freeCpu, usedDisk, usedMem, usedCpu, (int) Math.min(Integer.MAX_VALUE,
                        counter(runningVms, vms)));
    }

    private static long counter(long value, long delta) {
        long sum = value + delta;
        if (((value ^ sum) & (delta ^ sum)) < 0) { // overflow: the sign of the result is wrong
            sum = delta > 0 ? Long.MAX_VALUE : 0;
        }
        return Math.max(0, sum);
    }

    /** The allocation counters replaced (a recount from the VMs after a crash). */
    HostShare withAllocations(long cpu, long memKb, int vms) {
        return new HostShare(diskUsage, memKb, cpu, maxDisk, maxMem, maxCpu,
                freeDisk, freeMem, freeCpu, usedDisk, usedMem, usedCpu, vms);
    }

    HostShare monitored(long totalMem, long totalCpu, long freeMemKb, long freeCpuPct, long usedMemKb, long usedCpuPct) {
        return new HostShare(diskUsage, memUsage, cpuUsage, maxDisk, totalMem, totalCpu,
                freeDisk, freeMemKb, freeCpuPct, usedDisk, usedMemKb, usedCpuPct, runningVms);
    }

    /**
     * Whether this probe found more free or total CPU or memory than {@code before}: the values the
     * capacity checks of xmlrpc-api.md §9 compare with a VM's demand.
     */
    boolean hasMoreRoomThan(HostShare before) {
        return freeCpu > before.freeCpu || freeMem > before.freeMem || maxCpu > before.maxCpu || maxMem > before.maxMem;
    }

    void write(XmlDoc doc) {
        doc.open("HOST_SHARE")
                .element("DISK_USAGE", diskUsage).element("MEM_USAGE", memUsage).element("CPU_USAGE", cpuUsage)
                .element("MAX_DISK", maxDisk).element("MAX_MEM", maxMem).element("MAX_CPU", maxCpu)
                .element("FREE_DISK", freeDisk).element("FREE_MEM", freeMem).element("FREE_CPU", freeCpu)
                .element("USED_DISK", usedDisk).element("USED_MEM", usedMem).element("USED_CPU", usedCpu)
                .element("RUNNING_VMS", runningVms)
                .close("HOST_SHARE");
    }
}
