package eu.stratuslab.authn.file;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The watch must see every kind of edit by the very next call (no watcher thread, no delay), and
 * say "unknown" rather than "unchanged" whenever it cannot tell.
 */
public class DirectoryWatchTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private interface Edit {
        void run() throws Exception;
    }

    private static void assertSeenAtOnce(String what, DirectoryWatch watch, Edit edit) throws Exception {
        long before = watch.generation();
        assertNotEquals(DirectoryWatch.UNKNOWN, before);
        assertEquals("nothing changed: " + what, before, watch.generation());
        edit.run();
        long after = watch.generation();
        assertNotEquals(what + " was not seen by the next call", before, after);
    }

    /** A watched directory (Linux only) holding one credential file; returns the file. */
    private Path watchedFile(String directory, String content) throws Exception {
        assumeTrue("inotify is Linux only", Platform.isLinux());
        Path dir = tmp.newFolder(directory).toPath();
        Path file = Files.writeString(dir.resolve("login-pswd.properties"), content);
        assertTrue(DirectoryWatch.SHARED.watch(dir));
        return file;
    }

    @Test
    public void everyKindOfEditIsSeenByTheNextCall() throws Exception {
        DirectoryWatch watch = DirectoryWatch.SHARED;
        Path file = watchedFile("etc", "alice=one,cloud-access\n");
        Path dir = file.getParent();
        assertSeenAtOnce("an edit in place", watch, () -> Files.writeString(file, "alice=two,cloud-access\n"));
        assertSeenAtOnce("a replacement by rename", watch, () -> {
            Path next = Files.writeString(dir.resolve(".login-pswd.properties.tmp"), "alice=three,cloud-access\n");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(watch.watch(dir));
        });
        assertSeenAtOnce("a new modification time", watch,
                () -> Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z"))));
        assertSeenAtOnce("a removal", watch, () -> Files.delete(file));
        assertSeenAtOnce("a creation", watch, () -> Files.writeString(file, "alice=four,cloud-access\n"));
        assertTrue(watch.watch(dir));
        assertSeenAtOnce("the directory removed", watch, () -> {
            Files.delete(file);
            Files.delete(dir);
        });
        assertFalse("a directory that is gone cannot be watched", watch.watch(dir));
    }

    @Test
    public void withoutInotifyEveryAnswerIsUnknown() {
        DirectoryWatch none = new DirectoryWatch(-1);
        assertFalse(none.watch(tmp.getRoot().toPath()));
        assertEquals(DirectoryWatch.UNKNOWN, none.generation());
    }

    @Test
    public void aMissingDirectoryCannotBeWatched() {
        assumeTrue("inotify is Linux only", Platform.isLinux());
        assertFalse(DirectoryWatch.SHARED.watch(tmp.getRoot().toPath().resolve("no-such-dir")));
    }

    /**
     * Many threads ask at once while a file is edited: whoever takes the event from the queue, every
     * call that starts after the edit returned sees a new generation.
     */
    @Test
    public void anEditIsSeenByEveryCallAfterItWhileOthersDrainTheQueue() throws Exception {
        DirectoryWatch watch = DirectoryWatch.SHARED;
        Path file = watchedFile("busy", "0\n");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Thread> askers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread asker = new Thread(() -> {
                while (!stop.get()) {
                    watch.generation();
                }
            });
            asker.start();
            askers.add(asker);
        }
        try {
            for (int i = 1; i <= 200; i++) {
                long before = watch.generation();
                Files.writeString(file, i + "\n");
                long after = watch.generation();
                assertTrue("edit " + i + ": " + before + " then " + after,
                        after == DirectoryWatch.UNKNOWN || after != before);
            }
        } finally {
            stop.set(true);
            for (Thread asker : askers) {
                asker.join();
            }
        }
    }
}
