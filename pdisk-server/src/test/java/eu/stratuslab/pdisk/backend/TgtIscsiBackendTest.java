package eu.stratuslab.pdisk.backend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.SystemTools;
import eu.stratuslab.pdisk.support.TgtDaemon;

/**
 * File-backed volumes exported by a real tgtd on loopback, read back by real initiators
 * (libiscsi's iscsi-ls and qemu's iSCSI driver).
 */
public class TgtIscsiBackendTest {

    private static final String A = "8a1b2c3d-1111-4222-8333-444455556666";
    private static final String B = "9b1b2c3d-1111-4222-8333-444455556666";

    private Path dir;
    private TgtDaemon tgtd;
    private IscsiBackend backend;
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pdisk-tgt");
        tgtd = TgtDaemon.start(dir.resolve("tgtd.log"));
        SystemTools.assumeCommand("sh", "-c", "command -v iscsi-ls && command -v qemu-io");
        backend = new IscsiBackend("file+iscsi", new RawFileBlockStore(dir.resolve("volumes"), runner),
                new TgtExporter(runner, dir.resolve("iscsi.conf"), tgtd.controlPort), "127.0.0.1", tgtd.portalPort);
    }

    @After
    public void tearDown() throws Exception {
        if (tgtd != null) {
            tgtd.close();
        }
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void createdVolumeIsVisibleToInitiatorWithItsData() throws Exception {
        backend.create(A, 1);
        try (OutputStream out = backend.openForWrite(A)) {
            byte[] block = new byte[4096];
            Arrays.fill(block, (byte) 0x5a);
            out.write(block);
        }
        String turl = backend.turl(A);
        assertEquals("iscsi://127.0.0.1:" + tgtd.portalPort + "/iqn.2011-01.eu.stratuslab:" + A + ":1", turl);

        CommandResult ls = runner.run(List.of("iscsi-ls", "-s", "iscsi://127.0.0.1:" + tgtd.portalPort));
        assertEquals(ls.output(), 0, ls.exitCode());
        assertTrue(ls.output(), ls.output().contains("Target:iqn.2011-01.eu.stratuslab:" + A));
        assertTrue(ls.output(), ls.output().contains("Lun:1    Type:DIRECT_ACCESS (Size:1023M)")
                || ls.output().contains("Lun:1    Type:DIRECT_ACCESS (Size:1024M)"));

        // qemu's iSCSI initiator reads back what was written through the backing file
        String qemuUrl = "iscsi://127.0.0.1:" + tgtd.portalPort + "/iqn.2011-01.eu.stratuslab:" + A + "/1";
        CommandResult read = runner.run(List.of("qemu-io", "-r", "-f", "raw", "-c", "read -P 0x5a 0 4096", qemuUrl));
        assertEquals(read.output(), 0, read.exitCode());
        assertFalse(read.output(), read.output().contains("Pattern verification failed"));
        assertTrue(read.output(), read.output().contains("read 4096/4096 bytes"));

        assertTrue(Files.readString(dir.resolve("iscsi.conf"), StandardCharsets.UTF_8)
                .startsWith("<target iqn.2011-01.eu.stratuslab:" + A + ">\n backing-store " + dir.resolve("volumes").resolve(A)));
    }

    @Test
    public void snapshotGetsItsOwnTargetAndDeleteRemovesTarget() throws Exception {
        backend.create(A, 1);
        backend.snapshot(A, B, 1);
        CommandResult ls = runner.run(List.of("iscsi-ls", "iscsi://127.0.0.1:" + tgtd.portalPort));
        assertTrue(ls.output(), ls.output().contains(A) && ls.output().contains(B));
        String conf = Files.readString(dir.resolve("iscsi.conf"));
        assertTrue(conf, conf.indexOf(B) < conf.indexOf(A)); // newest block on top

        backend.delete(A);
        CommandResult after = runner.run(List.of("iscsi-ls", "iscsi://127.0.0.1:" + tgtd.portalPort));
        assertFalse(after.output(), after.output().contains(A));
        assertTrue(after.output(), after.output().contains(B));
        assertFalse(backend.exists(A));
        assertFalse(Files.readString(dir.resolve("iscsi.conf")).contains(A));
    }
}
