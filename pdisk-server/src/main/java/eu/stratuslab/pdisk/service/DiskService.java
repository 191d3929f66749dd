package eu.stratuslab.pdisk.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.pdisk.backend.StorageBackend;
import eu.stratuslab.pdisk.backend.VolumeNames;
import eu.stratuslab.pdisk.db.DiskRepository;
import eu.stratuslab.pdisk.db.MountRepository;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.DiskBuilder;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.model.Visibility;

/**
 * Disk operations of pdisk-api.md §5.1–§5.8 and §5.13. Each operation that changes a disk runs
 * under that disk's lock; every multi-step change undoes its earlier steps when a later one
 * fails, so neither a row without a volume nor a volume without a row is left behind.
 */
public final class DiskService {

    private static final Logger LOG = LoggerFactory.getLogger(DiskService.class);

    private final DiskRepository disks;
    private final MountRepository mounts;
    private final StorageBackend backend;
    private final DiskContent content;
    private final DiskLocks locks;
    private final long sizeMax;
    /** Serialises "identifier unused?" with the insert that uses it. */
    private final ReentrantLock identifierClaims = new ReentrantLock();

    public DiskService(DiskRepository disks, MountRepository mounts, StorageBackend backend, DiskContent content,
            DiskLocks locks, long sizeMax) {
        this.disks = disks;
        this.mounts = mounts;
        this.backend = backend;
        this.content = content;
        this.locks = locks;
        this.sizeMax = sizeMax;
    }

    public List<Disk> list(Caller caller) {
        return caller.superuser() ? disks.listAll() : disks.listVisibleTo(caller.identity(), caller.accountName());
    }

    /** The 404/403 checks that come first for every method on {@code /disks/{uuid}} (§5.4). */
    public Disk view(Caller caller, String uuid) {
        Disk d = find(uuid).orElseThrow(() -> PdiskException.notFound("disk (" + uuid + ") does not exist"));
        if (!AccessRules.canView(caller, d)) {
            throw PdiskException.forbidden("insufficient access rights to view disk (" + uuid + ")");
        }
        return d;
    }

    public Optional<Disk> find(String uuid) {
        return VolumeNames.isUuid(uuid) ? disks.find(uuid) : Optional.empty();
    }

    public Disk create(Caller caller, Map<String, String> form) {
        DiskFields fields = DiskFields.parse(form, caller);
        // exactly the value stored (not stripped): "in use" compares it with stored identifiers
        Optional<String> identifier = fields.get("identifier").filter(id -> !id.isBlank());
        if (identifier.isPresent() && disks.identifierInUse(identifier.get())) {
            throw PdiskException.forbidden("Disk already registered"); // early answer; re-checked under the lock
        }
        long size = fields.sizeOrInvalid();
        DiskFields.checkSize(size, sizeMax);
        Optional<ContentSource> source = fields.contentSource();
        source.ifPresent(src -> content.checkSource(caller, src));

        DiskBuilder b = new DiskBuilder().uuid(newUuid()).owner(caller.identity()).creation(Instant.now());
        fields.applyTo(b);
        Disk disk = b.build();
        return locks.withLock(disk.uuid(), () -> {
            backend.create(disk.uuid(), disk.size());
            mapAndStore(disk, identifier);
            source.ifPresent(src -> {
                try {
                    content.initialiseFromUrl(disk.uuid(), src, disk.size(), caller);
                } catch (RuntimeException e) {
                    removeRowAndVolume(disk.uuid());
                    throw e;
                }
            });
            LOG.info("created disk {} ({} GiB) for {}", disk.uuid(), disk.size(), caller.identity());
            return disks.find(disk.uuid()).orElseThrow();
        });
    }

    /**
     * Inserts {@code disk} only when no disk carries {@code identifier}, atomically: check and
     * insert happen under one lock, so of concurrent creates (or uploads) with the same identifier
     * exactly one stores its row and the others get 403 (pdisk-api.md §5.2). The lock is held for
     * a query and an insert only.
     */
    private void insertClaiming(Disk disk, Optional<String> identifier) {
        if (identifier.isEmpty()) {
            disks.insert(disk);
            return;
        }
        identifierClaims.lock();
        try {
            if (disks.identifierInUse(identifier.get())) {
                throw PdiskException.forbidden("Disk already registered");
            }
            disks.insert(disk);
        } finally {
            identifierClaims.unlock();
        }
    }

    /**
     * Multipart upload (§5.3): the image is staged (gunzipped) in the cache, then copied onto a
     * new read-only volume. Any failure removes the volume and stores nothing.
     */
    public Disk upload(Caller caller, InputStream image) throws IOException {
        String uuid = newUuid();
        Path staged = content.cacheFile(uuid);
        try {
            DiskContent.Written w = content.stage(image, staged);
            if (w.bytes() == 0) {
                throw PdiskException.badRequest("empty file uploaded");
            }
            String identifier = MarketplaceIdentifier.fromSha1(w.sha1());
            if (disks.identifierInUse(identifier)) {
                throw PdiskException.forbidden("Disk already registered"); // early answer; re-checked under the lock
            }
            long size = Math.max(1, (w.bytes() + DiskContent.GIB - 1) / DiskContent.GIB);
            DiskFields.checkSize(size, sizeMax);
            Disk disk = new DiskBuilder().uuid(uuid).owner(caller.identity()).creation(Instant.now()).size(size)
                    .identifier(identifier).type(DiskType.DATA_IMAGE_RAW_READONLY).seed(true).build();
            return locks.withLock(uuid, () -> {
                backend.create(uuid, size);
                try {
                    try (InputStream in = Files.newInputStream(staged)) {
                        content.writeVolume(uuid, in, size * DiskContent.GIB);
                    }
                    insertClaiming(disk, Optional.of(identifier));
                } catch (IOException | RuntimeException e) {
                    deleteVolumeQuietly(uuid);
                    throw e instanceof PdiskException pe ? pe
                            : new PdiskException(500, "upload of disk " + uuid + " failed: " + e.getMessage(), e);
                }
                return disks.find(uuid).orElseThrow();
            });
        } finally {
            DiskContent.deleteQuietly(staged);
        }
    }

