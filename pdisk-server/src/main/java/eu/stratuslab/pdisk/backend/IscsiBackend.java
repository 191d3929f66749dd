package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Volumes in a {@link BlockStore} (LVM or raw files) exported over iSCSI by tgt. Every step
 * that follows a successful one is compensated when it fails, so a failed create leaves
 * neither a volume nor a target.
 */
public record IscsiBackend(String kind, BlockStore store, TgtExporter exporter, String portalHost, int portalPort)
        implements StorageBackend {

    @Override
    public void create(String uuid, long sizeGiB) {
        store.create(uuid, sizeGiB);
        exportOrRollback(uuid);
    }

    @Override
    public void delete(String uuid) {
        exporter.unexport(uuid);
        store.delete(uuid);
    }

    @Override
    public void snapshot(String baseUuid, String newUuid, long sizeGiB) {
        store.snapshot(baseUuid, newUuid, sizeGiB);
        exportOrRollback(newUuid);
    }

    @Override
    public Optional<String> rebase(String uuid, String newUuid) {
        store.copyToNew(uuid, newUuid);
        exportOrRollback(newUuid);
        return Optional.of(newUuid);
    }

    private void exportOrRollback(String uuid) {
        try {
            exporter.export(uuid, store.path(uuid));
        } catch (RuntimeException e) {
            try {
                store.delete(uuid);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public String turl(String uuid) {
        return "iscsi://" + portalHost + ":" + portalPort + "/" + VolumeNames.iqn(uuid) + ":1";
    }

    @Override
    public boolean exists(String uuid) {
        return store.exists(uuid);
    }

    @Override
    public InputStream openForRead(String uuid) throws IOException {
        return Files.newInputStream(store.path(uuid));
    }

    @Override
    public OutputStream openForWrite(String uuid) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(store.path(uuid), StandardOpenOption.WRITE));
    }
}
