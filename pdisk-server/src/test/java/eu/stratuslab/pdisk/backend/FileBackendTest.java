package eu.stratuslab.pdisk.backend;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;
import eu.stratuslab.pdisk.support.SystemTools;

/** The file backend with the real qemu-img: sparse create, qcow2 overlay snapshot, flattening rebase. */
public class FileBackendTest {

    private static final String ORIGIN = "11111111-1111-4111-8111-111111111111";
    private static final String LIVE = "22222222-2222-4222-8222-222222222222";
    private static final String FLAT = "33333333-3333-4333-8333-333333333333";

    private Path dir;
    private FileBackend backend;

    @Before
    public void setUp() throws Exception {
        SystemTools.assumeCommand("qemu-img", "--version");
        dir = Files.createTempDirectory("pdisk-file");
        backend = new FileBackend(dir, new ProcessCommandRunner(), "qemu-img");
    }

    @After
    public void tearDown() {
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void snapshotSharesOriginDataAndWritesStayInOverlayUntilRebase() throws Exception {
        backend.create(ORIGIN, 1);
        assertEquals(1L << 30, Files.size(dir.resolve(ORIGIN)));
        assertTrue("origin must be sparse", allocatedBytes(dir.resolve(ORIGIN)) < (1 << 20));
        try (OutputStream out = backend.openForWrite(ORIGIN)) {
            out.write("origin data".getBytes(StandardCharsets.US_ASCII));
        }
        backend.snapshot(ORIGIN, LIVE, 1);
        assertTrue(Files.size(dir.resolve(LIVE)) < (1 << 20));
        try (InputStream in = backend.openForRead(LIVE)) {
            assertArrayEquals("origin data".getBytes(StandardCharsets.US_ASCII), in.readNBytes(11));
        }
        // the guest writes into the overlay; the origin must not change
        SystemTools.assumeCommand("qemu-io", "--version");
        assertTrue(SystemTools.runs("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 4096 4096", dir.resolve(LIVE).toString()));
        try (InputStream in = Files.newInputStream(dir.resolve(ORIGIN))) {
            in.skipNBytes(4096);
            assertArrayEquals(new byte[4096], in.readNBytes(4096));
        }
        assertEquals(java.util.Optional.of(FLAT), backend.rebase(LIVE, FLAT));
        try (InputStream in = Files.newInputStream(dir.resolve(FLAT))) {
            assertArrayEquals("origin data".getBytes(StandardCharsets.US_ASCII), in.readNBytes(11));
            in.skipNBytes(4096 - 11);
            byte[] expected = new byte[4096];
            java.util.Arrays.fill(expected, (byte) 0x42);
            assertArrayEquals(expected, in.readNBytes(4096));
        }
        assertEquals(1L << 30, Files.size(dir.resolve(FLAT)));
        assertEquals("file://" + dir.resolve(LIVE), backend.turl(LIVE));
        backend.delete(LIVE);
        assertFalse(backend.exists(LIVE));
        assertTrue(backend.exists(ORIGIN));
    }

    private static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
        p.waitFor();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    @Test
    public void failedSnapshotLeavesNoOverlay() {
        RecordingCommandRunner failing = new RecordingCommandRunner()
                .answering(argv -> RecordingCommandRunner.fail(argv, 1, "qemu-img: Could not open backing file"));
        FileBackend b = new FileBackend(dir, failing, "qemu-img");
        b.create(ORIGIN, 1);
        try {
            b.snapshot(ORIGIN, LIVE, 1);
            fail();
        } catch (CommandFailedException e) {
            assertTrue(e.getMessage().contains("Cannot create copy on write volume: " + ORIGIN + " " + LIVE + " 1"));
        }
        assertFalse(Files.exists(dir.resolve(LIVE)));
        assertEquals(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", dir.resolve(ORIGIN).toString(),
                dir.resolve(LIVE).toString()), failing.calls().get(0));
    }

    @Test
    public void rejectsNamesThatAreNotUuids() {
        try {
            backend.create("../escape", 1);
            fail();
        } catch (IllegalArgumentException expected) {
            assertFalse(Files.exists(dir.getParent().resolve("escape")));
        }
    }
}
