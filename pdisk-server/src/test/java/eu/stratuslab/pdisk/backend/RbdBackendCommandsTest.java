package eu.stratuslab.pdisk.backend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;

/** Ceph RBD command sequences (pdisk-api.md §10.6) against a recording runner (no Ceph cluster here). */
public class RbdBackendCommandsTest {

    private static final String BASE = "8a1b2c3d-1111-4222-8333-444455556666";
    private static final String NEW = "9b1b2c3d-1111-4222-8333-444455556666";
    private static final String RBD = "rbd --no-progress --id cloud ";

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RbdBackend backend = new RbdBackend(runner, "cloud", List.of("mon1:6789"), "cloud", "base");

    @Test
    public void createInMegabytesFormat2() {
        backend.create(BASE, 3);
        assertEquals(List.of(RBD + "create --size 3072 --image-format 2 cloud/" + BASE), runner.commandLines());
    }

    @Test
    public void snapshotCreatesProtectsAndClonesToleratingExistingSnapshot() {
        runner.answering(argv -> argv.contains("create") && argv.contains("snap")
                ? RecordingCommandRunner.fail(argv, 17, "rbd: failed to create snapshot: (17) File exists")
                : argv.contains("protect") ? RecordingCommandRunner.fail(argv, 16, "rbd: protecting snap failed: (16) Device or resource busy")
                : RecordingCommandRunner.ok(argv, ""));
        backend.snapshot(BASE, NEW, 3);
        assertEquals(List.of(
                RBD + "snap create cloud/" + BASE + "@base",
                RBD + "snap protect cloud/" + BASE + "@base",
                RBD + "clone cloud/" + BASE + "@base cloud/" + NEW), runner.commandLines());
    }

    @Test
    public void deleteToleratesMissingSnapshot() {
        runner.answering(argv -> argv.contains("snap")
                ? RecordingCommandRunner.fail(argv, 2, "rbd: No such file or directory") : RecordingCommandRunner.ok(argv, ""));
        backend.delete(NEW);
        assertEquals(List.of(
                RBD + "snap unprotect cloud/" + NEW + "@base",
                RBD + "snap rm cloud/" + NEW + "@base",
                RBD + "rm cloud/" + NEW), runner.commandLines());
    }

    @Test
    public void deleteFailsOnRealErrors() {
        runner.answering(argv -> argv.contains("rm") && !argv.contains("snap")
                ? RecordingCommandRunner.fail(argv, 16, "rbd: error: image still has watchers") : RecordingCommandRunner.ok(argv, ""));
        try {
            backend.delete(NEW);
            fail();
        } catch (CommandFailedException e) {
            assertTrue(e.getMessage().contains("Unable to delete volume on backend storage: " + NEW));
            assertTrue(e.getMessage().endsWith("Return code was: 16"));
        }
    }

    @Test
    public void rebaseFlattensInPlaceAndTurlNamesAMonitor() {
        assertEquals(Optional.empty(), backend.rebase(NEW, "unused-00000000"));
        assertEquals(List.of(RBD + "flatten cloud/" + NEW), runner.commandLines());
        assertEquals("rbd://mon1:6789/cloud/" + NEW, backend.turl(NEW));
    }
}
