package eu.stratuslab.cloud.vmtest;

import static org.junit.Assert.fail;

import eu.stratuslab.vmm.DriverRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Assume;

/** Private libvirt test-driver nodes ({@code test:///<dir>/node.xml}: 4 CPUs by default, 8 GiB). */
public final class TestNodes {
    private TestNodes() {
    }

    public static String privateNode(Path dir) throws IOException {
        return privateNode(dir, 4);
    }

    /** A node with {@code cpus} CPUs (the test driver charges each running domain one full CPU). */
    public static String privateNode(Path dir, int cpus) throws IOException {
        Files.createDirectories(dir);
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <cpu><mhz>2400</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets>
                    <cores>%d</cores><threads>1</threads><active>%d</active></cpu>
                  <memory>8388608</memory>
                </node>
                """.formatted(cpus, cpus), StandardCharsets.UTF_8);
        return "test://" + node.toAbsolutePath();
    }

    public static boolean fullTests() {
        return "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
    }

    /** Skips, or fails under STRATUSLAB_FULL_TESTS=1, when {@code problem} is not null. */
    public static void require(String problem) {
        if (problem == null) {
            return;
        }
        if (fullTests()) {
            fail(problem);
        }
        Assume.assumeTrue(problem, false);
    }

    public static void requireLibvirtTestDriver() {
        String problem = null;
        try (DriverRegistry r = new DriverRegistry()) {
            r.driverFor("probe", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, "test:///default")).probe();
        } catch (Exception | LinkageError e) {
            problem = "libvirt test driver unavailable: " + e;
        }
        require(problem);
    }
}
