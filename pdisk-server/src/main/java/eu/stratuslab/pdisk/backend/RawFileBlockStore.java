package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Sparse raw files for the tgt export (tgt serves raw bytes, so qcow2 overlays cannot be
 * exported; a snapshot is a sparse full copy here).
 */
public final class RawFileBlockStore implements BlockStore {

    private static final long GIB = 1L << 30;

    private final Path directory;
    private final CommandRunner runner;

    public RawFileBlockStore(Path directory, CommandRunner runner) {
        this.directory = directory.toAbsolutePath();
        this.runner = runner;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new BackendException("cannot create volume directory " + this.directory, e);
        }
    }

    @Override
    public void create(String uuid, long sizeGiB) {
        Path file = path(uuid);
        try (RandomAccessFile raf = new RandomAccessFile(Files.createFile(file).toFile(), "rw")) {
            raf.setLength(sizeGiB * GIB);
        } catch (IOException e) {
            FileBackend.deleteQuietly(file);
            throw new BackendException("Unable to create volume on backend storage: " + uuid + " of size " + sizeGiB, e);
        }
    }

    @Override
    public void delete(String uuid) {
        try {
            Files.deleteIfExists(path(uuid));
        } catch (IOException e) {
            throw new BackendException("Unable to delete volume on backend storage: " + uuid, e);
        }
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
        try {
            runner.runChecked(List.of("cp", "--sparse=always", path(from).toString(), path(to).toString()), errorMsg);
        } catch (RuntimeException e) {
            FileBackend.deleteQuietly(path(to));
            throw e;
        }
    }

    @Override
    public Path path(String uuid) {
        return directory.resolve(VolumeNames.require(uuid));
    }

    @Override
    public boolean exists(String uuid) {
        return Files.isRegularFile(path(uuid));
    }
}
