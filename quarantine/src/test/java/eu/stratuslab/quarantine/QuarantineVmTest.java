package eu.stratuslab.quarantine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * When the storage cannot be reached the epilog keeps the VM directory for the retry at finalize;
 * the last attempt moves it anyway. (The working path runs against a real pdisk in the hooks'
 * PdiskQuarantineTest.)
 */
public class QuarantineVmTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Storage that is down: every call fails as a pdisk client would. */
    private static final class UnreachableStore implements QuarantineStore {
        @Override
        public String superuser() {
            return "pdisk";
        }

        @Override
        public List<StoredVolume> list() throws IOException {
            throw new IOException("cannot reach pdisk at https://127.0.0.1:1/pdisk: Connection refused");
        }

        @Override
        public StoredVolume find(String uuid) throws IOException {
            return list().get(0);
        }

        @Override
        public boolean update(String uuid, Map<String, String> fields) throws IOException {
            return list().isEmpty();
        }

        @Override
        public boolean mounted(String uuid) throws IOException {
            return list().isEmpty();
        }

        @Override
        public boolean delete(String uuid) throws IOException {
            return list().isEmpty();
        }
    }

    @Test
    public void aVolumeThatCannotBeQuarantinedKeepsTheDirectoryUntilTheFinalAttempt() throws Exception {
        Path location = tmp.getRoot().toPath().resolve("quarantine");
        Path dir = Files.createDirectories(tmp.getRoot().toPath().resolve("one/12/images"));
        Quarantine q = new Quarantine(new QuarantineSettings(Duration.ofHours(1), location, Duration.ofMinutes(1)),
                new UnreachableStore(), null, Clock.systemDefaultZone());
        String uuid = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

        List<String> errors = q.quarantineVm(new FinishedVm(12, "alice", dir.getParent(), List.of(uuid), false));
        assertEquals(List.of("cannot quarantine volume " + uuid
                + ": cannot reach pdisk at https://127.0.0.1:1/pdisk: Connection refused"), errors);
        assertTrue("kept for the retry", Files.isDirectory(dir));

        errors = q.quarantineVm(new FinishedVm(12, "alice", dir.getParent(), List.of(uuid), true));
        assertEquals(1, errors.size());
        assertFalse(Files.exists(dir));
        assertTrue(Files.isDirectory(location.resolve("12/images")));

        QuarantineCleaner.Report report = q.cleanOnce();
        assertEquals(List.of("cannot list the volumes: cannot reach pdisk at https://127.0.0.1:1/pdisk: Connection refused"),
                report.errors());
        assertTrue("the young directory is kept", Files.isDirectory(location.resolve("12")));
    }
}
