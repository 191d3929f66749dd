package eu.stratuslab.vmm;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monitoring data of a node, in OpenNebula's units: CPU in percent of one core (100 per core),
 * memory in KiB, network in bytes.
 */
public record HostProbe(int totalCpu, long totalMemoryKb, int freeCpu, long freeMemoryKb, int usedCpu,
                        long usedMemoryKb, String hypervisor, String arch, String modelName, String cpuSpeed,
                        long netRx, long netTx, String hostname) {

    /** The monitoring attributes written into the host TEMPLATE (xmlrpc-api.md §7.3), sorted by name. */
    public Map<String, String> asTemplateAttributes() {
        Map<String, String> m = new TreeMap<>();
        m.put("ARCH", nullToEmpty(arch));
        m.put("CPUSPEED", nullToEmpty(cpuSpeed));
        m.put("FREECPU", Integer.toString(freeCpu));
        m.put("FREEMEMORY", Long.toString(freeMemoryKb));
        m.put("HOSTNAME", nullToEmpty(hostname));
        m.put("HYPERVISOR", nullToEmpty(hypervisor));
        m.put("MODELNAME", nullToEmpty(modelName));
        m.put("NETRX", Long.toString(netRx));
        m.put("NETTX", Long.toString(netTx));
        m.put("TOTALCPU", Integer.toString(totalCpu));
        m.put("TOTALMEMORY", Long.toString(totalMemoryKb));
        m.put("USEDCPU", Integer.toString(usedCpu));
        m.put("USEDMEMORY", Long.toString(usedMemoryKb));
        return Collections.unmodifiableMap(m);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
