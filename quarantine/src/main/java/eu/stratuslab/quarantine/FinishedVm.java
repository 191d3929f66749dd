package eu.stratuslab.quarantine;

import java.nio.file.Path;
import java.util.List;

/**
 * A VM whose directory is being removed (hooks.md §5.1).
 *
 * @param id           the VM id
 * @param owner        the VM owner's account name ({@code UNAME}); the previous owner recorded for a
 *                     snapshot that already lost its owner
 * @param directory    the VM directory on the front-end (moved into quarantine when present)
 * @param volumes      the UUIDs of the volumes the VM had (registration file and prolog journal), read
 *                     before they were detached; only the {@code snapshot:} ones are quarantined
 * @param finalAttempt false when a later call will retry (the epilog: the VM can still be finalized);
 *                     then a failure to quarantine a volume leaves the directory in place so that the
 *                     retry finds the volume list again. True for the last chance (finalize,
 *                     cleanup): the directory is moved whatever happened.
 */
public record FinishedVm(int id, String owner, Path directory, List<String> volumes, boolean finalAttempt) {
    public FinishedVm {
        volumes = List.copyOf(volumes);
    }
}