    public void download(Caller caller, String uuid, OutputStream out) throws IOException {
        view(caller, uuid);
        content.writeGzip(uuid, out);
    }

    public Disk update(Caller caller, String uuid, Map<String, String> form) {
        view(caller, uuid);
        return locks.withLock(uuid, () -> {
            Disk current = view(caller, uuid);
            if (!AccessRules.canModify(caller, current)) {
                throw PdiskException.forbidden("insufficient rights to update disk (" + uuid + ")");
            }
            DiskFields fields = DiskFields.parse(form, caller);
            fields.size().ifPresent(s -> DiskFields.checkSize(s, sizeMax));
            DiskBuilder b = current.toBuilder();
            fields.applyTo(b);
            disks.update(b.build());
            return disks.find(uuid).orElseThrow();
        });
    }

    public Disk delete(Caller caller, String uuid) {
        view(caller, uuid);
        Disk deleted = locks.withLock(uuid, () -> {
            Disk d = view(caller, uuid);
            if (!AccessRules.canModify(caller, d)) {
                throw PdiskException.forbidden("insufficient rights to delete disk (" + uuid + ")");
            }
            if (!mounts.listForDisk(uuid).isEmpty() || (d.type() == DiskType.MACHINE_IMAGE_ORIGIN && d.count() > 0)) {
                throw PdiskException.conflict("disk (" + uuid + ") is in use and can't be deleted");
            }
            disks.delete(uuid);
            try {
                backend.unmap(uuid);
                backend.delete(uuid);
            } catch (RuntimeException e) {
                disks.insert(d);  // the volume is still there: keep its row
                throw e;
            }
            LOG.info("deleted disk {} for {}", uuid, caller.identity());
            return d;
        });
        locks.forget(uuid);
        return deleted;
    }

    /** {@code POST /disks/{uuid}} (§5.7): snapshot an origin, or rebase a live snapshot. */
    public Disk copyOrRebase(Caller caller, String uuid) {
        Disk source = view(caller, uuid);
        switch (source.type()) {
            case MACHINE_IMAGE_ORIGIN:
                return snapshot(caller, uuid);
            case MACHINE_IMAGE_LIVE:
                return rebase(caller, uuid);
            default:
                throw PdiskException.conflict("Invalid disk state: " + source.type()
                        + ". Cannot create copy or save as new image.");
        }
    }

    private Disk snapshot(Caller caller, String originUuid) {
        // the origin's lock serialises concurrent snapshots and keeps it from being deleted meanwhile
        return locks.withLock(originUuid, () -> {
            Disk origin = view(caller, originUuid);
            Disk live = new DiskBuilder().uuid(newUuid()).owner(caller.superuser() ? "" : caller.identity())
                    .creation(Instant.now()).size(origin.size()).visibility(Visibility.PRIVATE)
                    .identifier("snapshot:" + originUuid).baseDiskUuid(originUuid).type(DiskType.MACHINE_IMAGE_LIVE)
                    .build();
            backend.snapshot(originUuid, live.uuid(), origin.size());
            mapAndStore(live);
            LOG.info("snapshot {} of {} for {}", live.uuid(), originUuid, caller.identity());
            return disks.find(live.uuid()).orElseThrow();
        });
    }

    private Disk rebase(Caller caller, String uuid) {
        return locks.withLock(uuid, () -> {
            Disk live = view(caller, uuid);
            if (!AccessRules.canModify(caller, live)) {
                throw PdiskException.forbidden("insufficient rights to update disk (" + uuid + ")");
            }
            Optional<String> made = backend.rebase(uuid, newUuid());
            if (made.isPresent()) {
                Disk origin = new DiskBuilder().uuid(made.get()).owner(caller.identity()).creation(Instant.now())
                        .size(live.size()).tag(live.tag()).type(DiskType.MACHINE_IMAGE_ORIGIN).seed(true).build();
                mapAndStore(origin);
                return disks.find(origin.uuid()).orElseThrow();
            }
            disks.update(live.toBuilder().type(DiskType.MACHINE_IMAGE_ORIGIN).seed(true).quarantine("")
                    .identifier("").baseDiskUuid(null).build());
            return disks.find(uuid).orElseThrow();
        });
    }

    public String turl(String uuid) {
        find(uuid).orElseThrow(() -> PdiskException.notFound("Unknown disk: " + uuid));
        return backend.turl(uuid).strip();
    }

    /** Maps the new volume and stores its row; on failure the volume is removed again. */
    private void mapAndStore(Disk disk) {
        mapAndStore(disk, Optional.empty());
    }

    private void mapAndStore(Disk disk, Optional<String> identifier) {
        try {
            backend.map(disk.uuid());
            insertClaiming(disk, identifier);
        } catch (RuntimeException e) {
            deleteVolumeQuietly(disk.uuid());
            throw e;
        }
    }

    private void removeRowAndVolume(String uuid) {
        disks.delete(uuid);
        deleteVolumeQuietly(uuid);
    }

    private void deleteVolumeQuietly(String uuid) {
        try {
            backend.unmap(uuid);
            backend.delete(uuid);
        } catch (RuntimeException cleanup) {
            LOG.error("cleanup of volume {} failed; remove it by hand: {}", uuid, cleanup.getMessage());
        }
    }

    private static String newUuid() {
        return UUID.randomUUID().toString();
    }
}
