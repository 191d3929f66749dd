package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.junit.Before;
import org.junit.Test;

/**
 * What an OpenNebula 3.2 client test suite does, through an independent XML-RPC client (the Apache
 * XML-RPC fork) on /RPC2 only, against a cloud started with {@code bootstrap = minimal} and
 * {@code SCHED_ON_EVENTS = no} and dummy hosts: every VM state is reached within 10 s.
 */
public class IndependentClientSuiteTest extends OnACloudSite {
    private static final Duration STATE_DEADLINE = Duration.ofSeconds(10);

    private XmlRpcClient client;
    private String session;

    @Before
    public void freshMinimalCloud() throws Exception {
        Path home = site.home("cloud", "bootstrap = minimal\nrpc2.port = 0\nproxy.port = 0\npdisk.port = 0\n");
        // no periodic pass during the test: every placement below is a one.vm.deploy
        Files.writeString(home.resolve("etc/stratuslab/sched.conf"), "SCHED_ON_EVENTS = no\nSCHED_INTERVAL = 600\n");
        CloudLauncher cloud = site.start(home);
        session = CloudSite.adminSession(home);
        client = ApacheXmlRpc.client(cloud.endpoints().get("rpc2"));
    }

    private Object[] call(String method, Object... args) throws Exception {
        Object[] params = new Object[args.length + 1];
        params[0] = session;
        System.arraycopy(args, 0, params, 1, args.length);
        return (Object[]) client.execute(method, params);
    }

    private Object ok(String method, Object... args) throws Exception {
        Object[] r = call(method, args);
        assertEquals(method + ": " + r[1], Boolean.TRUE, r[0]);
        return r[1];
    }

    private void refused(String message, String method, Object... args) throws Exception {
        Object[] r = call(method, args);
        assertEquals(Boolean.FALSE, r[0]);
        assertEquals(message, r[1]);
    }

    /** {@code action} on {@code vm}, then the STATE/LCM_STATE it leads to. */
    private void actionLeadsTo(int vm, String action, int state, int lcm) throws Exception {
        ok("one.vm.action", action, vm);
        awaitState(vm, state, lcm);
    }

    private void deployedRunning(int vm, int host) throws Exception {
        ok("one.vm.deploy", vm, host);
        awaitState(vm, 3, 3);
    }

