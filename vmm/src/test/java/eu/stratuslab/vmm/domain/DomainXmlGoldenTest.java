package eu.stratuslab.vmm.domain;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * Domain XML against expected files in src/test/resources/domain-xml. To update after a deliberate
 * change: run with -Dvmm.golden.write=&lt;dir&gt;, review the diff, copy the files over.
 */
@RunWith(Parameterized.class)
public class DomainXmlGoldenTest {

    @Parameters(name = "{0}")
    public static List<Object[]> documents() {
        return List.of(
                document("legacyCliVm", "legacy-cli.xml", DomainSpecs.legacyCli()),
                document("kernelBootVmWithSerialLog", "kernel-boot.xml", DomainSpecs.kernelBoot()),
                document("rawDataAndHostCpuPassthrough", "raw-data.xml", DomainSpecs.withRaw()),
                document("blockDisksAndUserModeNic", "block-disk.xml", DomainSpecs.blockDisk()),
                document("iscsiVolumeAsNetworkDisk", "network-disk.xml", DomainSpecs.networkDisk()));
    }

    private static Object[] document(String name, String file, DomainSpec spec) {
        return new Object[] {name, file, spec};
    }

    @Parameter(0)
    public String name;
    @Parameter(1)
    public String file;
    @Parameter(2)
    public DomainSpec spec;

    @Test
    public void buildsTheExpectedFile() throws IOException {
        assertGolden(file, spec);
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
