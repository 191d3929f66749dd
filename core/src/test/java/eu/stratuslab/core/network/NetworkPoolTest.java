package eu.stratuslab.core.network;

import static eu.stratuslab.core.testsupport.OneErrors.expect;
import static eu.stratuslab.core.testsupport.OneErrors.expectInternal;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.CoreOnEachDatabase;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.VectorAttribute;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

/** Network templates (template.md §8) and NIC leases (§5.5). */
public class NetworkPoolTest extends CoreOnEachDatabase {
    private NetworkPool nets;
    private Caller alice;

    @Before
    public void open() throws Exception {
        nets = core.networks();
        int uid = core.users().allocate("alice", "pw", "core", 1);
        alice = new Caller(uid, 1, "alice");
    }

    private int allocate(Caller owner, String template) throws Exception {
        return nets.allocate(owner, TemplateParser.parse(template));
    }

    /** alice's one.vn.allocate of {@code template} fails with INTERNAL and {@code reason}. */
    private void refusedForAlice(String template, String reason) throws Exception {
        expectInternal(() -> allocate(alice, template), "Error allocating a new virtual network. " + reason);
    }

    @Test
    public void rangedClassCNetwork() throws Exception {
        int id = allocate(Caller.ONEADMIN, "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.10.0.0\nNETWORK_SIZE=C\n");
        assertEquals("<VNET><ID>0</ID><UID>0</UID><GID>0</GID><UNAME>oneadmin</UNAME><GNAME>oneadmin</GNAME>"
                + "<NAME>public</NAME><PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A>"
                + "<GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M>"
                + "<OTHER_A>0</OTHER_A></PERMISSIONS><TYPE>0</TYPE><BRIDGE>br0</BRIDGE><VLAN>0</VLAN><PHYDEV/><VLAN_ID/>"
                + "<RANGE><IP_START>10.10.0.1</IP_START><IP_END>10.10.0.254</IP_END></RANGE><TOTAL_LEASES>0</TOTAL_LEASES>"
                + "<TEMPLATE><NETWORK_MASK><![CDATA[255.255.255.0]]></NETWORK_MASK></TEMPLATE><LEASES></LEASES></VNET>",
                nets.document(id));
    }

    @Test
    public void sizesAndExplicitRanges() throws Exception {
        int b = allocate(Caller.ONEADMIN, "NAME=b\nTYPE=ranged\nBRIDGE=br0\nNETWORK_ADDRESS=172.16.3.7\nNETWORK_SIZE=B\n");
        assertTrue(nets.document(b), nets.document(b).contains("<IP_START>172.16.0.1</IP_START><IP_END>172.16.255.254</IP_END>"));
        assertTrue(nets.document(b).contains("<NETWORK_MASK><![CDATA[255.255.0.0]]></NETWORK_MASK>"));
        int n = allocate(Caller.ONEADMIN, "NAME=n\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=192.168.4.0\nNETWORK_SIZE=1000\n");
        assertTrue(nets.document(n), nets.document(n).contains("<IP_START>192.168.4.1</IP_START><IP_END>192.168.7.232</IP_END>"));
        assertTrue(nets.document(n).contains("<NETWORK_MASK><![CDATA[255.255.252.0]]></NETWORK_MASK>"));
        int r = allocate(Caller.ONEADMIN, "NAME=r\nTYPE=RANGED\nBRIDGE=br1\nIP_START=10.1.0.10\nIP_END=10.1.0.20\nGATEWAY=10.1.0.1\n");
        assertTrue(nets.document(r).contains("<IP_START>10.1.0.10</IP_START><IP_END>10.1.0.20</IP_END>"));
        assertTrue(nets.document(r).contains("<TEMPLATE><GATEWAY><![CDATA[10.1.0.1]]></GATEWAY><NETWORK_MASK><![CDATA[255.255.255.224]]></NETWORK_MASK></TEMPLATE>"));
    }

