package eu.stratuslab.pdisk.backend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;

/**
 * LVM + tgt command sequences (pdisk-api.md §10.3) against a recording runner: this machine has
 * no device-mapper, so lvcreate cannot run here. tgtadm output is scripted like a real tgtd's.
 */
public class LvmBackendCommandsTest {

    private static final String A = "8a1b2c3d-1111-4222-8333-444455556666";
    private static final String B = "9b1b2c3d-1111-4222-8333-444455556666";
    private static final String NEW = "7c1b2c3d-1111-4222-8333-444455556666";

    private Path dir;
    private Path targets;
    private RecordingCommandRunner runner;
    private StorageBackend backend;
    private volatile String tgtShow = "";

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pdisk-lvm");
        targets = dir.resolve("iscsi.conf");
        runner = new RecordingCommandRunner().answering(argv -> {
            String line = String.join(" ", argv);
            if (line.contains("--op show")) {
                return RecordingCommandRunner.ok(argv, tgtShow);
            }
            if (argv.get(0).equals("lvs")) {
                return RecordingCommandRunner.ok(argv, "  10.00g\n");
            }
            return RecordingCommandRunner.ok(argv, "");
        });
        backend = new IscsiBackend("lvm", new LvmBlockStore("/dev/vg.02", runner, Duration.ZERO),
                new TgtExporter(runner, targets, 0), "storage.example.org", 3260);
    }

    @After
    public void tearDown() {
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void createMakesVolumeThenTargetAndTargetBlock() throws Exception {
        tgtShow = "Target 1: iqn.2011-01.eu.stratuslab:" + B + "\n    System information:\n";
        backend.create(A, 10);
        assertEquals(List.of(
                "lvcreate -L 10G -n " + A + " /dev/vg.02",
                "tgtadm --lld iscsi --mode target --op show",
                "tgtadm --lld iscsi --mode target --op new --tid 2 --targetname iqn.2011-01.eu.stratuslab:" + A,
                "tgtadm --lld iscsi --mode logicalunit --op new --tid 2 --lun 1 --backing-store /dev/vg.02/" + A,
                "tgtadm --lld iscsi --mode target --op bind --tid 2 --initiator-address ALL"), runner.commandLines());
        assertEquals("<target iqn.2011-01.eu.stratuslab:" + A + ">\n backing-store /dev/vg.02/" + A + "\n</target>\n",
                Files.readString(targets));
        assertEquals("iscsi://storage.example.org:3260/iqn.2011-01.eu.stratuslab:" + A + ":1", backend.turl(A));
    }

    @Test
    public void snapshotUsesFullSizeCowArea() {
        backend.snapshot(A, B, 10);
        assertEquals("lvcreate --snapshot -p rw --size 10G -n " + B + " /dev/vg.02/" + A, runner.commandLines().get(0));
        assertTrue(runner.commandLines().get(2).endsWith("--targetname iqn.2011-01.eu.stratuslab:" + B));
    }

    @Test
    public void deleteRemovesTargetBlockThenDeviceThenVolume() throws Exception {
        backend.create(A, 1);
        tgtShow = "Target 1: iqn.2011-01.eu.stratuslab:" + A + "\n";
        runner.clear();
        backend.delete(A);
        assertEquals(List.of(
                "tgtadm --lld iscsi --mode target --op show",
                "tgtadm --lld iscsi --mode target --op delete --force --tid 1",
                "dmsetup remove /dev/vg.02/" + A,
                "lvremove -f /dev/vg.02/" + A), runner.commandLines());
        assertEquals("", Files.readString(targets));
    }

    @Test
    public void rebaseCopiesIntoNewVolume() {
        assertEquals(Optional.of(NEW), backend.rebase(A, NEW));
        List<String> cmds = runner.commandLines();
        assertEquals("lvs -o lv_size --noheadings --units g /dev/vg.02/" + A, cmds.get(0));
        assertEquals("lvcreate -L 10G -n " + NEW + " /dev/vg.02", cmds.get(1));
        assertEquals("dd if=/dev/vg.02/" + A + " of=/dev/vg.02/" + NEW + " bs=1M", cmds.get(2));
        assertTrue(cmds.get(4).contains("--targetname iqn.2011-01.eu.stratuslab:" + NEW));
    }

    @Test
    public void failedExportRemovesTheNewVolume() {
        runner.answering(argv -> String.join(" ", argv).contains("logicalunit")
                ? RecordingCommandRunner.fail(argv, 22, "tgtadm: invalid request") : RecordingCommandRunner.ok(argv, ""));
        try {
            backend.create(A, 1);
            fail();
        } catch (CommandFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("tgtadm: invalid request"));
        }
        List<String> cmds = runner.commandLines();
        assertTrue(cmds.toString(), cmds.contains("tgtadm --lld iscsi --mode target --op delete --force --tid 1"));
        assertEquals("lvremove -f /dev/vg.02/" + A, cmds.get(cmds.size() - 1));
        assertFalse(Files.exists(targets));
    }

    @Test
    public void failedDdRemovesHalfCopiedVolume() {
        runner.answering(argv -> argv.get(0).equals("dd") ? RecordingCommandRunner.fail(argv, 1, "dd: error writing")
                : argv.get(0).equals("lvs") ? RecordingCommandRunner.ok(argv, " 2.00g") : RecordingCommandRunner.ok(argv, ""));
        try {
            backend.rebase(A, NEW);
            fail();
        } catch (CommandFailedException e) {
            assertTrue(e.getMessage().contains("Cannot rebase image on backend storage: " + A));
        }
        assertEquals("lvremove -f /dev/vg.02/" + NEW, runner.commandLines().get(runner.commandLines().size() - 1));
    }
}
