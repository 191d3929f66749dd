package eu.stratuslab.core.network;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.JsonBodies;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.pool.OwnedObjectPool;
import eu.stratuslab.core.pool.Writes;
import eu.stratuslab.core.user.User;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual networks and their leases. A lease is taken under the network's lock: the address is
 * chosen from memory, the row is inserted (its primary key would refuse a double lease even if the
 * memory were wrong) and only after the commit does the lease become visible.
 */
public final class NetworkPool extends OwnedObjectPool<VirtualNetwork> {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkPool.class);
    static final String TABLE = "network_pool";
    private static final String VM_ALLOCATE_ERROR = "Error allocating a new virtual machine. ";
    private static final String LEASES_ERROR = "Error modifying network leases. ";

    private NetworkPool(Database db, UserPool users, GroupPool groups, Authorizer authorizer) throws SQLException {
        super(db, TABLE, ObjectType.NET, "virtual network", "VNET_POOL", users, groups, authorizer);
    }

    public static NetworkPool load(Database db, UserPool users, GroupPool groups, Authorizer authorizer)
            throws SQLException {
        NetworkPool pool = new NetworkPool(db, users, groups, authorizer);
        pool.loadRows(VirtualNetwork.Body.class);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT network_oid, ip, mac, used, vid FROM network_leases");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                VirtualNetwork n = pool.byId.get(rs.getInt(1));
                if (n != null) {
                    synchronized (n) {
                        n.putLease(new Lease(rs.getLong(2), rs.getString(3), rs.getInt(4) != 0, rs.getInt(5)));
                    }
                }
            }
        }
        return pool;
    }

    // ------------------------------------------------------------------ reads

    public boolean exists(String name, int ownerUid) {
        return byName(name, ownerUid) != null;
    }

    /** {@code <VNET>} with LEASES. */
    @Override
    protected String document(VirtualNetwork n) {
        return n.infoDocument(users::name, groups::name);
    }

    // ------------------------------------------------------------------ allocate / delete / update

    /** one.vn.allocate for {@code owner} (authorization is the caller's job). */
    public int allocate(Caller owner, Template template) throws OneException {
        NetworkDefinition d;
        try {
            d = NetworkDefinition.parse(template);
        } catch (NetworkDefinition.InvalidNetwork e) {
            throw new OneException(ErrorCode.INTERNAL, "Error allocating a new virtual network. " + e.getMessage());
        }
        synchronized (this) {
            requireFreeName("Error allocating a new virtual network. ", d.name, owner.uid(), -1);
            return allocateNew("Error allocating a new virtual network. Database error",
                    id -> new VirtualNetwork(id, d.name, owner.uid(), owner.gid(), Permissions.DEFAULT, d),
                    (c, n) -> {
                        for (Lease l : d.fixedLeases.values()) {
                            insertLease(c, n.id(), l);
                        }
                    });
        }
    }

    /** one.vn.delete: refused while a VM holds one of its leases. */
    public void delete(int id) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (this) {
            synchronized (n) {
                for (Lease l : n.leases()) {
                    if (l.used() && l.vid() >= 0) {
                        throw new OneException(ErrorCode.INTERNAL,
                                "Can not delete virtual network. Its leases are in use by virtual machines");
                    }
                }
                Writes.inTransaction(db, "Can not delete virtual network. Database error", c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM network_leases WHERE network_oid = ?")) {
                        ps.setInt(1, id);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM network_pool WHERE oid = ?")) {
                        ps.setInt(1, id);
                        return ps.executeUpdate();
                    }
                });
                byId.remove(id);
            }
        }
    }

    /** one.vn.update: replaces TEMPLATE (the structural attributes are not changed). */
    public void update(int id, Template template) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            Template previous = n.template();
            n.setTemplate(template.copy());
            try {
                storeBody(n);
            } catch (OneException e) {
                n.setTemplate(previous);
                throw e;
            }
        }
    }

    /** one.vn.chown: -1 keeps the value; the new owner and group must exist. */
    public void chown(int id, int newUid, int newGid) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (this) {
            synchronized (n) {
                int[] owner = newOwner(n, newUid, newGid);
                requireFreeName("Error changing owner. ", n.name(), owner[0], id);
                int oldUid = n.uid();
                int oldGid = n.gid();
                n.setOwner(owner[0], owner[1]);
                try {
                    storeBody(n);
                } catch (OneException e) {
                    n.setOwner(oldUid, oldGid);
                    throw e;
                }
            }
        }
    }

    /** one.vn.chmod: nine values, -1 keeps a bit. */
    public void chmod(int id, int[] bits) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            Permissions old = n.permissions();
            n.setPermissions(old.chmod(bits));
            try {
                storeBody(n);
            } catch (OneException e) {
                n.setPermissions(old);
                throw e;
            }
        }
    }

    private void storeBody(VirtualNetwork n) throws OneException {
        Writes.inTransaction(db, "Error updating virtual network [" + n.id() + "]. Database error", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE network_pool SET uid = ?, gid = ?, body = ? WHERE oid = ?")) {
                ps.setInt(1, n.uid());
                ps.setInt(2, n.gid());
                ps.setString(3, JsonBodies.write(n.body()));
                ps.setInt(4, n.id());
                return ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ VM leases

    /**
     * Resolves a NIC of a VM template (NETWORK_ID | NETWORK + NETWORK_UNAME | NETWORK owned by the VM
     * owner), checks USE for {@code owner}, takes the lease (the requested IP or the lowest free one)
     * and writes NETWORK, NETWORK_ID, NETWORK_UNAME, BRIDGE, IP, MAC, VLAN (+ VLAN_ID, PHYDEV) into
     * the NIC (template.md §5.5).
     * <p>
     * Errors carry their complete text: INTERNAL {@code Error allocating a new virtual machine.
     * Virtual network <name> does not exist} / {@code ... Cannot get IP/MAC lease from virtual
     * network <id>.}, and AUTHORIZATION {@code User [<uid>] : Not authorized to perform USE NET
     * [<id>].}; the request class only adds its tag.
     */
    public void lease(Caller owner, VectorAttribute nic, int vmId) throws OneException {
        take(owner, nic, vmId, true);
    }

    /**
     * As {@link #lease} but the lease is only reserved in memory: the caller writes it with
     * {@link #writeReservedLease} in the transaction that stores the VM (a lease and its VM are
     * one write, so {@code kill -9} cannot leave one without the other), or gives it back with
     * {@link #dropReservedLease} when that transaction fails.
     */
    public void reserveLease(Caller owner, VectorAttribute nic, int vmId) throws OneException {
        take(owner, nic, vmId, false);
    }

    /** Writes a lease {@link #reserveLease reserved} for {@code vmId} within the caller's transaction. */
    public void writeReservedLease(Connection c, VectorAttribute nic, int vmId) throws SQLException {
        VirtualNetwork n = byId.get(parseId(nic.get("NETWORK_ID")));
        long ip = Ipv4.parse(nic.get("IP"));
        if (n == null || ip < 0) {
            throw new SQLException("NIC " + nic + " holds no reserved lease");
        }
        Lease l;
        synchronized (n) {
            l = n.lease(ip);
        }
        if (l == null || !l.used() || l.vid() != vmId) {
            throw new SQLException("lease " + Ipv4.format(ip) + " is not reserved for VM " + vmId);
        }
        writeLeaseRow(c, n, l);
    }

    /** Gives back a lease {@link #reserveLease reserved} for {@code vmId} whose transaction did not commit. */
    public void dropReservedLease(VectorAttribute nic, int vmId) {
        withLeaseOf(nic, vmId, (n, l) -> {
            if (n.isRanged()) {
                n.removeLease(l.ip());
            } else {
                n.putLease(l.free());
            }
        });
    }

    /** Runs {@code action} under the network's lock on the lease this NIC holds for {@code vmId}, if it holds one. */
    private void withLeaseOf(VectorAttribute nic, int vmId, java.util.function.BiConsumer<VirtualNetwork, Lease> action) {
        VirtualNetwork n = byId.get(parseId(nic.get("NETWORK_ID")));
        long ip = Ipv4.parse(nic.get("IP"));
        if (n == null || ip < 0) {
            return;
        }
        synchronized (n) {
            Lease l = n.lease(ip);
            if (l != null && l.used() && l.vid() == vmId) {
                action.accept(n, l);
            }
        }
    }

    /**
     * Start-up reconciliation (issue 13 item 4): releases, and logs, every lease held by a VM for
     * which {@code staleReason} gives a reason (the VM does not exist, or is DONE). Held addresses
     * ({@code one.vn.hold}, no VM) are not touched.
     *
     * @return the number of leases released
     */
    public int releaseStaleLeases(java.util.function.IntFunction<String> staleReason) {
        int released = 0;
        for (VirtualNetwork n : byId.values()) {
            synchronized (n) {
                for (Lease l : List.copyOf(n.leases())) {
                    if (!l.used() || l.vid() < 0) {
                        continue;
                    }
                    String why = staleReason.apply(l.vid());
                    if (why == null) {
                        continue;
                    }
                    try {
                        freeLease(n, l, "Cannot release lease");
                        released++;
                        LOG.warn("released lease {} of network {} ({}): VM {} {}", Ipv4.format(l.ip()), n.id(), n.name(),
                                l.vid(), why);
                    } catch (OneException e) {
                        LOG.error("lease {} of network {} stays taken by VM {} ({}): {}", Ipv4.format(l.ip()), n.id(),
                                l.vid(), why, e.getMessage());
                    }
                }
            }
        }
        return released;
    }

    private void take(Caller owner, VectorAttribute nic, int vmId, boolean store) throws OneException {
        VirtualNetwork n = resolve(owner, nic);
        authorizer.authorize(owner, ObjectType.NET, n, Right.USE);
        String requested = nic.get("IP");
        long ip;
        String mac;
        synchronized (n) {
            if (requested != null && !requested.isBlank()) {
                ip = Ipv4.parse(requested.trim());
                if (ip < 0 || !n.isLeasable(ip)) {
                    throw cannotLease(n);
                }
            } else {
                ip = n.lowestFree();
                if (ip < 0) {
                    throw cannotLease(n);
                }
            }
            mac = n.macFor(ip);
            Lease taken = new Lease(ip, mac, true, vmId);
            if (store) {
                storeLease(n, taken, VM_ALLOCATE_ERROR + "Cannot get IP/MAC lease from virtual network " + n.id() + ".");
            }
            n.putLease(taken);
        }
        nic.put("NETWORK", n.name());
        nic.put("NETWORK_ID", Integer.toString(n.id()));
        nic.put("NETWORK_UNAME", users.name(n.uid()));
        nic.put("BRIDGE", n.bridge());
        nic.put("IP", Ipv4.format(ip));
        nic.put("MAC", mac);
        nic.put("VLAN", n.vlan() ? "YES" : "NO");
        if (!n.vlanId().isEmpty()) {
            nic.put("VLAN_ID", n.vlanId());
        }
        if (!n.phydev().isEmpty()) {
            nic.put("PHYDEV", n.phydev());
        }
    }

    /** Frees the lease that {@code vmId} holds for this NIC; does nothing if it holds none. */
    public void release(VectorAttribute nic, int vmId) {
        withLeaseOf(nic, vmId, (n, l) -> {
            try {
                freeLease(n, l, "Cannot release lease");
            } catch (OneException e) {
                LOG.error("lease {} of network {} stays taken by VM {}: {}", Ipv4.format(l.ip()), n.id(), vmId,
                        e.getMessage());
            }
        });
    }

    private VirtualNetwork resolve(Caller owner, VectorAttribute nic) throws OneException {
        String idText = nic.get("NETWORK_ID");
        if (idText != null && !idText.isBlank()) {
            VirtualNetwork n = byId.get(parseId(idText));
            if (n == null) {
                throw doesNotExist(idText.trim());
            }
            return n;
        }
        String name = nic.get("NETWORK");
        if (name == null || name.isBlank()) {
            throw new OneException(ErrorCode.INTERNAL, VM_ALLOCATE_ERROR + "NIC does not name a virtual network");
        }
        String uname = nic.get("NETWORK_UNAME");
        int ownerUid = owner.uid();
        if (uname != null && !uname.isBlank()) {
            User u = users.byName(uname.trim());
            if (u == null) {
                throw doesNotExist(name);
            }
            ownerUid = u.id();
        }
        VirtualNetwork n = byName(name.trim(), ownerUid);
        if (n == null) {
            throw doesNotExist(name);
        }
        return n;
    }

    private static OneException doesNotExist(String name) {
        return new OneException(ErrorCode.INTERNAL, VM_ALLOCATE_ERROR + "Virtual network " + name + " does not exist");
    }

    private static OneException cannotLease(VirtualNetwork n) {
        return new OneException(ErrorCode.INTERNAL,
                VM_ALLOCATE_ERROR + "Cannot get IP/MAC lease from virtual network " + n.id() + ".");
    }

    private static int parseId(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ one.vn.* lease management

    /** one.vn.addleases: FIXED networks only; each IP must be new. */
    public void addLeases(int id, List<VectorAttribute> leases) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            if (n.isRanged()) {
                throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + "Leases can only be added to FIXED networks");
            }
            List<Lease> added = parseLeases(n, leases);
            for (Lease l : added) {
                if (n.lease(l.ip()) != null) {
                    throw new OneException(ErrorCode.INTERNAL,
                            LEASES_ERROR + "Lease " + Ipv4.format(l.ip()) + " already exists");
                }
            }
            Writes.inTransaction(db, LEASES_ERROR + "Database error", c -> {
                for (Lease l : added) {
                    insertLease(c, n.id(), l);
                }
                return null;
            });
            added.forEach(n::putLease);
        }
    }

    /** one.vn.rmleases: FIXED networks only; a lease in use cannot be removed. */
    public void removeLeases(int id, List<VectorAttribute> leases) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            if (n.isRanged()) {
                throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + "Leases can only be removed from FIXED networks");
            }
            List<Lease> removed = new ArrayList<>();
            for (Lease l : parseLeases(n, leases)) {
                Lease existing = n.lease(l.ip());
                if (existing == null) {
                    throw new OneException(ErrorCode.INTERNAL,
                            LEASES_ERROR + "Lease " + Ipv4.format(l.ip()) + " does not exist");
                }
                if (existing.used()) {
                    throw new OneException(ErrorCode.INTERNAL,
                            LEASES_ERROR + "Lease " + Ipv4.format(l.ip()) + " is in use");
                }
                removed.add(existing);
            }
            Writes.inTransaction(db, LEASES_ERROR + "Database error", c -> {
                for (Lease l : removed) {
                    deleteLease(c, n.id(), l.ip());
                }
                return null;
            });
            removed.forEach(l -> n.removeLease(l.ip()));
        }
    }

    /**
     * one.vn.hold: the addresses become used without a VM (VID -1). As oned 3.2.1 (Leases::hold_leases),
     * an address that is in use or not in the network fails with {@code Lease is in use.}.
     */
    public void hold(int id, List<VectorAttribute> leases) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            List<Lease> held = new ArrayList<>();
            for (Lease l : parseLeases(n, leases)) {
                if (!n.isFree(l.ip())) {
                    throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + "Lease is in use.");
                }
                held.add(new Lease(l.ip(), n.macFor(l.ip()), true, -1));
            }
            for (Lease l : held) {
                storeLease(n, l, LEASES_ERROR + "Database error");
                n.putLease(l);
            }
        }
    }

    /**
     * one.vn.release: frees held addresses. As oned 3.2.1 (Leases::free_leases), an address that is
     * not on hold (free, used by a VM or not in the network) fails with {@code Lease is not on hold.}
     * and nothing is freed.
     */
    public void releaseHeld(int id, List<VectorAttribute> leases) throws OneException {
        VirtualNetwork n = get(id);
        synchronized (n) {
            List<Lease> freed = new ArrayList<>();
            for (Lease l : parseLeases(n, leases)) {
                Lease existing = n.lease(l.ip());
                if (existing == null || !existing.used() || existing.vid() >= 0) {
                    throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + "Lease is not on hold.");
                }
                freed.add(existing);
            }
            for (Lease l : freed) {
                freeLease(n, l, LEASES_ERROR + "Database error");
            }
        }
    }

    private static List<Lease> parseLeases(VirtualNetwork n, List<VectorAttribute> vectors) throws OneException {
        if (vectors.isEmpty()) {
            throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + "No LEASES in template");
        }
        List<Lease> out = new ArrayList<>();
        for (VectorAttribute v : vectors) {
            try {
                out.add(NetworkDefinition.leaseOf(v, n.macPrefix()));
            } catch (NetworkDefinition.InvalidNetwork e) {
                throw new OneException(ErrorCode.INTERNAL, LEASES_ERROR + e.getMessage());
            }
        }
        return out;
    }

    /** Stores a taken/held lease: RANGED inserts a row, FIXED updates the declared row. */
    private void storeLease(VirtualNetwork n, Lease l, String failure) throws OneException {
        Writes.inTransaction(db, failure, c -> {
            writeLeaseRow(c, n, l);
            return null;
        });
    }

    private static void writeLeaseRow(Connection c, VirtualNetwork n, Lease l) throws SQLException {
        if (!n.isRanged()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE network_leases SET used = 1, vid = ? WHERE network_oid = ? AND ip = ? AND used = 0")) {
                ps.setInt(1, l.vid());
                ps.setInt(2, n.id());
                ps.setLong(3, l.ip());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("lease " + Ipv4.format(l.ip()) + " is not free in the database");
                }
            }
        } else {
            insertLease(c, n.id(), l);
        }
    }

    /** Frees a lease (caller holds the network's lock). */
    private void freeLease(VirtualNetwork n, Lease l, String failure) throws OneException {
        boolean declared = !n.isRanged();
        Writes.inTransaction(db, failure, c -> {
            if (declared) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE network_leases SET used = 0, vid = -1 WHERE network_oid = ? AND ip = ?")) {
                    ps.setInt(1, n.id());
                    ps.setLong(2, l.ip());
                    ps.executeUpdate();
                }
            } else {
                deleteLease(c, n.id(), l.ip());
            }
            return null;
        });
        if (declared) {
            n.putLease(l.free());
        } else {
            n.removeLease(l.ip());
        }
    }

    private static void insertLease(Connection c, int networkId, Lease l) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO network_leases (network_oid, ip, mac, used, vid) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, networkId);
            ps.setLong(2, l.ip());
            ps.setString(3, l.mac());
            ps.setInt(4, l.used() ? 1 : 0);
            ps.setInt(5, l.vid());
            ps.executeUpdate();
        }
    }

    private static void deleteLease(Connection c, int networkId, long ip) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM network_leases WHERE network_oid = ? AND ip = ?")) {
            ps.setInt(1, networkId);
            ps.setLong(2, ip);
            ps.executeUpdate();
        }
    }
}
