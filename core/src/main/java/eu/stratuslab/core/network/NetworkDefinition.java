package eu.stratuslab.core.network;

import eu.stratuslab.template.Attribute;
import eu.stratuslab.template.SingleAttribute;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * The structure of a network as declared by a one.vn.allocate template (template.md §8): type,
 * bridge, VLAN, the RANGED range or the FIXED leases, and the attributes that stay in TEMPLATE.
 */
final class NetworkDefinition {
    static final int RANGED = 0;
    static final int FIXED = 1;
    /** Attributes that become document elements and are therefore not repeated in TEMPLATE. */
    private static final Set<String> STRUCTURAL = Set.of("NAME", "TYPE", "BRIDGE", "VLAN", "VLAN_ID", "PHYDEV",
            "NETWORK_ADDRESS", "NETWORK_SIZE", "IP_START", "IP_END", "LEASES");

    String name;
    int type;
    String bridge;
    boolean vlan;
    String phydev;
    String vlanId;
    String macPrefix;
    long ipStart;
    long ipEnd;
    /** FIXED: declared leases by IP. */
    final TreeMap<Long, Lease> fixedLeases = new TreeMap<>();
    Template template;

    /** Thrown with the detail text that follows "Error allocating a new virtual network. ". */
    static final class InvalidNetwork extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidNetwork(String message) {
            super(message);
        }
    }

    static NetworkDefinition parse(Template t) throws InvalidNetwork {
        NetworkDefinition d = new NetworkDefinition();
        d.name = trimmed(t.getString("NAME"));
        if (d.name.isEmpty()) {
            throw new InvalidNetwork("No NAME in template for Virtual Network.");
        }
        if (d.name.length() > 128) {
            throw new InvalidNetwork("Invalid NAME, max length is 128 chars");
        }
        String type = trimmed(t.getString("TYPE")).toUpperCase(Locale.ROOT);
        switch (type) {
            case "RANGED" -> d.type = RANGED;
            case "FIXED" -> d.type = FIXED;
            default -> throw new InvalidNetwork("Wrong type in template for Virtual Network (TYPE must be RANGED or FIXED).");
        }
        d.bridge = trimmed(t.getString("BRIDGE"));
        d.phydev = trimmed(t.getString("PHYDEV"));
        d.vlanId = trimmed(t.getString("VLAN_ID"));
        d.vlan = "YES".equalsIgnoreCase(trimmed(t.getString("VLAN")));
        if (d.bridge.isEmpty() && d.phydev.isEmpty()) {
            throw new InvalidNetwork("BRIDGE or PHYDEV must be specified.");
        }
        String prefix = t.getString("MAC_PREFIX");
        d.macPrefix = prefix == null ? Ipv4.DEFAULT_MAC_PREFIX : prefix.trim().toLowerCase(Locale.ROOT);
        if (!Ipv4.isMacPrefix(d.macPrefix)) {
            throw new InvalidNetwork("Invalid MAC_PREFIX " + prefix + ", it must be like 02:00.");
        }
        d.template = new Template();
        for (Attribute a : t.attributes()) {
            if (!STRUCTURAL.contains(a.name())) {
                d.template.add(copy(a));
            }
        }
        if (d.type == RANGED) {
            d.parseRange(t);
        } else {
            d.parseFixedLeases(t.vectors("LEASES"));
        }
        return d;
    }

    private void parseRange(Template t) throws InvalidNetwork {
        String start = t.getString("IP_START");
        String end = t.getString("IP_END");
        int hostBits;
        if (start != null || end != null) {
            ipStart = Ipv4.parse(start);
            ipEnd = Ipv4.parse(end);
            if (ipStart < 0 || ipEnd < 0 || ipEnd < ipStart) {
                throw new InvalidNetwork("Invalid IP_START/IP_END range.");
            }
            hostBits = Ipv4.hostBitsSpanning(ipStart, ipEnd);
        } else {
            String address = trimmed(t.getString("NETWORK_ADDRESS"));
            if (address.isEmpty()) {
                throw new InvalidNetwork("No NETWORK_ADDRESS in template for Virtual Network.");
            }
            long size = hostsOf(trimmed(t.getString("NETWORK_SIZE")));
            int slash = address.indexOf('/');
            if (slash >= 0) { // a CIDR suffix fixes the size
                long prefixBits = parseInt(address.substring(slash + 1), -1);
                if (prefixBits < 1 || prefixBits > 30) {
                    throw new InvalidNetwork("Invalid NETWORK_ADDRESS " + address + ".");
                }
                size = (1L << (32 - prefixBits)) - 2;
                address = address.substring(0, slash);
            }
            long base = Ipv4.parse(address);
            if (base < 0) {
                throw new InvalidNetwork("Invalid NETWORK_ADDRESS " + address + ".");
            }
            hostBits = 64 - Long.numberOfLeadingZeros(size + 1); // smallest 2^b >= size + 2
            long mask = (0xFFFFFFFFL << hostBits) & 0xFFFFFFFFL;
            base &= mask;
            ipStart = base + 1;
            ipEnd = base + size;
        }
        if (!template.contains("NETWORK_MASK")) {
            template.set("NETWORK_MASK", Ipv4.mask(hostBits));
        }
    }

    /** C, B, A or a number of hosts. */
    private static long hostsOf(String size) throws InvalidNetwork {
        switch (size.toUpperCase(Locale.ROOT)) {
            case "", "C" -> {
                return 254;
            }
            case "B" -> {
                return 65534;
            }
            case "A" -> {
                return 16777214;
            }
            default -> {
                long n = parseInt(size, -1);
                if (n < 1 || n > 16777214) {
                    throw new InvalidNetwork("Invalid NETWORK_SIZE " + size + ".");
                }
                return n;
            }
        }
    }

    private void parseFixedLeases(List<VectorAttribute> leases) throws InvalidNetwork {
        for (VectorAttribute v : leases) {
            Lease l = leaseOf(v, macPrefix);
            if (fixedLeases.putIfAbsent(l.ip(), l) != null) {
                throw new InvalidNetwork("Lease " + Ipv4.format(l.ip()) + " is declared twice.");
            }
        }
    }

    /** A LEASES vector: IP required, MAC optional (derived from the IP when absent). */
    static Lease leaseOf(VectorAttribute v, String macPrefix) throws InvalidNetwork {
        long ip = Ipv4.parse(v.get("IP"));
        if (ip < 0) {
            throw new InvalidNetwork("Invalid IP " + v.get("IP") + " in LEASES.");
        }
        String mac = v.get("MAC");
        if (mac == null || mac.isBlank()) {
            mac = Ipv4.mac(macPrefix, ip);
        } else if (!Ipv4.isMac(mac.trim())) {
            throw new InvalidNetwork("Invalid MAC " + mac + " in LEASES.");
        }
        return new Lease(ip, mac.trim().toLowerCase(Locale.ROOT), false, -1);
    }

    private static Attribute copy(Attribute a) {
        if (a instanceof SingleAttribute s) {
            return new SingleAttribute(s.name(), s.value());
        }
        return ((VectorAttribute) a).copy();
    }

    private static long parseInt(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
