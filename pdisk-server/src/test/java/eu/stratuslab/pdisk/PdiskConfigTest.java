package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

import eu.stratuslab.pdisk.backend.BackendFactory;
import eu.stratuslab.pdisk.backend.StorageBackend;
import eu.stratuslab.pdisk.config.BackendSettings;
import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;

/** The reference files in conf/pdisk load, and each backend section builds its backend. */
public class PdiskConfigTest {

    private static final Path CONF = Path.of("..", "conf", "pdisk");

    @Test
    public void referenceFilesLoad() {
        PdiskConfig cfg = PdiskConfig.load(CONF.resolve("pdisk.cfg"), CONF.resolve("pdisk-backend.cfg"));
        assertEquals("pdisk", cfg.serviceUser());
        assertEquals(1024, cfg.sizeMaxGiB());
        assertEquals(Path.of("/var/tmp/stratuslab"), cfg.cacheLocation());
        assertEquals("file", cfg.backend().type());
        assertEquals("local", cfg.backend().proxyHost());
        assertEquals(9206, cfg.httpPort());
        PdiskConfig over = cfg.withJdbcUrl("jdbc:mariadb://db/pdisk").withHttpPort(9999);
        assertEquals("jdbc:mariadb://db/pdisk", over.jdbcUrl());
        assertEquals(9999, over.httpPort());
        assertTrue(cfg.jdbcUrl().startsWith("jdbc:h2:file:"));
        assertEquals(java.time.Duration.ofSeconds(30), cfg.urlConnectTimeout());
        assertEquals(java.time.Duration.ofSeconds(120), cfg.urlReadTimeout());
        assertEquals(java.util.List.of(), cfg.urlAllowList());
    }

    @Test
    public void theEmbeddedDatabaseIsOpenedWithTheCoresDurabilitySettings() {
        Path data = Path.of("/srv/pdisk");
        PdiskConfig cfg = PdiskConfig.defaults(data);
        assertEquals(eu.stratuslab.infra.db.DbSettings.h2File(data, "pdisk"), cfg.database());
        assertTrue(cfg.jdbcUrl(), cfg.jdbcUrl().contains(";WRITE_DELAY=0"));
    }

