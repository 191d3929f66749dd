package eu.stratuslab.pdisk.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.pdisk.backend.BackendException;
import eu.stratuslab.pdisk.backend.FileBackend;
import eu.stratuslab.pdisk.backend.StorageBackend;
import eu.stratuslab.pdisk.db.DiskRepository;
import eu.stratuslab.pdisk.db.MountRepository;
import eu.stratuslab.pdisk.fetch.ImageFetcher;
import eu.stratuslab.pdisk.db.PdiskSchema;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/** A failing backend step leaves neither a row without a volume nor a volume without a row. */
public class DiskServiceCompensationTest {

    private Path dir;
    private Database db;
    private FlakyBackend backend;
    private DiskService service;
    private final Caller alice = Caller.of("alice", "pdisk");

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pdisk-comp");
        db = PdiskSchema.open(PdiskSchema.embedded(dir));
        backend = new FlakyBackend(new FileBackend(dir.resolve("volumes"), new ProcessCommandRunner(), "qemu-img"));
        service = new DiskService(new DiskRepository(db.dataSource()), new MountRepository(db.dataSource()), backend,
                new DiskContent(backend, dir.resolve("cache"),
                        UrlImports.site(new ImageFetcher(ImageFetcher.Settings.defaults()), List.of())), new DiskLocks(), 1024);
    }

    @After
    public void tearDown() {
        db.close();
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void failedMapRemovesTheNewVolumeAndStoresNoRow() throws Exception {
        backend.failMap = true;
        try {
            service.create(alice, Map.of("size", "1"));
            fail();
        } catch (BackendException expected) {
            assertEquals("Unable to map: test", expected.getMessage());
        }
        assertEquals(0, service.list(alice).size());
        assertEquals(0, volumes());
    }

    @Test
    public void failedBackendDeleteKeepsTheRow() throws Exception {
        Disk d = service.create(alice, Map.of("size", "1", "tag", "keep me"));
        backend.failDelete = true;
        try {
            service.delete(alice, d.uuid());
            fail();
        } catch (BackendException expected) {
            assertTrue(expected.getMessage().startsWith("Unable to delete volume"));
        }
        assertEquals("keep me", service.find(d.uuid()).orElseThrow().tag());
        assertEquals(1, volumes());
        backend.failDelete = false;
        service.delete(alice, d.uuid());
        assertFalse(service.find(d.uuid()).isPresent());
        assertEquals(0, volumes());
    }

    private long volumes() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("volumes"))) {
            return s.count();
        }
    }

    /** Delegates to the file backend, failing chosen steps on demand. */
    private static final class FlakyBackend implements StorageBackend {
        private final StorageBackend delegate;
        volatile boolean failMap;
        volatile boolean failDelete;

        FlakyBackend(StorageBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public String kind() {
            return "flaky";
        }

        @Override
        public void create(String uuid, long sizeGiB) {
            delegate.create(uuid, sizeGiB);
        }

        @Override
        public void delete(String uuid) {
            if (failDelete) {
                throw new BackendException("Unable to delete volume on backend storage: " + uuid, null);
            }
            delegate.delete(uuid);
        }

        @Override
        public void map(String uuid) {
            if (failMap) {
                throw new BackendException("Unable to map: test", null);
            }
        }

        @Override
        public void snapshot(String baseUuid, String newUuid, long sizeGiB) {
            delegate.snapshot(baseUuid, newUuid, sizeGiB);
        }

        @Override
        public Optional<String> rebase(String uuid, String newUuid) {
            return delegate.rebase(uuid, newUuid);
        }

        @Override
        public String turl(String uuid) {
            return delegate.turl(uuid);
        }

        @Override
        public boolean exists(String uuid) {
            return delegate.exists(uuid);
        }

        @Override
        public InputStream openForRead(String uuid) throws IOException {
            return delegate.openForRead(uuid);
        }

        @Override
        public OutputStream openForWrite(String uuid) throws IOException {
            return delegate.openForWrite(uuid);
        }
    }
}
