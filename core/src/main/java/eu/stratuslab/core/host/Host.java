package eu.stratuslab.core.host;

import eu.stratuslab.core.pool.NamedObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateXml;
import java.util.List;
import java.util.Map;

/**
 * A host (xmlrpc-api.md §7.3). Immutable snapshot: the pool replaces it after each stored change,
 * so the scheduler and documents always read a consistent host.
 */
public final class Host extends NamedObject {
    private final HostState state;
    private final String imMad;
    private final String vmMad;
    private final String vnMad;
    private final String tmMad;
    private final long lastMonTime;
    private final HostShare share;
    private final Template template;
    private volatile String document;

    Host(int id, String name, HostState state, String imMad, String vmMad, String vnMad, String tmMad,
         long lastMonTime, HostShare share, Template template) {
        super(id, name);
        this.state = state;
        this.imMad = imMad;
        this.vmMad = vmMad;
        this.vnMad = vnMad;
        this.tmMad = tmMad;
        this.lastMonTime = lastMonTime;
        this.share = share;
        this.template = template == null ? new Template() : template;
    }

    public HostState state() {
        return state;
    }

    public String imMad() {
        return imMad;
    }

    public String vmMad() {
        return vmMad;
    }

    public String vnMad() {
        return vnMad;
    }

    public String tmMad() {
        return tmMad;
    }

    public long lastMonTime() {
        return lastMonTime;
    }

    public HostShare share() {
        return share;
    }

    /** A copy of the TEMPLATE (monitoring attributes and whatever one.host.update stored). */
    public Template template() {
        return template.copy();
    }

    /** A TEMPLATE value (for REQUIREMENTS/RANK lookups) without copying; null when absent. */
    public String attribute(String name) {
        return template.getString(name);
    }

    Host with(HostState newState, long monTime, HostShare newShare, Template newTemplate) {
        return new Host(id(), name(), newState, imMad, vmMad, vnMad, tmMad, monTime, newShare, newTemplate);
    }

    Template sharedTemplate() {
        return template;
    }

    /** {@code <HOST>}, rendered once per snapshot. */
    public String document() {
        String d = document;
        if (d == null) {
            XmlDoc doc = new XmlDoc().open("HOST").element("ID", id()).element("NAME", name())
                    .element("STATE", state.code()).element("IM_MAD", imMad).element("VM_MAD", vmMad)
                    .element("VN_MAD", vnMad).element("TM_MAD", tmMad).element("LAST_MON_TIME", lastMonTime);
            share.write(doc);
            TemplateXml.write(template, doc.builder());
            d = doc.close("HOST").toString();
            document = d;
        }
        return d;
    }

    /** The JSON body of the host_pool row. */
    static final class Body {
        int id;
        String name;
        int state;
        String imMad;
        String vmMad;
        String vnMad;
        String tmMad;
        long lastMonTime;
        /** HOST_SHARE values in document order (records are kept out of the JSON mapping). */
        long[] share;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(Host h) {
            id = h.id();
            name = h.name();
            state = h.state.code();
            imMad = h.imMad;
            vmMad = h.vmMad;
            vnMad = h.vnMad;
            tmMad = h.tmMad;
            lastMonTime = h.lastMonTime;
            HostShare x = h.share;
            share = new long[] {x.diskUsage(), x.memUsage(), x.cpuUsage(), x.maxDisk(), x.maxMem(), x.maxCpu(),
                x.freeDisk(), x.freeMem(), x.freeCpu(), x.usedDisk(), x.usedMem(), x.usedCpu(), x.runningVms()};
            template = TemplateJson.toJson(h.template);
        }

        Host toHost() {
            return new Host(id, name, HostState.values()[state], imMad, vmMad, vnMad, tmMad, lastMonTime,
                    shareFromArray(share), TemplateJson.fromJson(template));
        }

        private static HostShare shareFromArray(long[] v) {
            if (v == null || v.length < 13) {
                return HostShare.EMPTY;
            }
            return new HostShare(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], (int) v[12]);
        }
    }
}