    private static List<String> all(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private void awaitState(int vm, int state, int lcm) {
        String wanted = "<STATE>" + state + "</STATE><LCM_STATE>" + lcm + "</LCM_STATE>";
        String[] last = {""};
        Await.await("VM " + vm + " " + wanted, STATE_DEADLINE, () -> {
            try {
                last[0] = (String) ok("one.vm.info", vm);
                return last[0].contains(wanted);
            } catch (Exception e) {
                return false;
            }
        }, () -> last[0].replaceAll("(?s).*(<STATE>.*</LCM_STATE>).*", "$1"));
    }

    @Test
    public void usersGroupsAclsAndFirstIds() throws Exception {
        assertEquals(List.of("oneadmin", "serveradmin"), all((String) ok("one.userpool.info"), "NAME"));
        assertEquals(List.of("0", "1"), all((String) ok("one.acl.info"), "ID"));
        // "@1 HOST/* USE" as OCA sends it: hexadecimal user, resource and rights
        int rule = (Integer) ok("one.acl.addrule", "0x200000001", "0x2400000000", "0x1");
        assertEquals(3, all((String) ok("one.acl.info"), "ID").size());
        ok("one.acl.delrule", rule);
        assertEquals(2, all((String) ok("one.acl.info"), "ID").size());
        assertEquals(2, ok("one.user.allocate", "alice", "alice-pw", "core"));
        assertEquals(100, ok("one.group.allocate", "staff"));

        assertEquals(0, ok("one.host.allocate", "dummy0", "im_dummy", "vmm_dummy", "dummy", "tm_dummy"));
        assertEquals(0, ok("one.vn.allocate", "NAME = net\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.9.0.0\n"));
        assertEquals(0, ok("one.image.allocate", "NAME = first\nPATH = /var/tmp/first.img\n"));
        assertEquals(0, ok("one.template.allocate", "NAME = t\nCPU = 1\nMEMORY = 64\n"));
    }

    @Test
    public void holdAndReleaseOfFixedAndRangedLeases() throws Exception {
        int ranged = (Integer) ok("one.vn.allocate",
                "NAME = r\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.9.0.0\nGATEWAY = 10.9.0.1\n");
        int fixed = (Integer) ok("one.vn.allocate", "NAME = f\nTYPE = FIXED\nBRIDGE = br0\nLEASES = [ IP = 10.8.0.5 ]\n");
        for (Object[] lease : new Object[][] {{ranged, "10.9.0.20"}, {fixed, "10.8.0.5"}}) {
            String leases = "LEASES = [ IP = " + lease[1] + " ]";
            ok("one.vn.hold", lease[0], leases);
            assertTrue(((String) ok("one.vn.info", lease[0])).contains("<IP>" + lease[1] + "</IP>"));
            refused("[VirtualNetworkHold] Error modifying network leases. Lease is in use.", "one.vn.hold", lease[0], leases);
            ok("one.vn.release", lease[0], leases);
            refused("[VirtualNetworkRelease] Error modifying network leases. Lease is not on hold.",
                    "one.vn.release", lease[0], leases);
        }
        int vm = (Integer) ok("one.vm.allocate", "CPU = 1\nMEMORY = 64\nNIC = [ NETWORK_ID = " + ranged + " ]\n");
        String doc = (String) ok("one.vm.info", vm);
        assertTrue("the first address that is not the gateway: " + doc, doc.contains("<IP><![CDATA[10.9.0.2]]></IP>"));
        refused("[VirtualNetworkRelease] Error modifying network leases. Lease is not on hold.",
                "one.vn.release", ranged, "LEASES = [ IP = 10.9.0.2 ]");
    }

    @Test
    public void vmsThroughHoldReleaseDeployAndEveryAction() throws Exception {
        int host = (Integer) ok("one.host.allocate", "dummy0", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        int net = (Integer) ok("one.vn.allocate", "NAME = net\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.9.0.0\n");
        int template = (Integer) ok("one.template.allocate",
                "NAME = small\nCPU = 1\nMEMORY = 64\nNIC = [ NETWORK_ID = " + net + " ]\n");

        int vm = (Integer) ok("one.template.instantiate", template, "vm-a");
        awaitState(vm, 1, 0);
        actionLeadsTo(vm, "hold", 2, 0); // still PENDING: no pass placed it
        actionLeadsTo(vm, "release", 1, 0);
        deployedRunning(vm, host);

        actionLeadsTo(vm, "reboot", 3, 3);
        actionLeadsTo(vm, "suspend", 5, 0);
        actionLeadsTo(vm, "resume", 3, 3);
        actionLeadsTo(vm, "stop", 4, 0);
        actionLeadsTo(vm, "resume", 1, 0);
        deployedRunning(vm, host);
        actionLeadsTo(vm, "resubmit", 1, 0);
        deployedRunning(vm, host);
        actionLeadsTo(vm, "shutdown", 6, 0);

        int cancelled = (Integer) ok("one.vm.allocate", "CPU = 1\nMEMORY = 64\nNIC = [ NETWORK_ID = " + net + " ]\n");
        deployedRunning(cancelled, host);
        actionLeadsTo(cancelled, "cancel", 6, 0);

        int finalized = (Integer) ok("one.template.instantiate", template, "vm-b");
        ok("one.vm.action", "hold", finalized);
        ok("one.vm.action", "finalize", finalized);
        awaitState(finalized, 6, 0);
        String hostDoc = (String) ok("one.host.info", host);
        assertTrue("everything released", hostDoc.contains("<CPU_USAGE>0</CPU_USAGE>") && hostDoc.contains("<RUNNING_VMS>0</RUNNING_VMS>"));
    }
}
