package eu.stratuslab.pdisk.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
public final class FileBackend extends VolumeDirectory implements StorageBackend {

    private final String qemuImg;

    public FileBackend(Path directory, CommandRunner runner, String qemuImg) {
        super(directory, runner);
        this.qemuImg = qemuImg;
    }

    @Override
    public String kind() {
        return "file";
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
        runWriting(overlay, List.of(qemuImg, "create", "-q", "-f", "qcow2", "-F", baseFormat, "-b", base.toString(),
                overlay.toString()), "Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB);
    }

    @Override
    public Optional<String> rebase(String uuid, String newUuid) {
        Path target = path(newUuid);
        runWriting(target, List.of(qemuImg, "convert", "-O", "raw", path(uuid).toString(), target.toString()),
                "Cannot rebase image on backend storage: " + uuid);
        return Optional.of(newUuid);
    }

    @Override
    public String turl(String uuid) {
        return "file://" + path(uuid);
    }

    /** Raw bytes; a qcow2 overlay is first converted to a temporary raw file, removed on close. */
    @Override
    public InputStream openForRead(String uuid) throws IOException {
        Path file = path(uuid);
        if (!Qcow2.isQcow2(file)) {
            return Files.newInputStream(file);
        }
        Path tmp = Files.createTempFile(root(), ".download-", ".raw");
        runWriting(tmp, List.of(qemuImg, "convert", "-O", "raw", file.toString(), tmp.toString()),
                "Unable to compress disk " + uuid);
        return new FilterInputStream(Files.newInputStream(tmp)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    VolumeDirectory.deleteQuietly(tmp);
                }
            }
        };
    }

    @Override
    public OutputStream openForWrite(String uuid) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(path(uuid), StandardOpenOption.WRITE));
    }
}
