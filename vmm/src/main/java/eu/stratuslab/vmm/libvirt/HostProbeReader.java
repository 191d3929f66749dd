package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.HostProbe;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

import java.util.Locale;

/**
 * Host monitoring through libvirt alone (so it works for remote nodes without an agent):
 * size from NodeInfo, free memory from the node (or, where the driver cannot tell, what its
 * domains do not use), CPU load as the domains' CPU time since the previous probe, network as
 * the byte counters of the VMs' interfaces.
 * <p>
 * CPU load is sampled per domain and summed: a domain's first sample counts 0. Summing the
 * cumulative counters first would make every domain that appears between two probes look as if
 * it had burnt its whole lifetime's CPU in that interval (on libvirt's test driver, whose CPU
 * time is the wall clock, ~1.7e18 ns), leaving FREE_CPU at 0 and every new VM PENDING until the
 * next probe.
 */
final class HostProbeReader {
    private static final String DOMAIN_KEY = "domain:";

    private HostProbeReader() {}

    /** One probe of the host behind {@code conn}; {@code sampler} keeps the domains' CPU samples between probes. */
    static HostProbe read(Connect conn, CpuSampler sampler) throws LibvirtException {
        NodeInfo node = conn.nodeInfo();
        int totalCpu = node.cpus * 100;
        long totalMemKb = node.memory;

        long domainsMemKb = 0;
        long oneDomainsMemKb = 0;
        long usedCpuSum = 0;
        long now = System.nanoTime();
        java.util.Set<String> sampled = new java.util.HashSet<>();
        long netRx = 0;
        long netTx = 0;
        for (int id : conn.listDomains()) {
            Domain d = LibvirtDriver.lookupById(conn, id);
            if (d == null) {
                continue;
            }
            try {
                DomainInfo info = d.getInfo();
                domainsMemKb += info.memory;
                String key = DOMAIN_KEY + d.getUUIDString();
                sampled.add(key);
                usedCpuSum += sampler.percent(key, info.cpuTime, now, 100 * Math.max(1, info.nrVirtCpu));
                if (DeployIds.isOneDomain(d.getName())) {
                    oneDomainsMemKb += info.memory;
                    long[] net = LibvirtDriver.interfaceTotals(d);
                    netRx += net[0];
                    netTx += net[1];
                }
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNoDomain(e)) {
                    throw e;
                }
            } finally {
                LibvirtDriver.free(d);
            }
        }
        // libvirt's test driver starts with a demo domain ("test") that takes nearly all of its
        // fake memory; on that driver only our own domains count, so the test host can run VMs.
        boolean testDriver = "test".equalsIgnoreCase(conn.getType());
        long freeMemKb = testDriver ? Math.max(0, totalMemKb - oneDomainsMemKb) : freeMemoryKb(conn, totalMemKb, domainsMemKb);
        sampler.retainOnly(sampled); // domains that are gone: their next incarnation starts afresh
        int usedCpu = (int) Math.min(totalCpu, usedCpuSum);
        String capabilities = conn.getCapabilities();
        String model = DomainXmlFacts.firstText(capabilities, "host", "cpu", "model");
        return new HostProbe(totalCpu, totalMemKb, totalCpu - usedCpu, freeMemKb, usedCpu, totalMemKb - freeMemKb,
                hypervisorName(conn.getType()), node.model, model == null || model.isBlank() ? node.model : model,
                Integer.toString(node.mhz), netRx, netTx, conn.getHostName());
    }

    private static long freeMemoryKb(Connect conn, long totalMemKb, long domainsMemKb) throws LibvirtException {
        try {
            return Math.min(totalMemKb, conn.getFreeMemory() / 1024);
        } catch (LibvirtException e) {
            // The test driver and some remote set-ups cannot report free memory.
            return Math.max(0, totalMemKb - domainsMemKb);
        }
    }

    /** OpenNebula's HYPERVISOR values: kvm for the qemu driver, otherwise libvirt's driver name. */
    static String hypervisorName(String libvirtType) {
        String t = libvirtType == null ? "" : libvirtType.toLowerCase(Locale.ROOT);
        return t.equals("qemu") ? "kvm" : t;
    }
}
