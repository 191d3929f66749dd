package eu.stratuslab.core.network;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.pool.OwnedPoolObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateXml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A virtual network (xmlrpc-api.md §7.4). Mutable, but only the pool changes it, always while
 * holding the network's monitor ({@code synchronized (net)}) and only after the change was stored.
 * Owner, group and permissions are volatile so that authorization reads them without the lock.
 */
public final class VirtualNetwork extends OwnedPoolObject {
    private final int type;
    private final String bridge;
    private final boolean vlan;
    private final String phydev;
    private final String vlanId;
    private final String macPrefix;
    private final long ipStart;
    private final long ipEnd;
    private Template template;
    /** RANGED: the leases in use; FIXED: every declared lease. Guarded by this. */
    private final NavigableMap<Long, Lease> leases = new TreeMap<>();
    /**
     * Every address of a RANGED network below this one has a lease row or is reserved, so the search for the
     * lowest free address starts here instead of at IP_START (allocation stays O(1) amortised on
     * a network with thousands of leases).
     */
    private long scanFrom = Long.MIN_VALUE;
    private int usedLeases;
    private volatile String infoDocument;
    private volatile String poolDocument;

    VirtualNetwork(int id, String name, int uid, int gid, Permissions permissions, NetworkDefinition d) {
        this(id, name, uid, gid, permissions, d.type, d.bridge, d.vlan, d.phydev, d.vlanId, d.macPrefix,
                d.ipStart, d.ipEnd, d.template);
        d.fixedLeases.values().forEach(this::putLease);
    }

    private VirtualNetwork(int id, String name, int uid, int gid, Permissions permissions, int type, String bridge,
                           boolean vlan, String phydev, String vlanId, String macPrefix, long ipStart, long ipEnd,
                           Template template) {
        super(id, name, uid, gid, permissions);
        this.type = type;
        this.bridge = bridge;
        this.vlan = vlan;
        this.phydev = phydev;
        this.vlanId = vlanId;
        this.macPrefix = macPrefix;
        this.ipStart = ipStart;
        this.ipEnd = ipEnd;
        this.template = template;
    }

    public boolean isRanged() {
        return type == NetworkDefinition.RANGED;
    }

    public String bridge() {
        return bridge;
    }

    public boolean vlan() {
        return vlan;
    }

    public String phydev() {
        return phydev;
    }

    public String vlanId() {
        return vlanId;
    }

    /** A TEMPLATE value (DNS, GATEWAY, NETWORK_MASK ... for CONTEXT substitution); null when absent. */
    public synchronized String attribute(String attributeName) {
        return template.getString(attributeName);
    }

    public synchronized Template template() {
        return template.copy();
    }

    public synchronized int usedLeases() {
        return usedLeases;
    }

    String macPrefix() {
        return macPrefix;
    }

    long ipStart() {
        return ipStart;
    }

    long ipEnd() {
        return ipEnd;
    }

    // ---- state changes: the pool calls these while holding the lock, after storing ----

    Lease lease(long ip) {
        return leases.get(ip);
    }

    Collection<Lease> leases() {
        return leases.values();
    }

    boolean contains(long ip) {
        return isRanged() ? ip >= ipStart && ip <= ipEnd : leases.containsKey(ip);
    }

    boolean isFree(long ip) {
        Lease l = leases.get(ip);
        return contains(ip) && (l == null || !l.used());
    }

    /** Free and not one of the addresses a VM must never get (see {@link #reserved()}). */
    boolean isLeasable(long ip) {
        return isFree(ip) && !reserved().contains(ip);
    }

    /**
     * The addresses of a RANGED network that are never leased to a VM: the GATEWAY of its template
     * and the network and broadcast addresses of its NETWORK_MASK (a range given by IP_START/IP_END
     * may include them). Read from the current template, so a one.vn.update of GATEWAY counts at
     * once. FIXED networks lease exactly what the administrator declared.
     */
    private Set<Long> reserved() {
        if (!isRanged()) {
            return Set.of();
        }
        Set<Long> out = new HashSet<>();
        long gateway = Ipv4.parse(template.getString("GATEWAY"));
        if (gateway >= 0) {
            out.add(gateway);
        }
        long mask = Ipv4.parse(template.getString("NETWORK_MASK"));
        if (mask > 0) {
            long network = ipStart & mask;
            out.add(network);
            out.add(network | (~mask & 0xFFFFFFFFL));
        }
        return out;
    }

    /** The lowest address a VM may get, or -1. */
    long lowestFree() {
        if (isRanged()) {
            Set<Long> reserved = reserved();
            long candidate = Math.max(ipStart, scanFrom);
            while (candidate <= ipEnd && (leases.containsKey(candidate) || reserved.contains(candidate))) {
                candidate++;
            }
            scanFrom = candidate;
            return candidate <= ipEnd ? candidate : -1;
        }
        for (Lease l : leases.values()) {
            if (!l.used()) {
                return l.ip();
            }
        }
        return -1;
    }

