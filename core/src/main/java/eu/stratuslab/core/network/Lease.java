package eu.stratuslab.core.network;

/**
 * One address of a network. RANGED networks keep only the leases in use; FIXED networks keep every
 * declared lease. {@code vid} is the VM holding it, or -1 (free, or held by one.vn.hold).
 */
record Lease(long ip, String mac, boolean used, int vid) {
    Lease take(int vmId) {
        return new Lease(ip, mac, true, vmId);
    }

    Lease free() {
        return new Lease(ip, mac, false, -1);
    }
}
