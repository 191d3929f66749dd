package eu.stratuslab.pdisk.backend;

import java.nio.file.Path;
import java.util.List;

import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Sparse raw files for the tgt export (tgt serves raw bytes, so qcow2 overlays cannot be
 * exported; a snapshot is a sparse full copy here).
 */
public final class RawFileBlockStore extends VolumeDirectory implements BlockStore {

    public RawFileBlockStore(Path directory, CommandRunner runner) {
        super(directory, runner);
    }

    @Override
    public void snapshot(String baseUuid, String newUuid, long sizeGiB) {
        copy(baseUuid, newUuid, "Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB);
    }

    @Override
    public void copyToNew(String uuid, String newUuid) {
        copy(uuid, newUuid, "Cannot rebase image on backend storage: " + uuid);
    }

    private void copy(String from, String to, String errorMsg) {
        Path target = path(to);
        runWriting(target, List.of("cp", "--sparse=always", path(from).toString(), target.toString()), errorMsg);
    }
}