    String macFor(long ip) {
        Lease l = leases.get(ip);
        return l != null ? l.mac() : Ipv4.mac(macPrefix, ip);
    }

    void putLease(Lease l) {
        Lease old = leases.put(l.ip(), l);
        if (old != null && old.used()) {
            usedLeases--;
        }
        if (l.used()) {
            usedLeases++;
        }
        invalidate();
    }

    void removeLease(long ip) {
        Lease old = leases.remove(ip);
        if (ip < scanFrom) {
            scanFrom = ip;
        }
        if (old != null && old.used()) {
            usedLeases--;
        }
        invalidate();
    }

    @Override
    protected void setOwner(int newUid, int newGid) {
        super.setOwner(newUid, newGid);
        invalidate();
    }

    @Override
    protected void setPermissions(Permissions p) {
        super.setPermissions(p);
        invalidate();
    }

    void setTemplate(Template t) {
        template = t;
        scanFrom = Long.MIN_VALUE; // the reserved addresses may have changed
        invalidate();
    }

    private void invalidate() {
        infoDocument = null;
        poolDocument = null;
    }

    // ---- documents ----

    /** {@code <VNET>} with LEASES (one.vn.info). */
    synchronized String infoDocument(IntFunction<String> userName, IntFunction<String> groupName) {
        String d = infoDocument;
        if (d == null) {
            XmlDoc doc = new XmlDoc();
            writeVnet(doc, userName, groupName);
            doc.open("LEASES");
            for (Lease l : leases.values()) {
                if (isRanged() && !l.used()) {
                    continue;
                }
                doc.open("LEASE").element("IP", Ipv4.format(l.ip())).element("MAC", l.mac())
                        .element("USED", l.used() ? 1 : 0).element("VID", l.vid()).close("LEASE");
            }
            d = doc.close("LEASES").close("VNET").toString();
            infoDocument = d;
        }
        return d;
    }

    /** {@code <VNET>} without LEASES (one.vnpool.info). */
    @Override
    protected void write(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName) {
        doc.raw(poolDocument(userName, groupName));
    }

    private synchronized String poolDocument(IntFunction<String> userName, IntFunction<String> groupName) {
        String d = poolDocument;
        if (d == null) {
            XmlDoc doc = new XmlDoc();
            writeVnet(doc, userName, groupName);
            d = doc.close("VNET").toString();
            poolDocument = d;
        }
        return d;
    }

    private void writeVnet(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName) {
        writeHead(doc, "VNET", userName, groupName);
        doc.element("TYPE", type).element("BRIDGE", bridge).element("VLAN", vlan ? 1 : 0);
        optional(doc, "PHYDEV", phydev);
        optional(doc, "VLAN_ID", vlanId);
        if (isRanged()) {
            doc.open("RANGE").element("IP_START", Ipv4.format(ipStart)).element("IP_END", Ipv4.format(ipEnd))
                    .close("RANGE");
        }
        doc.element("TOTAL_LEASES", usedLeases);
        TemplateXml.write(template, doc.builder());
    }

    private static void optional(XmlDoc doc, String tag, String value) {
        if (value == null || value.isEmpty()) {
            doc.empty(tag);
        } else {
            doc.element(tag, value);
        }
    }

    // ---- storage ----

    @Override
    protected Body body() {
        return new Body(this);
    }

    /** The JSON body of the network_pool row (leases have their own table). */
    static final class Body extends OwnedPoolObject.Body<VirtualNetwork> {
        int type;
        String bridge;
        boolean vlan;
        String phydev;
        String vlanId;
        String macPrefix;
        long ipStart;
        long ipEnd;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(VirtualNetwork n) {
            super(n);
            type = n.type;
            bridge = n.bridge;
            vlan = n.vlan;
            phydev = n.phydev;
            vlanId = n.vlanId;
            macPrefix = n.macPrefix;
            ipStart = n.ipStart;
            ipEnd = n.ipEnd;
            template = TemplateJson.toJson(n.template);
        }

        @Override
        protected VirtualNetwork toObject() {
            return new VirtualNetwork(id, name, uid, gid, storedPermissions(), type, bridge, vlan, phydev, vlanId, macPrefix,
                    ipStart, ipEnd, TemplateJson.fromJson(template));
        }
    }

    /** Leases ascending by IP, for tests and diagnostics. */
    synchronized List<Lease> leaseSnapshot() {
        return new ArrayList<>(leases.values());
    }
}
