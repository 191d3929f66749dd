package eu.stratuslab.vmmanager;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostState;
import eu.stratuslab.scheduler.SchedulerSettings;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.template.TemplateParser;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A core on an H2 file in {@code home} with network {@code public} (usable by all) and the libvirt
 * VM manager installed; hosts are private libvirt test-driver nodes named by their URI.
 */
final class VmManagerFixture implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String NO_DISK = "NAME = plain\nCPU = 1\nVCPU = 1\nMEMORY = 128\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";

    final Path home;
    final Core core;
    VmManager manager;

    VmManagerFixture(Path home, VmManagerSettings settings, boolean bootstrap) throws Exception {
        this.home = home;
        CoreSettings cs = CoreSettings.defaults(DbSettings.h2File(home.resolve("db"), "one"), home.resolve("var"))
                .withMonitorInterval(Duration.ofMillis(500)).withInitialOneadminPassword("password");
        core = Core.open(cs);
        if (bootstrap) {
            int net = core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                    "NAME = public\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.10.0.0\nNETWORK_SIZE = C\n"));
            core.networks().chmod(net, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
        }
        if (settings != null) {
            install(settings);
        }
    }

    static VmManagerSettings fastSettings() {
        return VmManagerSettings.defaults().withMonitorInterval(Duration.ofMillis(300))
                .withShutdownPoll(Duration.ofMillis(100)).withShutdownTimeout(Duration.ofSeconds(20));
    }

    static SchedulerSettings fastScheduler() {
        SchedulerSettings d = SchedulerSettings.defaults();
        return new SchedulerSettings(Duration.ofMillis(500), d.maxVm(), d.maxDispatch(), d.maxHost(), d.policy(),
                d.customRank());
    }

    void install(VmManagerSettings settings) {
        manager = VmManager.install(core, settings, fastScheduler(), new eu.stratuslab.core.transfer.DiskFreeTransfer());
    }

    /** Allocates a libvirt host named by its URI and waits until it is MONITORED. */
    int addHost(String uri) throws Exception {
        int hid = core.hosts().allocate(uri, "im_kvm", "vmm_kvm", "dummy", "tm_ssh");
        LibvirtTestHosts.await("host " + uri + " MONITORED", DEADLINE,
                () -> core.hosts().byId(hid).state() == HostState.MONITORED);
        return hid;
    }

    int allocate(Caller owner, String template) throws OneException {
        return core.vms().allocate(owner, template).id();
    }

    VirtualMachine vm(int id) {
        return core.vms().find(id);
    }

    Host host(int hid) {
        return core.hosts().byId(hid);
    }

    void awaitLcm(int id, LcmState lcm) {
        try {
            LibvirtTestHosts.await("VM " + id + " in " + lcm, DEADLINE, () -> vm(id).is(lcm));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it is " + describe(id), e);
        }
    }

    void awaitState(int id, VmState state) {
        try {
            LibvirtTestHosts.await("VM " + id + " in " + state, DEADLINE, () -> vm(id).state() == state);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it is " + describe(id), e);
        }
    }

    String describe(int id) {
        VirtualMachine vm = vm(id);
        if (vm == null) {
            return "unknown";
        }
        var error = vm.template().firstVector("ERROR");
        String log;
        try {
            log = java.nio.file.Files.readString(core.lifecycle().log().file(id));
        } catch (java.io.IOException e) {
            log = "(no VM log)";
        }
        return vm.state() + "/" + vm.lcmState() + (error == null ? "" : " " + error.get("MESSAGE")) + "\nVM log:\n" + log;
    }

    String errorMessage(int id) {
        var error = vm(id).template().firstVector("ERROR");
        return error == null ? null : error.get("MESSAGE");
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
        core.close();
    }
}
