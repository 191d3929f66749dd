package eu.stratuslab.vmmanager;

import static org.junit.Assert.fail;

import eu.stratuslab.vmm.DriverRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.Assume;

/**
 * The libvirt check and the polling helper of the VM manager tests (their private hosts of libvirt's
 * test driver are vmm's {@link eu.stratuslab.vmm.libvirt.TestHosts}).
 */
public final class LibvirtTestHosts {
    private LibvirtTestHosts() {
    }

    /** Skips (or fails under STRATUSLAB_FULL_TESTS=1) when libvirt's client library cannot be used. */
    public static void requireLibvirt() {
        String problem = null;
        try (DriverRegistry r = new DriverRegistry()) {
            r.driverFor("probe", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, "test:///default")).probe();
        } catch (Exception | LinkageError e) {
            problem = "libvirt test driver unavailable: " + e;
        }
        if (problem != null) {
            if ("1".equals(System.getenv("STRATUSLAB_FULL_TESTS"))) {
                fail(problem);
            }
            Assume.assumeTrue(problem, false);
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        eu.stratuslab.core.testsupport.Await.await(what, deadline, condition);
    }
}
