package eu.stratuslab.pdisk.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Volumes as files in one directory: new disks are sparse raw files (no bytes written, so
 * creation costs the same for any size); a snapshot is a qcow2 overlay whose backing file is the
 * origin ({@code qemu-img create -b}), so it is constant-time too; rebase flattens a live
 * snapshot into a new independent raw file ({@code qemu-img convert}).
 */
public final class FileBackend implements StorageBackend {

    private static final long GIB = 1L << 30;

    private final Path directory;
    private final CommandRunner runner;
    private final String qemuImg;

    public FileBackend(Path directory, CommandRunner runner, String qemuImg) {
        this.directory = directory.toAbsolutePath();
        this.runner = runner;
        this.qemuImg = qemuImg;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new BackendException("cannot create volume directory " + this.directory, e);
        }
    }

    @Override
    public String kind() {
        return "file";
    }

    public Path path(String uuid) {
        return directory.resolve(VolumeNames.require(uuid));
    }

    @Override
    public void create(String uuid, long sizeGiB) {
        Path file = path(uuid);
        try (RandomAccessFile raf = new RandomAccessFile(Files.createFile(file).toFile(), "rw")) {
            raf.setLength(sizeGiB * GIB);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new BackendException("Unable to create volume on backend storage: " + uuid + " of size " + sizeGiB
                    + ": " + e.getMessage(), e);
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
        Path base = path(baseUuid);
        Path overlay = path(newUuid);
        String baseFormat;
        try {
            baseFormat = Qcow2.format(base);
        } catch (IOException e) {
            throw new BackendException("Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB, e);
        }
        try {
            runner.runChecked(List.of(qemuImg, "create", "-q", "-f", "qcow2", "-F", baseFormat, "-b", base.toString(),
                    overlay.toString()), "Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB);
        } catch (RuntimeException e) {
            deleteQuietly(overlay);
            throw e;
        }
    }

    @Override
    public Optional<String> rebase(String uuid, String newUuid) {
        Path target = path(newUuid);
        try {
            runner.runChecked(List.of(qemuImg, "convert", "-O", "raw", path(uuid).toString(), target.toString()),
                    "Cannot rebase image on backend storage: " + uuid);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        return Optional.of(newUuid);
    }

    @Override
    public String turl(String uuid) {
        return "file://" + path(uuid);
    }

    @Override
    public boolean exists(String uuid) {
        return Files.isRegularFile(path(uuid));
    }

    /** Raw bytes; a qcow2 overlay is first converted to a temporary raw file, removed on close. */
    @Override
    public InputStream openForRead(String uuid) throws IOException {
        Path file = path(uuid);
        if (!Qcow2.isQcow2(file)) {
            return Files.newInputStream(file);
        }
        Path tmp = Files.createTempFile(directory, ".download-", ".raw");
        try {
            runner.runChecked(List.of(qemuImg, "convert", "-O", "raw", file.toString(), tmp.toString()),
                    "Unable to compress disk " + uuid);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return new FilterInputStream(Files.newInputStream(tmp)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    deleteQuietly(tmp);
                }
            }
        };
    }

    @Override
    public OutputStream openForWrite(String uuid) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(path(uuid), StandardOpenOption.WRITE));
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup of a file we created ourselves
        }
    }
}
