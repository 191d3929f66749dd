package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Volumes as files in one directory, named by their UUID: what the file backend and the raw block
 * store (the tgt export) share. A file an operation fails to write completely is removed, so a
 * failure leaves no half-made volume behind.
 */
abstract class VolumeDirectory {

    private static final long GIB = 1L << 30;

    private final Path root;
    private final CommandRunner runner;

    protected VolumeDirectory(Path directory, CommandRunner runner) {
        this.root = directory.toAbsolutePath();
        this.runner = runner;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new BackendException("cannot create volume directory " + root, e);
        }
    }

    protected final Path root() {
        return root;
    }

    public final Path path(String uuid) {
        return root.resolve(VolumeNames.require(uuid));
    }

    public final boolean exists(String uuid) {
        return Files.isRegularFile(path(uuid));
    }

    /** A sparse raw file of {@code sizeGiB}: no bytes written, so it costs the same for any size. */
    public final void create(String uuid, long sizeGiB) {
        Path file = path(uuid);
        try (RandomAccessFile raf = new RandomAccessFile(Files.createFile(file).toFile(), "rw")) {
            raf.setLength(sizeGiB * GIB);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new BackendException("Unable to create volume on backend storage: " + uuid + " of size " + sizeGiB
                    + ": " + e.getMessage(), e);
        }
    }

    public final void delete(String uuid) {
        try {
            Files.deleteIfExists(path(uuid));
        } catch (IOException e) {
            throw new BackendException("Unable to delete volume on backend storage: " + uuid, e);
        }
    }

    /** Runs {@code command}, which writes {@code target}; when it fails, {@code target} is removed. */
    protected final void runWriting(Path target, List<String> command, String errorMsg) {
        try {
            runner.runChecked(command, errorMsg);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup of a file we created ourselves
        }
    }
}
