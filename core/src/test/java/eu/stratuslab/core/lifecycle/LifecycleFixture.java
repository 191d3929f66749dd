package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import java.nio.file.Path;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A core with the dummy host {@code dummyhost1} (id 0) and a host {@code manualhost} (id 1)
 * whose driver {@code vmm_manual} is a {@link ManualVmOperations}; builders for VMs in each
 * state the legality table distinguishes.
 */
public final class LifecycleFixture extends ExternalResource implements AutoCloseable {
    public static final int DUMMY_HOST = 0;
    public static final int MANUAL_HOST = 1;

    /** Starting points of the table: a STATE, or an LCM state of ACTIVE. */
    enum Start { PENDING, HOLD, RUNNING, STOPPED, SUSPENDED, DONE, FAILED, UNKNOWN, BOOT, PROLOG, SHUTDOWN, EPILOG }

    final MutableClock clock = new MutableClock(1_700_000_000L);
    public Core core;
    public Lifecycle lc;
    final ManualVmOperations manual = new ManualVmOperations();
    private TemporaryFolder home;

    public LifecycleFixture(Path varDir) throws Exception {
        open(varDir);
    }

    private LifecycleFixture() {
    }

    /** As a JUnit {@code @Rule}: a fresh fixture in its own temporary directory for every test. */
    public static LifecycleFixture perTest() {
        return new LifecycleFixture();
    }

    @Override
    protected void before() throws Throwable {
        home = new TemporaryFolder();
        home.create();
        open(home.getRoot().toPath());
    }

    @Override
    protected void after() {
        close();
        home.delete();
    }

    private void open(Path varDir) throws Exception {
        core = Core.open(VmFixture.memorySettings(varDir, clock));
        VmFixture.install(core);
        core.hosts().allocate("manualhost", "im_dummy", "vmm_manual", "dummy", "tm_dummy");
        lc = core.lifecycle();
        lc.operations().register("vmm_manual", manual);
    }

    int allocate() throws OneException {
        return core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
    }

    public VirtualMachine vm(int id) throws OneException {
        return core.vms().get(id);
    }

    /** The label the legacy CLI would show: the LCM state when ACTIVE, else the STATE. */
    String label(int id) throws OneException {
        VirtualMachine vm = vm(id);
        return vm.state() == VmState.ACTIVE ? vm.lcmState().name() : vm.state().name();
    }

    int vmIn(Start start) throws OneException {
        int id = allocate();
        switch (start) {
            case PENDING -> { }
            case HOLD -> lc.action("hold", id);
            case RUNNING -> lc.deploy(id, DUMMY_HOST);
            case STOPPED -> { lc.deploy(id, DUMMY_HOST); lc.action("stop", id); }
            case SUSPENDED -> { lc.deploy(id, DUMMY_HOST); lc.action("suspend", id); }
            case DONE -> { lc.deploy(id, DUMMY_HOST); lc.action("shutdown", id); }
            case FAILED -> { lc.deploy(id, MANUAL_HOST); lc.prologFailed(id, "prolog: Image isn't valid according to site policy"); }
            case UNKNOWN -> { lc.deploy(id, DUMMY_HOST); lc.domainGone(id); }
            case PROLOG -> lc.deploy(id, MANUAL_HOST);
            case BOOT -> { lc.deploy(id, MANUAL_HOST); lc.prologDone(id); }
            case SHUTDOWN -> { runningOnManual(id); lc.action("shutdown", id); }
            case EPILOG -> { runningOnManual(id); lc.action("shutdown", id); lc.shutdownDone(id); }
        }
        String expected = start.name();
        if (!label(id).equals(expected)) {
            throw new AssertionError("could not build a VM in " + start + ": it is " + label(id));
        }
        return id;
    }

    void runningOnManual(int id) throws OneException {
        lc.deploy(id, MANUAL_HOST);
        lc.prologDone(id);
        lc.booted(id, "one-" + id);
        if (!vm(id).is(LcmState.RUNNING)) {
            throw new AssertionError("VM " + id + " not running");
        }
    }

    @Override
    public void close() {
        core.close();
    }
}
