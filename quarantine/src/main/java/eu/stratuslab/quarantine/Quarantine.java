package eu.stratuslab.quarantine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine of finished VMs (hooks.md §5), what the rest of the cloud calls:
 * <ul>
 *   <li>{@link #quarantineVm}: when a VM directory is removed (epilog of shutdown/cancel, finalize,
 *       cleanup), the VM's snapshot volumes go to the storage superuser with a quarantine stamp and
 *       the directory moves to {@code <LOCATION>/<vmid>};</li>
 *   <li>{@link #startCleanup}: the timed cleanup (Quartz) every {@code CLEANUP_INTERVAL};</li>
 *   <li>{@link #volumes} and {@link #restore}: what an administrator sees and takes back.</li>
 * </ul>
 * Volumes are reached through the {@link QuarantineStore} the caller provides (pdisk in the cloud).
 */
public final class Quarantine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineSettings settings;
    private final VolumeQuarantine volumes;
    private final DirectoryQuarantine directories;
    private final QuarantineCleaner cleaner;
    private CleanupSchedule schedule;

    /**
     * @param runLog the cleanup's run log ({@code /var/log/one/one-quarantine-cleanup.log}), null for none
     * @param clock  its zone is the zone of the pdisk stamps (local time)
     */
    public Quarantine(QuarantineSettings settings, QuarantineStore store, Path runLog, Clock clock) {
        this.settings = settings;
        this.volumes = new VolumeQuarantine(store, new OwnerRecords(settings.location()), clock);
        this.directories = new DirectoryQuarantine(settings.location(), clock);
        this.cleaner = new QuarantineCleaner(settings, volumes, runLog, clock);
    }

    public QuarantineSettings settings() {
        return settings;
    }

    /**
     * hooks.md §5.1 steps 2 and 3 (the caller has detached the volumes, step 1): every
     * {@code snapshot:} volume of the VM is quarantined, its previous owner recorded; then the
     * VM directory moves into quarantine, unless a volume failed and a later attempt will come.
     *
     * @return the problems met, each a sentence for the VM log; empty when all went well
     */
    public List<String> quarantineVm(FinishedVm vm) {
        List<String> errors = new ArrayList<>(volumes.quarantine(vm.id(), vm.owner(), vm.volumes()));
        if (errors.isEmpty() || vm.finalAttempt()) {
            try {
                directories.quarantine(vm.directory(), vm.id());
            } catch (IOException | RuntimeException e) {
                errors.add("cannot move " + vm.directory() + " into quarantine: " + e);
            }
        } else {
            LOG.info("VM {}: directory {} left in place for the next attempt", vm.id(), vm.directory());
        }
        return errors;
    }

    /** Every volume in quarantine, oldest first, with its expiry and recorded previous owner. */
    public List<QuarantinedVolume> volumes() throws IOException {
        return volumes.list(settings.period());
    }

    /**
     * Takes a volume out of quarantine and gives it to {@code owner}, or to its recorded previous
     * owner when {@code owner} is null.
     *
     * @throws IllegalArgumentException unknown volume, not in quarantine, no owner known
     */
    public QuarantinedVolume restore(String uuid, String owner) throws IOException {
        return volumes.restore(uuid, owner, settings.period());
    }

    /** One cleanup run now (also what the schedule runs). */
    public QuarantineCleaner.Report cleanOnce() {
        return cleaner.cleanOnce();
    }

    /** Starts the timed cleanup; a second call does nothing. */
    public synchronized void startCleanup() {
        if (schedule == null) {
            schedule = CleanupSchedule.start(cleaner, settings.cleanupInterval());
        }
    }

    /** Stops the timed cleanup (a run in progress finishes). */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.close();
            schedule = null;
        }
    }
}
