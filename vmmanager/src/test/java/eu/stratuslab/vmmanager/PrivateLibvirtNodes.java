package eu.stratuslab.vmmanager;

import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.libvirt.TestHosts;
import java.io.IOException;
import java.util.Map;
import org.junit.rules.TemporaryFolder;

/**
 * A JUnit rule for tests on private nodes of libvirt's test driver: skips the test (fails it under
 * STRATUSLAB_FULL_TESTS=1) without libvirt, keeps the nodes in a temporary folder, and holds the
 * test's own connections to them (an operator's independent look, as virsh would have), closed after the test.
 */
final class PrivateLibvirtNodes extends TemporaryFolder {
    private DriverRegistry observers;

    @Override
    protected void before() throws Throwable {
        LibvirtTestHosts.requireLibvirt();
        super.before();
        observers = new DriverRegistry();
    }

    @Override
    protected void after() {
        observers.close();
        super.after();
    }

    /** A new private node in folder {@code name}: its URI. */
    String node(String name) throws IOException {
        return TestHosts.privateHostUri(newFolder(name).toPath());
    }

    /** The test's own connection to the node at {@code uri}. */
    HypervisorDriver observer(String name, String uri) throws DriverException {
        return observers.driverFor(name, "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, uri));
    }
}
