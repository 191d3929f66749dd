package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.domain.DomainSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Private fake hosts of libvirt's test driver: {@code test:///<dir>/node.xml} has its own state
 * (4 CPUs, 8 GiB). Public for the VM manager's tests (test-jar).
 */
public final class TestHosts {
    public static final int CPUS = 4;
    public static final int MHZ = 2400;
    public static final long MEMORY_KB = 8_388_608L;

    private TestHosts() {}

    /** Writes the node description into {@code dir} (made if missing) and returns its URI. */
    public static String privateHostUri(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <cpu>
                    <mhz>%d</mhz>
                    <model>x86_64</model>
                    <nodes>1</nodes>
                    <sockets>1</sockets>
                    <cores>%d</cores>
                    <threads>1</threads>
                    <active>%d</active>
                  </cpu>
                  <memory>%d</memory>
                </node>
                """.formatted(MHZ, CPUS, CPUS, MEMORY_KB), StandardCharsets.UTF_8);
        return "test://" + node.toAbsolutePath();
    }

    static DomainSpec testDomain(int vmId, long memoryKb) {
        return new DomainSpec("one-" + vmId, null, 1, memoryKb, "test", DomainSpec.Os.DEFAULT,
                List.of(new DomainSpec.Disk("/var/lib/one/" + vmId + "/images/disk.0", false, "hda", null, null,
                        false, false)),
                List.of(new DomainSpec.Nic(null, "02:00:0a:00:00:01", null)),
                new DomainSpec.Graphics("vnc", -1, null, "en-us"), null, false);
    }
}
