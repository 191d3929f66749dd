package eu.stratuslab.core.host;

import eu.stratuslab.vmm.HostProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which monitoring attributes an information driver writes into the host TEMPLATE. OpenNebula's
 * {@code im_dummy} reported a fixed, smaller set (no ARCH, MODELNAME, NETRX, NETTX) with CPUSPEED
 * {@code 2.2GHz}; the golden host documents are byte-compared against that, so dummy hosts keep it.
 */
final class MonitoringAttributes {
    private static final Set<String> DUMMY_IM = Set.of("im_dummy", "dummy");

    private MonitoringAttributes() {
    }

    static boolean isDummy(String imMad) {
        return imMad != null && DUMMY_IM.contains(imMad);
    }

    static Map<String, String> of(String imMad, HostProbe p, String hostName) {
        if (!isDummy(imMad)) {
            return p.asTemplateAttributes();
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPUSPEED", "2.2GHz");
        m.put("FREECPU", Integer.toString(p.freeCpu()));
        m.put("FREEMEMORY", Long.toString(p.freeMemoryKb()));
        m.put("HOSTNAME", hostName);
        m.put("HYPERVISOR", "dummy");
        m.put("TOTALCPU", Integer.toString(p.totalCpu()));
        m.put("TOTALMEMORY", Long.toString(p.totalMemoryKb()));
        m.put("USEDCPU", Integer.toString(p.usedCpu()));
        m.put("USEDMEMORY", Long.toString(p.usedMemoryKb()));
        return m;
    }
}