    @Test
    public void databaseAndUrlImportKeysAreRead() throws Exception {
        Path f = Files.createTempFile("pdisk", ".cfg");
        try {
            Files.writeString(f, "disk.store.db.url = jdbc:mariadb://db.example.org:3306/stratuslab\n"
                    + "disk.store.db.user = stratus\ndisk.store.db.password = s3cret\n"
                    + "disk.store.url.allow = marketplace.example.org, 10.1.0.0/16 fd00::/8\n"
                    + "disk.store.url.connect_timeout = 7\ndisk.store.url.read_timeout = 45\n");
            PdiskConfig cfg = PdiskConfig.load(f, null);
            assertEquals(new eu.stratuslab.infra.db.DbSettings("jdbc:mariadb://db.example.org:3306/stratuslab", "stratus",
                    "s3cret", 8), cfg.database());
            assertTrue("the password is never shown", !cfg.database().toString().contains("s3cret"));
            assertEquals(java.util.List.of("marketplace.example.org", "10.1.0.0/16", "fd00::/8"), cfg.urlAllowList());
            assertEquals(java.time.Duration.ofSeconds(7), cfg.urlConnectTimeout());
            assertEquals(java.time.Duration.ofSeconds(45), cfg.urlReadTimeout());
            eu.stratuslab.infra.db.DbSettings site = new eu.stratuslab.infra.db.DbSettings("jdbc:mariadb://x/y", "u", "p", 16);
            assertEquals(site, cfg.withDatabase(site).database());

            Files.writeString(f, "disk.store.url.read_timeout = soon\n");
            try {
                PdiskConfig.load(f, null);
                fail();
            } catch (IllegalArgumentException e) {
                assertEquals("pdisk.cfg: disk.store.url.read_timeout must be a positive number of seconds, not 'soon'", e.getMessage());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    public void withoutFilesEverythingFollowsTheDataDirectory() {
        Path data = Path.of("/srv/cloud/var/lib/stratuslab/pdisk");
        PdiskConfig cfg = PdiskConfig.load(Path.of("/nonexistent/pdisk.cfg"), Path.of("/nonexistent/pdisk-backend.cfg"))
                .withDataDirectory(data);
        assertEquals("file", cfg.backend().type());
        assertEquals(data.resolve("volumes").toString(), cfg.backend().require("volume_name"));
        assertEquals(data.resolve("cache"), cfg.cacheLocation());
        assertTrue(cfg.jdbcUrl(), cfg.jdbcUrl().startsWith("jdbc:h2:file:" + data.resolve("pdisk")));
    }

    @Test
    public void everyReferenceSectionBuildsItsBackend() throws Exception {
        IniFile ini = IniFile.load(CONF.resolve("pdisk-backend.cfg"));
        RecordingCommandRunner runner = new RecordingCommandRunner();
        StorageBackend lvm = BackendFactory.create(new BackendSettings("storage.example.org", "lvm",
                ini.section("storage.example.org")), runner);
        assertEquals("lvm", lvm.kind());
        assertEquals("iscsi://storage.example.org:3260/iqn.2011-01.eu.stratuslab:8a1b2c3d-1111-4222-8333-444455556666:1",
                lvm.turl("8a1b2c3d-1111-4222-8333-444455556666"));
        StorageBackend ceph = BackendFactory.create(new BackendSettings("ceph.example.org", "ceph",
                ini.section("ceph.example.org")), runner);
        assertTrue(ceph.turl("8a1b2c3d-1111-4222-8333-444455556666").startsWith("rbd://ceph-mon"));
    }

    @Test
    public void firstProxyIsChosenAndMissingKeysAreReported() throws Exception {
        BackendSettings s = BackendSettings.from(IniFile.parse("[main]\niscsi_proxies = b, a\n[a]\ntype=File\n[b]\ntype = lvm\n"));
        assertEquals("b", s.proxyHost());
        try {
            BackendFactory.create(s, new RecordingCommandRunner());
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("pdisk-backend.cfg: [b] volume_name is required for type lvm", e.getMessage());
        }
        try {
            BackendFactory.create(BackendSettings.from(IniFile.parse("[main]\niscsi_proxies=x\n[x]\ntype=NetApp\n")),
                    new RecordingCommandRunner());
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("unsupported backend type 'netapp'"));
        }
        Path tmp = Files.createTempFile("pdisk", ".cfg");
        Files.writeString(tmp, "disk.store.size.max = 20\ndisk.store.share = nfs\n");
        assertEquals(20, PdiskConfig.load(tmp, null).sizeMaxGiB());
        Files.delete(tmp);
    }

    @Test
    public void nodeHotplugIsSshByDefaultAndCanBeTurnedOff() throws Exception {
        assertTrue(PdiskConfig.load(null, null).nodeHotplug());
        Path cfg = Files.createTempFile("pdisk", ".cfg");
        Files.writeString(cfg, "disk.store.cloud.node.hotplug = none\n");
        assertEquals(false, PdiskConfig.load(cfg, null).nodeHotplug());
        assertEquals(false, PdiskConfig.load(cfg, null).cloudHotplug());
        Files.writeString(cfg, "disk.store.cloud.node.hotplug = cloud\n");
        assertEquals(false, PdiskConfig.load(cfg, null).nodeHotplug());
        assertEquals(true, PdiskConfig.load(cfg, null).cloudHotplug());
        assertEquals(false, PdiskConfig.load(null, null).cloudHotplug());
        Files.writeString(cfg, "disk.store.cloud.node.hotplug = maybe\n");
        try {
            PdiskConfig.load(cfg, null);
            fail("an unknown hot-plug mode must be refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("disk.store.cloud.node.hotplug"));
        }
        Files.delete(cfg);
    }
}