    @Test
    public void fixedNetworkListsAllDeclaredLeases() throws Exception {
        int id = allocate(Caller.ONEADMIN, "NAME=public\nTYPE=FIXED\nBRIDGE=br0\nGATEWAY=10.0.0.1\nDNS=10.0.0.1\n"
                + "NETMASK=255.255.255.0\nLEASES=[IP=10.0.0.100]\nLEASES=[IP=10.0.0.101,MAC=02:00:0A:00:00:99]\n"
                + "VLAN=YES\nVLAN_ID=42\nPHYDEV=eth1\n");
        String doc = nets.document(id);
        assertTrue(doc, doc.contains("<TYPE>1</TYPE><BRIDGE>br0</BRIDGE><VLAN>1</VLAN><PHYDEV>eth1</PHYDEV><VLAN_ID>42</VLAN_ID><TOTAL_LEASES>0</TOTAL_LEASES>"));
        assertTrue(doc, doc.contains("<LEASES><LEASE><IP>10.0.0.100</IP><MAC>02:00:0a:00:00:64</MAC><USED>0</USED><VID>-1</VID></LEASE>"
                + "<LEASE><IP>10.0.0.101</IP><MAC>02:00:0a:00:00:99</MAC><USED>0</USED><VID>-1</VID></LEASE></LEASES>"));
        assertTrue(doc.contains("<TEMPLATE><DNS><![CDATA[10.0.0.1]]></DNS><GATEWAY><![CDATA[10.0.0.1]]></GATEWAY><NETMASK><![CDATA[255.255.255.0]]></NETMASK></TEMPLATE>"));
        VectorAttribute nic = nic("NETWORK", "public", "NETWORK_UNAME", "oneadmin", "IP", "10.0.0.101", "MODEL", "virtio");
        nets.lease(Caller.ONEADMIN, nic, 5);
        assertEquals("{NETWORK=public, NETWORK_UNAME=oneadmin, IP=10.0.0.101, MODEL=virtio, NETWORK_ID=0, BRIDGE=br0, "
                + "MAC=02:00:0a:00:00:99, VLAN=YES, VLAN_ID=42, PHYDEV=eth1}", nic.values().toString());
        VectorAttribute other = nic("NETWORK_ID", "0");
        nets.lease(Caller.ONEADMIN, other, 6);
        assertEquals("10.0.0.100", other.get("IP"));
        expect(() -> nets.lease(Caller.ONEADMIN, nic("NETWORK_ID", "0"), 7), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network 0.");
        nets.release(nic, 5);
        nets.release(nic, 5);
        assertTrue(nets.document(id).contains("<IP>10.0.0.101</IP><MAC>02:00:0a:00:00:99</MAC><USED>0</USED><VID>-1</VID>"));
    }

    @Test
    public void invalidTemplatesAreRefusedWithTheirReason() throws Exception {
        refusedForAlice("TYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n", "No NAME in template for Virtual Network.");
        refusedForAlice("NAME=x\nTYPE=OTHER\nBRIDGE=br0\n",
                "Wrong type in template for Virtual Network (TYPE must be RANGED or FIXED).");
        refusedForAlice("NAME=x\nTYPE=RANGED\nNETWORK_ADDRESS=10.0.0.0\n", "BRIDGE or PHYDEV must be specified.");
        refusedForAlice("NAME=x\nTYPE=RANGED\nBRIDGE=br0\n", "No NETWORK_ADDRESS in template for Virtual Network.");
        refusedForAlice("NAME=x\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.300\n", "Invalid NETWORK_ADDRESS 10.0.0.300.");
        refusedForAlice("NAME=x\nTYPE=FIXED\nBRIDGE=br0\nLEASES=[IP=1.2.3]\n", "Invalid IP 1.2.3 in LEASES.");
        allocate(alice, "NAME=x\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n");
        refusedForAlice("NAME=x\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.1.0\n", "NAME is already taken by NET 0.");
        // the same name is fine for another owner
        assertEquals(1, allocate(Caller.ONEADMIN, "NAME=x\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.1.0\n"));
    }

    @Test
    public void nicResolutionAndTheRightToUse() throws Exception {
        int pub = allocate(Caller.ONEADMIN, "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.10.0.0\n");
        expect(() -> nets.lease(alice, nic("NETWORK", "public", "NETWORK_UNAME", "oneadmin"), 1), ErrorCode.AUTHORIZATION,
                "User [2] : Not authorized to perform USE NET [0].");
        expect(() -> nets.lease(alice, nic("NETWORK", "public"), 1), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Virtual network public does not exist");
        expect(() -> nets.lease(alice, nic("NETWORK_ID", "9"), 1), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Virtual network 9 does not exist");
        expect(() -> nets.lease(alice, nic("NETWORK", "public", "NETWORK_UNAME", "ghost"), 1), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Virtual network public does not exist");
        nets.chmod(pub, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
        VectorAttribute nic = nic("NETWORK", "public", "NETWORK_UNAME", "oneadmin", "MAC", "aa:bb:cc:dd:ee:ff");
        nets.lease(alice, nic, 1);
        assertEquals("10.10.0.1", nic.get("IP"));
        assertEquals("user-given MAC is ignored", "02:00:0a:0a:00:01", nic.get("MAC"));
        assertEquals("NO", nic.get("VLAN"));
        assertFalse(nic.values().containsKey("VLAN_ID"));
        VectorAttribute requested = nic("NETWORK_ID", "0", "IP", "10.10.0.77");
        nets.lease(alice, requested, 2);
        assertEquals("02:00:0a:0a:00:4d", requested.get("MAC"));
        expect(() -> nets.lease(alice, nic("NETWORK_ID", "0", "IP", "10.10.0.77"), 3), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network 0.");
        expect(() -> nets.lease(alice, nic("NETWORK_ID", "0", "IP", "10.10.1.5"), 3), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network 0.");
        // a release by another VM id does nothing; the owner's release frees the address again
        nets.release(requested, 99);
        assertTrue(nets.document(pub).contains("<IP>10.10.0.77</IP>"));
        nets.release(requested, 2);
        assertFalse(nets.document(pub).contains("<IP>10.10.0.77</IP>"));
        expect(() -> nets.delete(pub), ErrorCode.INTERNAL,
                "Can not delete virtual network. Its leases are in use by virtual machines");
    }

    @Test
    public void holdReleaseAddAndRemoveLeases() throws Exception {
        int ranged = allocate(Caller.ONEADMIN, "NAME=r\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n");
        nets.hold(ranged, vectors("LEASES=[IP=10.0.0.1]"));
        assertTrue(nets.document(ranged).contains("<TOTAL_LEASES>1</TOTAL_LEASES>"));
        assertTrue(nets.document(ranged).contains("<IP>10.0.0.1</IP><MAC>02:00:0a:00:00:01</MAC><USED>1</USED><VID>-1</VID>"));
        VectorAttribute nic = nic("NETWORK_ID", Integer.toString(ranged));
        nets.lease(Caller.ONEADMIN, nic, 4);
        assertEquals("held address is skipped", "10.0.0.2", nic.get("IP"));
        expect(() -> nets.releaseHeld(ranged, vectors("LEASES=[IP=10.0.0.2]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is not on hold.");
        expect(() -> nets.hold(ranged, vectors("LEASES=[IP=10.0.0.2]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is in use.");
        expect(() -> nets.hold(ranged, vectors("LEASES=[IP=10.9.0.2]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is in use.");
        assertTrue("the VM keeps its lease", nets.document(ranged).contains("<IP>10.0.0.2</IP><MAC>02:00:0a:00:00:02</MAC><USED>1</USED><VID>4</VID>"));
        nets.releaseHeld(ranged, vectors("LEASES=[IP=10.0.0.1]"));
        expect(() -> nets.releaseHeld(ranged, vectors("LEASES=[IP=10.0.0.1]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is not on hold.");
        expect(() -> nets.releaseHeld(ranged, vectors("LEASES=[IP=10.0.0.50]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is not on hold.");
        assertTrue(nets.document(ranged).contains("<TOTAL_LEASES>1</TOTAL_LEASES>"));
        expect(() -> nets.addLeases(ranged, vectors("LEASES=[IP=10.0.0.9]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Leases can only be added to FIXED networks");

        int fixed = allocate(Caller.ONEADMIN, "NAME=f\nTYPE=FIXED\nBRIDGE=br0\nLEASES=[IP=10.2.0.1]\n");
        nets.addLeases(fixed, vectors("LEASES=[IP=10.2.0.2,MAC=02:00:00:00:00:22]"));
        expect(() -> nets.addLeases(fixed, vectors("LEASES=[IP=10.2.0.2]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease 10.2.0.2 already exists");
        expect(() -> nets.releaseHeld(fixed, vectors("LEASES=[IP=10.2.0.1]")), ErrorCode.INTERNAL,
                "Error modifying network leases. Lease is not on hold.");
        nets.removeLeases(fixed, vectors("LEASES=[IP=10.2.0.1]"));
        assertEquals("<LEASES><LEASE><IP>10.2.0.2</IP><MAC>02:00:00:00:00:22</MAC><USED>0</USED><VID>-1</VID></LEASE></LEASES></VNET>",
                nets.document(fixed).substring(nets.document(fixed).indexOf("<LEASES>")));
    }

    @Test
    public void gatewayNetworkAndBroadcastAddressesAreNeverLeased() throws Exception {
        int pub = allocate(Caller.ONEADMIN, "NAME=pub\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n"
                + "NETWORK_SIZE=C\nGATEWAY=10.0.0.1\nDNS=10.0.0.1\n");
        VectorAttribute first = nic("NETWORK_ID", Integer.toString(pub));
        nets.lease(Caller.ONEADMIN, first, 1);
        assertEquals("the gateway is skipped", "10.0.0.2", first.get("IP"));
        expect(() -> nets.lease(Caller.ONEADMIN, nic("NETWORK_ID", Integer.toString(pub), "IP", "10.0.0.1"), 2),
                ErrorCode.INTERNAL, "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network "
                        + pub + ".");
        // a new GATEWAY counts at once, and the old one becomes an ordinary address
        nets.update(pub, TemplateParser.parse("GATEWAY=10.0.0.3\nNETWORK_MASK=255.255.255.0\n"));
        VectorAttribute second = nic("NETWORK_ID", Integer.toString(pub));
        nets.lease(Caller.ONEADMIN, second, 3);
        assertEquals("10.0.0.1", second.get("IP"));
        VectorAttribute third = nic("NETWORK_ID", Integer.toString(pub));
        nets.lease(Caller.ONEADMIN, third, 4);
        assertEquals("10.0.0.4", third.get("IP"));

        // an explicit range that includes the network (.0) and broadcast (.7) addresses of its /29
        int r = allocate(Caller.ONEADMIN, "NAME=r\nTYPE=RANGED\nBRIDGE=br0\nIP_START=10.1.0.0\nIP_END=10.1.0.7\n");
        List<String> ips = new java.util.ArrayList<>();
        for (int vm = 10; vm < 16; vm++) {
            VectorAttribute n = nic("NETWORK_ID", Integer.toString(r));
            nets.lease(Caller.ONEADMIN, n, vm);
            ips.add(n.get("IP"));
        }
        assertEquals(List.of("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5", "10.1.0.6"), ips);
        expect(() -> nets.lease(Caller.ONEADMIN, nic("NETWORK_ID", Integer.toString(r)), 16), ErrorCode.INTERNAL,
                "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network " + r + ".");
    }

    @Test
    public void chownChmodAndUpdate() throws Exception {
        int id = allocate(alice, "NAME=mine\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\nDNS=1.1.1.1\n");
        nets.chmod(id, new int[] {-1, -1, 1, 1, -1, -1, -1, -1, 1});
        assertTrue(nets.document(id).contains("<OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>1</OWNER_A><GROUP_U>1</GROUP_U>"
                + "<GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>1</OTHER_A>"));
        nets.chown(id, 0, 0);
        assertTrue(nets.document(id).contains("<UID>0</UID><GID>0</GID><UNAME>oneadmin</UNAME><GNAME>oneadmin</GNAME>"));
        expect(() -> nets.chown(id, 42, -1), ErrorCode.NO_EXISTS, "Error getting user [42].");
        nets.update(id, TemplateParser.parse("GATEWAY=10.0.0.254\n"));
        assertTrue(nets.document(id).contains("<TEMPLATE><GATEWAY><![CDATA[10.0.0.254]]></GATEWAY></TEMPLATE>"));
        assertTrue("structure is kept", nets.document(id).contains("<IP_START>10.0.0.1</IP_START>"));
        nets.delete(id);
        expect(() -> nets.document(id), ErrorCode.NO_EXISTS, "Error getting virtual network [0].");
    }

    private static List<VectorAttribute> vectors(String text) throws Exception {
        return TemplateParser.parse(text).vectors("LEASES");
    }

    static VectorAttribute nic(String... kv) {
        VectorAttribute v = new VectorAttribute("NIC");
        for (int i = 0; i < kv.length; i += 2) {
            v.put(kv[i], kv[i + 1]);
        }
        return v;
    }
}
