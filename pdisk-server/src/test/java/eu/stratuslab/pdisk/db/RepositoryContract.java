package eu.stratuslab.pdisk.db;

import eu.stratuslab.infra.db.Database;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.Test;

import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.DiskBuilder;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.model.Visibility;
import eu.stratuslab.pdisk.model.VmInstance;

/** Repository behaviour every database must show; subclasses supply the database. */
public abstract class RepositoryContract {

    protected abstract Database database();

    private DiskRepository disks() {
        return new DiskRepository(database().dataSource());
    }

    private MountRepository mounts() {
        return new MountRepository(database().dataSource());
    }

    private static Disk disk(String owner, long createdAt, DiskType type, Visibility v) {
        return new DiskBuilder().uuid(UUID.randomUUID().toString()).owner(owner).creation(Instant.ofEpochMilli(createdAt))
                .size(3).type(type).visibility(v).tag("t\u00e9g '\"").group(List.of("g1", "g2")).build();
    }

    @Test
    public void storesAllFieldsAndListsNewestFirstWithPublicDisks() {
        Disk a = disk("alice", 1000, DiskType.DATA_IMAGE_RAW_READ_WRITE, Visibility.PRIVATE);
        Disk b = disk("bob", 2000, DiskType.DATA_IMAGE_RAW_READ_WRITE, Visibility.PUBLIC);
        Disk c = disk("bob", 3000, DiskType.DATA_IMAGE_RAW_READ_WRITE, Visibility.PRIVATE);
        Disk d = disk("john.doe%40example.org", 4000, DiskType.DATA_IMAGE_RAW_READONLY, Visibility.PRIVATE);
        for (Disk x : List.of(a, b, c, d)) {
            disks().insert(x);
        }
        Disk back = disks().find(a.uuid()).orElseThrow();
        assertEquals(a.tag(), back.tag());
        assertEquals(List.of("g1", "g2"), back.group());
        assertEquals(Instant.ofEpochMilli(1000), back.creation());
        assertEquals(DiskType.DATA_IMAGE_RAW_READ_WRITE, back.type());
        assertEquals(List.of(b.uuid(), a.uuid()), disks().listVisibleTo("alice", "alice").stream().map(Disk::uuid).toList());
        assertEquals(List.of(d.uuid(), b.uuid()),
                disks().listVisibleTo("john.doe@example.org", "john.doe%40example.org").stream().map(Disk::uuid).toList());
        assertEquals(List.of(d.uuid(), c.uuid(), b.uuid(), a.uuid()), disks().listAll().stream().map(Disk::uuid).toList());
    }

    @Test
    public void countIsLiveSnapshotsForOriginsAndMountsOtherwise() {
        Disk origin = disk("pdisk", 1, DiskType.MACHINE_IMAGE_ORIGIN, Visibility.PUBLIC);
        disks().insert(origin);
        for (int i = 0; i < 2; i++) {
            disks().insert(new DiskBuilder().uuid(UUID.randomUUID().toString()).owner("alice").size(3)
                    .type(DiskType.MACHINE_IMAGE_LIVE).identifier("snapshot:" + origin.uuid()).baseDiskUuid(origin.uuid()).build());
        }
        assertEquals(2, disks().find(origin.uuid()).orElseThrow().count());

        Disk data = disk("alice", 5, DiskType.DATA_IMAGE_RAW_READONLY, Visibility.PRIVATE);
        disks().insert(data);
        mounts().insert(new Mount(Mount.idFor(data.uuid(), "7"), data.uuid(), "7", "vdz", Instant.now()),
                new VmInstance("7", "node-a", "alice", Instant.now()));
        mounts().insert(new Mount(Mount.idFor(data.uuid(), "8"), data.uuid(), "8", "static", Instant.now()),
                new VmInstance("8", "node-b", "bob", Instant.now()));
        assertEquals(2, disks().find(data.uuid()).orElseThrow().count());
        assertEquals(List.of("static", "vdz"), mounts().listForDisk(data.uuid()).stream().map(Mount::device).toList());
        assertTrue(mounts().delete(Mount.idFor(data.uuid(), "7")));
        assertFalse(mounts().delete(Mount.idFor(data.uuid(), "7")));
        assertEquals(1, disks().find(data.uuid()).orElseThrow().count());
        assertEquals("node-a", mounts().findInstance("7").orElseThrow().node());
    }

    @Test
    public void duplicateMountIsRejectedAndRollsBackInstanceUpdate() {
        Disk data = disk("alice", 5, DiskType.DATA_IMAGE_RAW_READ_WRITE, Visibility.PRIVATE);
        disks().insert(data);
        Mount m = new Mount(Mount.idFor(data.uuid(), "9"), data.uuid(), "9", "vdz", Instant.now());
        mounts().insert(m, new VmInstance("9", "first-node", "alice", Instant.now()));
        try {
            mounts().insert(m, new VmInstance("9", "second-node", "alice", Instant.now()));
            fail("duplicate mount accepted");
        } catch (RepositoryException expected) {
            assertEquals("first-node", mounts().findInstance("9").orElseThrow().node());
        }
    }

    @Test
    public void updateAndDelete() {
        Disk a = disk("alice", 1, DiskType.DATA_IMAGE_RAW_READ_WRITE, Visibility.PRIVATE);
        disks().insert(a);
        disks().update(a.toBuilder().tag("new").quarantine("2014-06-12 10:11:12.123456").seed(true).build());
        Disk back = disks().find(a.uuid()).orElseThrow();
        assertEquals("new", back.tag());
        assertTrue(back.seed());
        assertEquals("2014-06-12 10:11:12.123456", back.quarantine());
        assertTrue(disks().identifierInUse(""));
        assertTrue(disks().delete(a.uuid()));
        assertFalse(disks().find(a.uuid()).isPresent());
    }
}
