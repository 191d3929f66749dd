package eu.stratuslab.vmmanager;

import static org.junit.Assert.fail;

import eu.stratuslab.vmm.DriverRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.Assume;

/**
 * Private hosts of libvirt's test driver ({@code test:///<dir>/node.xml}: 4 CPUs, 8 GiB, its own
 * domains) and the polling helper of the VM manager tests.
 */
public final class LibvirtTestHosts {
    public static final int CPUS = 4;
    public static final long MEMORY_KB = 8_388_608L;

    private LibvirtTestHosts() {
    }

    /** Writes the node description and returns its URI. */
    public static String privateHost(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <cpu><mhz>2400</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets>
                    <cores>%d</cores><threads>1</threads><active>%d</active></cpu>
                  <memory>%d</memory>
                </node>
                """.formatted(CPUS, CPUS, MEMORY_KB), StandardCharsets.UTF_8);
        return "test://" + node.toAbsolutePath();
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
