package eu.stratuslab.cloud.vmtest;

import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.scheduler.SchedulerSettings;
import eu.stratuslab.vmmanager.VmManager;
import eu.stratuslab.vmmanager.VmManagerSettings;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.api.OneDispatcher;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A whole core in this JVM, reached through the standard XML-RPC method registry and the /RPC2
 * dispatcher (session {@code user:password}), with the libvirt VM manager installed.
 */
public final class ApiCloud implements AutoCloseable {
    public static final String ADMIN = "oneadmin:password";
    public static final Duration DEADLINE = Duration.ofSeconds(90);

    public final Core core;
    public final VmManager manager;
    private final OneDispatcher rpc2;

    public ApiCloud(Path home, VmManagerSettings vmSettings) throws Exception {
        this(home, vmSettings, false);
    }

    /** @param allowNoNic VMs without NIC (real guests on machines without a bridge) */
    public ApiCloud(Path home, VmManagerSettings vmSettings, boolean allowNoNic) throws Exception {
        CoreSettings s = CoreSettings.defaults(DbSettings.h2File(home.resolve("db"), "one"), home.resolve("var"))
                .withMonitorInterval(Duration.ofMillis(500)).withInitialOneadminPassword("password")
                .withAllowNoNic(allowNoNic);
        core = Core.open(s);
        rpc2 = OneDispatcher.rpc2(ApiRegistry.standard(core), core);
        manager = VmManager.install(core, vmSettings, fastScheduler(), LocalTransfers.create(home, core));
    }

    public static SchedulerSettings fastScheduler() {
        SchedulerSettings d = SchedulerSettings.defaults();
        return new SchedulerSettings(Duration.ofSeconds(1), d.maxVm(), d.maxDispatch(), d.maxHost(), d.policy(),
                d.customRank());
    }

    public static VmManagerSettings fastVmSettings() {
        return VmManagerSettings.defaults().withMonitorInterval(Duration.ofMillis(500))
                .withShutdownPoll(Duration.ofMillis(200)).withShutdownTimeout(Duration.ofSeconds(30));
    }

    public OneResult call(String session, String method, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = session;
        System.arraycopy(params, 0, all, 1, params.length);
        try {
            return rpc2.execute(null, new MethodCall(method, Arrays.asList(all)));
        } catch (XmlRpcFault e) {
            throw new AssertionError(method + ": fault " + e.getMessage(), e);
        }
    }

    /** The int of a successful call, else an assertion error with the message. */
    public int id(String session, String method, Object... params) {
        OneResult r = call(session, method, params);
        if (!r.success()) {
            throw new AssertionError(method + " failed: " + r.value() + " (" + r.code() + ")");
        }
        return (Integer) r.value();
    }

    public OneXml info(String session, String method, int id) {
        OneResult r = call(session, method, id);
        if (!r.success()) {
            throw new AssertionError(method + " failed: " + r.value() + " (" + r.code() + ")");
        }
        return OneXml.parse((String) r.value());
    }

    public OneXml vm(int id) {
        return info(ADMIN, "one.vm.info", id);
    }

    public OneXml host(int id) {
        return info(ADMIN, "one.host.info", id);
    }

    /** Waits until the VM has STATE {@code state} (and LCM_STATE {@code lcm} when >= 0). */
    public void awaitVm(int id, int state, int lcm) {
        Await.await("VM " + id + " in " + state + "/" + lcm, DEADLINE, () -> {
            OneXml x = vm(id);
            return x.getInt("/VM/STATE") == state && (lcm < 0 || x.getInt("/VM/LCM_STATE") == lcm);
        }, () -> {
            OneXml x = vm(id);
            return "(now " + x.get("/VM/STATE") + "/" + x.get("/VM/LCM_STATE") + " " + x.get("/VM/TEMPLATE/ERROR/MESSAGE") + ")";
        });
    }

    /** Allocates a libvirt host, the public network (usable by all) and waits for the host to be MONITORED. */
    public int setUp(String hostUri) {
        int hid = id(ADMIN, "one.host.allocate", hostUri, "im_kvm", "vmm_kvm", "dummy", "tm_ssh");
        Await.await("host MONITORED", DEADLINE, () -> host(hid).getInt("/HOST/STATE") == 2);
        int net = id(ADMIN, "one.vn.allocate",
                "NAME = public\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.10.0.0\nNETWORK_SIZE = C\n");
        id(ADMIN, "one.vn.chmod", net, -1, -1, -1, -1, -1, -1, 1, -1, -1);
        return hid;
    }

    @Override
    public void close() {
        manager.close();
        core.close();
    }
}
