package eu.stratuslab.hooks.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.quarantine.FinishedVm;
import eu.stratuslab.quarantine.Quarantine;
import eu.stratuslab.quarantine.QuarantineCleaner;
import eu.stratuslab.quarantine.QuarantineSettings;
import eu.stratuslab.quarantine.QuarantinedVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The quarantine module against a real pdisk on loopback (file backend), through the hooks'
 * {@link PdiskQuarantineStore}: hooks.md §5.1 step 2 and 3, the cleanup of §5.2 run by hand and by
 * its Quartz schedule, listing and restore.
 */
public class PdiskQuarantineTest {
    private static final String STAMP = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    @Rule
    public PdiskFixture pdisk = new PdiskFixture();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private PdiskQuarantineStore store;
    private Path location;
    private Path runLog;
    private String origin;
    private Quarantine quarantine;

    @Before
    public void setUp() throws Exception {
        PdiskClient client = new PdiskClient(pdisk.endpoint, "pdisk", "pdisk-pw".toCharArray(), null,
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        store = new PdiskQuarantineStore(client, "pdisk");
        location = tmp.getRoot().toPath().resolve("quarantine");
        runLog = tmp.getRoot().toPath().resolve("log/one-quarantine-cleanup.log");
        origin = pdisk.create("pdisk", "size=1&type=MACHINE_IMAGE_ORIGIN&visibility=public");
    }

    @After
    public void tearDown() {
        if (quarantine != null) {
            quarantine.close();
        }
    }

    private Quarantine quarantine(Duration period, Duration interval, Clock clock) {
        return new Quarantine(new QuarantineSettings(period, location, interval), store, runLog, clock);
    }

    /** A VM's copy-on-write snapshot owned by alice, as the prolog leaves it. */
    private String snapshot() {
        String uuid = PdiskFixture.json(pdisk.postEmpty("pdisk", "disks/" + origin)).get("uuid").asText();
        assertEquals(303, pdisk.putForm("pdisk", "disks/" + uuid, "owner=alice").statusCode());
        return uuid;
    }

    private JsonNode disk(String uuid) {
        var r = pdisk.get("pdisk", "disks/" + uuid);
        return r.statusCode() == 404 ? null : PdiskFixture.json(r);
    }

    private Path vmDir(int id) throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("one/" + id);
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("images/disk.1"), "volatile");
        return dir;
    }

    @Test
    public void everySnapshotOfTheVmIsQuarantinedTheUsersOwnVolumeKeepsItsOwnerTheDirectoryMoves() throws Exception {
        String root = snapshot();
        String readOnlyDisk = snapshot();
        String data = pdisk.create("alice", "size=1&tag=my%20data");
        Path dir = vmDir(7);
        quarantine = quarantine(Duration.ofHours(48), Duration.ofMinutes(15), Clock.systemDefaultZone());

        List<String> errors = quarantine.quarantineVm(new FinishedVm(7, "alice", dir, List.of(root, data, readOnlyDisk,
                "not-a-uuid"), false));

        assertEquals(List.of(), errors);
        for (String s : List.of(root, readOnlyDisk)) {
            JsonNode d = disk(s);
            assertEquals("pdisk", d.get("owner").asText());
            assertTrue(d.toString(), d.get("quarantine").asText().matches(STAMP));
        }
        JsonNode own = disk(data);
        assertEquals("alice", own.get("owner").asText());
        assertFalse(own.toString(), own.has("quarantine"));
        assertFalse(Files.exists(dir));
        assertEquals("volatile", Files.readString(location.resolve("7/images/disk.1")));

        assertEquals("owner records are private", "rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(location.resolve(".volumes"))));
        List<QuarantinedVolume> listed = quarantine.volumes();
        assertEquals(listed.toString(), 2, listed.size());
        for (QuarantinedVolume v : listed) {
            assertTrue(List.of(root, readOnlyDisk).contains(v.uuid()));
            assertEquals("alice", v.previousOwner());
            assertEquals(7, v.vmId());
            assertEquals("snapshot:" + origin, v.identifier());
            assertNotNull(v.expires());
        }
        // a second run (the reconciler re-issuing the epilog) keeps the first stamp and the recorded owner
        String stamp = disk(root).get("quarantine").asText();
        assertEquals(List.of(), quarantine.quarantineVm(new FinishedVm(7, "alice", dir, List.of(root), true)));
        assertEquals(stamp, disk(root).get("quarantine").asText());
        assertEquals("alice", quarantine.volumes().get(0).previousOwner());
    }

    @Test
    public void cleanupDeletesExpiredUnmountedSnapshotsOnlyAndWritesARunLine() throws Exception {
        String expired = snapshot();
        String expiredButMounted = snapshot();
        String young = snapshot();
        String data = pdisk.create("alice", "size=1");
        Clock twoHoursAgo = Clock.offset(Clock.systemDefaultZone(), Duration.ofHours(-2));
        quarantine(Duration.ofHours(1), Duration.ofMinutes(15), twoHoursAgo)
                .quarantineVm(new FinishedVm(1, "alice", vmDir(1), List.of(expired, expiredButMounted, data), false));
        assertEquals(200, pdisk.postForm("pdisk", "disks/" + expiredButMounted + "/mounts/",
                "node=localhost&vm_id=1&register_only=true").statusCode());
        quarantine = quarantine(Duration.ofHours(1), Duration.ofMinutes(15), Clock.systemDefaultZone());
        quarantine.quarantineVm(new FinishedVm(2, "alice", vmDir(2), List.of(young), false));

        QuarantineCleaner.Report report = quarantine.cleanOnce();

        assertEquals(report.errors().toString(), 1, report.volumesDeleted());
        assertNull("the expired snapshot is deleted", disk(expired));
        assertNotNull("a mounted volume is never deleted", disk(expiredButMounted));
        assertNotNull("a younger quarantine is kept", disk(young));
        assertEquals("the user's volume is untouched", "alice", disk(data).get("owner").asText());
        assertFalse(disk(data).has("quarantine"));
        List<String> lines = Files.readAllLines(runLog);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0), lines.get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z cleanup: 1 volume\\(s\\) "
                + "and 1 file\\(s\\) older than PT1H deleted under " + java.util.regex.Pattern.quote(location.toString())));
        assertFalse("the directory quarantined two hours ago is gone", Files.exists(location.resolve("1")));
        assertTrue(Files.exists(location.resolve("2/images/disk.1")));
        assertEquals(List.of(expiredButMounted, young), quarantine.volumes().stream().map(QuarantinedVolume::uuid).toList());
    }

    @Test
    public void theQuartzScheduleFiresAndTheCleanupTakesTheSnapshotOnceItsPeriodIsOver() throws Exception {
        String snap = snapshot();
        String data = pdisk.create("alice", "size=1");
        quarantine = quarantine(Duration.ofSeconds(2), Duration.ofMillis(500), Clock.systemDefaultZone());
        assertEquals(List.of(), quarantine.quarantineVm(new FinishedVm(3, "alice", vmDir(3), List.of(snap, data), false)));
        long started = System.nanoTime();

        quarantine.startCleanup();

        Await.await("the scheduled cleanup to delete the expired snapshot", Duration.ofSeconds(30),
                () -> disk(snap) == null, () -> lines(runLog).toString());
        assertTrue("deleted only after its 2 s period", System.nanoTime() - started >= Duration.ofSeconds(1).toNanos());
        // the run that deleted it writes its line once it is done: wait for that line, then for more runs
        Await.await("the deleting run's line", Duration.ofSeconds(30),
                () -> lines(runLog).stream().anyMatch(l -> l.contains(" cleanup: 1 volume(s) ")), () -> lines(runLog).toString());
        Await.await("a run line per cleanup", Duration.ofSeconds(30), () -> lines(runLog).size() >= 3,
                () -> lines(runLog).toString());
        assertEquals("alice", disk(data).get("owner").asText());
        quarantine.close();
        int after = lines(runLog).size();
        quarantine.cleanOnce();
        assertEquals("a stopped schedule runs no more, a manual run still writes its line", after + 1,
                lines(runLog).size());
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    public void anAdministratorRestoresAVolumeToItsPreviousOwnerAndTheCleanupLeavesIt() throws Exception {
        String snap = snapshot();
        String data = pdisk.create("alice", "size=1");
        Clock longAgo = Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(-3));
        quarantine(Duration.ofHours(1), Duration.ofMinutes(15), longAgo)
                .quarantineVm(new FinishedVm(4, "alice", vmDir(4), List.of(snap), false));
        assertEquals(403, pdisk.get("alice", "disks/" + snap).statusCode());
        quarantine = quarantine(Duration.ofHours(1), Duration.ofMinutes(15), Clock.systemDefaultZone());

        QuarantinedVolume restored = quarantine.restore(snap, null);

        assertEquals("alice", restored.previousOwner());
        JsonNode d = disk(snap);
        assertEquals("alice", d.get("owner").asText());
        assertFalse(d.toString(), d.has("quarantine"));
        assertEquals("the owner sees it again", 200, pdisk.get("alice", "disks/" + snap).statusCode());
        assertEquals(List.of(), quarantine.volumes());
        assertEquals(0, quarantine.cleanOnce().volumesDeleted());
        assertNotNull(disk(snap));

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> quarantine.restore(snap, null));
        assertEquals("volume " + snap + " is not in quarantine (owner alice)", twice.getMessage());
        IllegalArgumentException own = assertThrows(IllegalArgumentException.class, () -> quarantine.restore(data, null));
        assertTrue(own.getMessage(), own.getMessage().contains("is not in quarantine"));
        String unknown = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> quarantine.restore(unknown, null));
        assertEquals("volume " + unknown + " does not exist (already cleaned up?)", gone.getMessage());
    }

    @Test
    public void withoutARecordTheAdministratorNamesTheOwner() throws Exception {
        String snap = snapshot();
        // quarantined by another tool (stratus-storage-quarantine): no owner record
        assertEquals(303, pdisk.putForm("pdisk", "disks/" + snap, "owner=pdisk&quarantine=2014-06-12%2010:11:12.123456")
                .statusCode());
        quarantine = quarantine(Duration.ofHours(1), Duration.ofMinutes(15), Clock.systemDefaultZone());
        QuarantinedVolume listed = quarantine.volumes().get(0);
        assertEquals("", listed.previousOwner());
        assertEquals(-1, listed.vmId());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> quarantine.restore(snap, null));
        assertEquals("no record of the previous owner of volume " + snap + "; name the owner to give it to", e.getMessage());
        assertEquals("pdisk", disk(snap).get("owner").asText());
        quarantine.restore(snap, "bob");
        assertEquals("bob", disk(snap).get("owner").asText());
    }
}
