package eu.stratuslab.pdisk;

import java.nio.file.Path;

import eu.stratuslab.pdisk.backend.BackendFactory;
import eu.stratuslab.pdisk.backend.StorageBackend;
import eu.stratuslab.pdisk.db.DiskRepository;
import eu.stratuslab.pdisk.db.MountRepository;
import eu.stratuslab.pdisk.db.PdiskSchema;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.pdisk.fetch.ImageFetcher;
import eu.stratuslab.pdisk.http.PdiskApiHandler;
import eu.stratuslab.pdisk.service.DiskContent;
import eu.stratuslab.pdisk.service.DiskLocks;
import eu.stratuslab.pdisk.service.DiskService;
import eu.stratuslab.pdisk.service.MountService;
import eu.stratuslab.pdisk.service.NodeHotplug;
import eu.stratuslab.pdisk.service.UrlImports;

/** Wires database, backend and services from a {@link PdiskConfig}; owns the database pool. */
public final class PdiskServices implements AutoCloseable {

    private final PdiskConfig cfg;
    private final Database database;
    private final StorageBackend backend;
    private final DiskService disks;
    private final MountService mounts;
    private final MountRepository mountRepository;

    /**
     * @param backendRunner runs storage commands (qemu-img, tgtadm, lvcreate, rbd)
     * @param nodeRunner    runs the node tool over ssh for hot-plug
     */
    public PdiskServices(PdiskConfig cfg, CommandRunner backendRunner, CommandRunner nodeRunner) {
        this.cfg = cfg;
        this.database = PdiskSchema.open(cfg.database());
        try {
            this.backend = BackendFactory.create(cfg.backend(), backendRunner);
            DiskLocks locks = new DiskLocks();
            DiskRepository diskRepository = new DiskRepository(database.dataSource());
            this.mountRepository = new MountRepository(database.dataSource());
            ImageFetcher fetcher = new ImageFetcher(ImageFetcher.Settings.defaults()
                    .withTimeouts(cfg.urlConnectTimeout(), cfg.urlReadTimeout()));
            DiskContent content = new DiskContent(backend, cfg.cacheLocation(),
                    UrlImports.site(fetcher, cfg.urlAllowList()));
            this.disks = new DiskService(diskRepository, mountRepository, backend, content, locks, cfg.sizeMaxGiB());
            this.mounts = new MountService(disks, mountRepository, locks,
                    new NodeHotplug(nodeRunner, cfg.nodeSshKeyFile(), cfg.nodeAdmin(), cfg.nodeTool(), cfg.nodeHotplug()),
                    cfg.cloudHotplug());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public PdiskApiHandler newApiHandler() {
        Path uploads = cfg.cacheLocation();
        return new PdiskApiHandler(disks, mounts, mountRepository, cfg.serviceUser(), uploads);
    }

    public DiskService disks() {
        return disks;
    }

    public MountService mounts() {
        return mounts;
    }

    public StorageBackend backend() {
        return backend;
    }

    @Override
    public void close() {
        database.close();
    }
}
