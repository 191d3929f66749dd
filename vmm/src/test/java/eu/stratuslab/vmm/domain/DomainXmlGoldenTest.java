package eu.stratuslab.vmm.domain;

import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * Domain XML against expected files in src/test/resources/domain-xml. To update after a deliberate
 * change: run with -Dvmm.golden.write=&lt;dir&gt;, review the diff, copy the files over.
 */
public class DomainXmlGoldenTest {

    @Test
    public void legacyCliVm() throws IOException {
        assertGolden("legacy-cli.xml", DomainSpecs.legacyCli());
    }

    @Test
    public void kernelBootVmWithSerialLog() throws IOException {
        assertGolden("kernel-boot.xml", DomainSpecs.kernelBoot());
    }

    @Test
    public void rawDataAndHostCpuPassthrough() throws IOException {
        assertGolden("raw-data.xml", DomainSpecs.withRaw());
    }

    @Test
    public void blockDisksAndUserModeNic() throws IOException {
        assertGolden("block-disk.xml", DomainSpecs.blockDisk());
    }

    @Test
    public void iscsiVolumeAsNetworkDisk() throws IOException {
        assertGolden("network-disk.xml", DomainSpecs.networkDisk());
    }

    private static void assertGolden(String file, DomainSpec spec) throws IOException {
        String actual = DomainXml.build(spec);
        String dir = System.getProperty("vmm.golden.write");
        if (dir != null) {
            Files.writeString(Path.of(dir, file), actual, StandardCharsets.UTF_8);
        }
        assertEquals(file, expected(file), actual);
    }

    private static String expected(String file) throws IOException {
        try (InputStream in = DomainXmlGoldenTest.class.getResourceAsStream("/domain-xml/" + file)) {
            assertNotNull("missing golden file " + file, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
