package eu.stratuslab.quarantine;

import eu.stratuslab.quarantine.QuarantineStore.StoredVolume;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume side of the quarantine: snapshots of a finished VM are given to the storage
 * superuser with a {@code quarantine} stamp (hooks.md §5.1 step 2), expired unmounted ones are
 * deleted (§5.2), and an administrator can list them or give one back to its previous owner.
 */
final class VolumeQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeQuarantine.class);
    /** pdisk-api.md §6.1: {@code YYYY-MM-DD HH:MM:SS.ffffff}, local time, microseconds. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    /** Reads the stamp also with fewer (or no) fraction digits, as other tools may have written it. */
    private static final DateTimeFormatter STAMP_READER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);

    private final QuarantineStore store;
    private final OwnerRecords records;
    private final Clock clock;

    VolumeQuarantine(QuarantineStore store, OwnerRecords records, Clock clock) {
        this.store = store;
        this.records = records;
        this.clock = clock;
    }

    /**
     * Quarantines every {@code snapshot:} volume among {@code uuids}; other volumes (the user's own
     * disks, saved images) keep their owner. Every volume is attempted.
     *
     * @return one message per volume that could not be quarantined
     */
    List<String> quarantine(int vmId, String vmOwner, Collection<String> uuids) {
        List<String> errors = new ArrayList<>();
        String now = LocalDateTime.now(clock).format(STAMP);
        for (String uuid : new LinkedHashSet<>(uuids)) {
            if (!OwnerRecords.isUuid(uuid)) {
                continue; // §5.1 step 1: only URIs whose last segment is a UUID
            }
            try {
                StoredVolume v = store.find(uuid);
                if (v == null) {
                    LOG.info("VM {}: volume {} no longer exists, nothing to quarantine", vmId, uuid);
                    continue;
                }
                if (!v.snapshot()) {
                    LOG.info("VM {}: volume {} ({}) is not a snapshot and keeps its owner {}", vmId, uuid,
                            v.type(), v.owner());
                    continue;
                }
                if (v.quarantined() && store.superuser().equals(v.owner()) && records.read(uuid) != null) {
                    continue; // done by an earlier run of this step
                }
                if (records.read(uuid) == null || !v.quarantined()) {
                    // recorded first: a crash after the relabelling must not lose the owner
                    records.write(uuid, new OwnerRecords.Entry(previousOwner(v, vmOwner), vmId, clock.instant()));
                }
                if (store.update(uuid, Map.of("owner", store.superuser(), "quarantine", now))) {
                    LOG.info("VM {}: snapshot {} quarantined (previous owner {})", vmId, uuid,
                            records.read(uuid) == null ? "?" : records.read(uuid).owner());
                } else {
                    records.remove(uuid);
                }
            } catch (IOException | RuntimeException e) {
                errors.add("cannot quarantine volume " + uuid + ": " + e.getMessage());
            }
        }
        return errors;
    }

    private String previousOwner(StoredVolume v, String vmOwner) {
        String owner = v.owner().strip();
        return owner.isEmpty() || owner.equals(store.superuser()) ? (vmOwner == null ? "" : vmOwner) : owner;
    }

    /** Every volume that carries a quarantine stamp, with its expiry and recorded owner; oldest first. */
    List<QuarantinedVolume> list(Duration period) throws IOException {
        List<QuarantinedVolume> out = new ArrayList<>();
        for (StoredVolume v : store.list()) {
            if (v.quarantined()) {
                out.add(describe(v, period));
            }
        }
        out.sort((a, b) -> a.quarantine().compareTo(b.quarantine()));
        return out;
    }

    private QuarantinedVolume describe(StoredVolume v, Duration period) {
        Instant stamped = stampedAt(v);
        OwnerRecords.Entry r = records.read(v.uuid());
        return new QuarantinedVolume(v.uuid(), v.tag(), v.identifier(), v.quarantine(),
                stamped == null ? null : stamped.plus(period), r == null ? "" : r.owner(), r == null ? -1 : r.vmId());
    }

    /**
     * Gives a quarantined volume back: owner = {@code owner} or, when null, the recorded previous
     * owner; the quarantine stamp is cleared and the record dropped.
     *
     * @throws IllegalArgumentException unknown volume, volume not in quarantine, no owner known
     */
    QuarantinedVolume restore(String uuid, String owner, Duration period) throws IOException {
        if (!OwnerRecords.isUuid(uuid)) {
            throw new IllegalArgumentException("not a volume UUID: '" + uuid + "'");
        }
        StoredVolume v = store.find(uuid);
        if (v == null) {
            throw new IllegalArgumentException("volume " + uuid + " does not exist (already cleaned up?)");
        }
        if (!v.quarantined()) {
            throw new IllegalArgumentException("volume " + uuid + " is not in quarantine (owner " + v.owner() + ")");
        }
        QuarantinedVolume before = describe(v, period);
        String target = owner == null || owner.isBlank() ? before.previousOwner() : owner.strip();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("no record of the previous owner of volume " + uuid
                    + "; name the owner to give it to");
        }
        if (!store.update(uuid, Map.of("owner", target, "quarantine", ""))) {
            throw new IllegalArgumentException("volume " + uuid + " does not exist (already cleaned up?)");
        }
        records.remove(uuid);
        LOG.info("quarantined volume {} restored to {}", uuid, target);
        return new QuarantinedVolume(uuid, before.tag(), before.identifier(), "", null, target, before.vmId());
    }

    /** Result of one volume cleanup. */
    record Cleanup(int deleted, int kept, List<String> errors) {
    }

    /**
     * Deletes the volumes whose quarantine stamp is older than {@code period} and that have no
     * mount (§5.2), drops the owner records of volumes that are gone.
     */
    Cleanup deleteExpired(Duration period) throws IOException {
        Instant listedAt = clock.instant();
        Instant cutoff = listedAt.minus(period);
        int deleted = 0;
        int kept = 0;
        List<String> errors = new ArrayList<>();
        Set<String> known = new HashSet<>();
        Set<String> quarantined = new HashSet<>();
        for (StoredVolume v : store.list()) {
            known.add(v.uuid().toLowerCase(Locale.ROOT));
            if (!v.quarantined()) {
                continue;
            }
            quarantined.add(v.uuid().toLowerCase(Locale.ROOT));
            Instant stamped = stampedAt(v);
            if (stamped == null) {
                errors.add("volume " + v.uuid() + " kept: unreadable quarantine stamp '" + v.quarantine() + "'");
                kept++;
                continue;
            }
            if (!stamped.isBefore(cutoff)) {
                kept++;
                continue;
            }
            try {
                if (store.mounted(v.uuid())) {
                    LOG.info("quarantined volume {} expired but still mounted: kept", v.uuid());
                    kept++;
                    continue;
                }
                // a restore may have happened since the listing: delete only what is still the same quarantine
                StoredVolume now = store.find(v.uuid());
                if (now == null || !v.quarantine().equals(now.quarantine())) {
                    kept++;
                    continue;
                }
                if (store.delete(v.uuid())) {
                    deleted++;
                    LOG.info("quarantined volume {} (quarantined {}) deleted", v.uuid(), v.quarantine());
                }
                records.remove(v.uuid());
                known.remove(v.uuid().toLowerCase(Locale.ROOT));
            } catch (IOException | RuntimeException e) {
                errors.add("cannot delete quarantined volume " + v.uuid() + ": " + e.getMessage());
            }
        }
        for (String uuid : records.uuids()) {
            OwnerRecords.Entry r = records.read(uuid);
            // only records older than the listing: a VM quarantined meanwhile is not in it yet
            boolean old = r == null || r.quarantined().isBefore(listedAt);
            boolean gone = !known.contains(uuid);
            boolean released = !quarantined.contains(uuid) && (r == null || r.quarantined().isBefore(cutoff));
            if (old && (gone || released)) {
                records.remove(uuid); // deleted elsewhere, or taken out of quarantine by other means
            }
        }
        return new Cleanup(deleted, kept, errors);
    }

    /** The stamp as an instant in the clock's zone (the stamp is local time), null when unreadable. */
    Instant stampedAt(StoredVolume v) {
        try {
            return LocalDateTime.parse(v.quarantine().strip(), STAMP_READER).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
