package eu.stratuslab.infra.fault;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A disarmed or differently armed point returns; the armed one reports itself in its file and holds the thread. */
public class CrashPointTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @After
    public void disarm() {
        System.clearProperty(CrashPoint.PROPERTY);
        System.clearProperty(CrashPoint.FILE_PROPERTY);
    }

    @Test
    public void onlyTheArmedPointHoldsItsThreadAndWritesTheFile() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("reached");
        CrashPoint.reach("save.rebased"); // disarmed: returns
        System.setProperty(CrashPoint.PROPERTY, "save.rebased");
        System.setProperty(CrashPoint.FILE_PROPERTY, file.toString());
        CrashPoint.reach("hotplug.attached"); // another point: returns
        assertFalse(Files.exists(file));

        Thread t = new Thread(() -> CrashPoint.reach("save.rebased"), "crash-point-test");
        t.setDaemon(true); // parked for good, as in the process a test kills
        t.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!(Files.exists(file) && t.getState() == Thread.State.WAITING) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertTrue("the point wrote its file", Files.exists(file));
        assertEquals("save.rebased\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(Thread.State.WAITING, t.getState());
    }
}
