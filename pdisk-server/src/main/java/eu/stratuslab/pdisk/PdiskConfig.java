package eu.stratuslab.pdisk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.pdisk.config.BackendSettings;
import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.pdisk.db.PdiskSchema;
import eu.stratuslab.infra.db.Database;

/**
 * Everything the pdisk service needs: {@code pdisk.cfg} (pdisk-api.md §12.1), the chosen
 * {@code pdisk-backend.cfg} section (§10.2), and the launcher's overrides (data directory, site
 * database, login.conf, bind address and ports, TLS). Immutable; {@code with*} return copies.
 *
 * <p>Keys beyond the original's: {@code disk.store.db.url}, {@code disk.store.db.user},
 * {@code disk.store.db.password} (the site database; default the embedded H2 file),
 * {@code disk.store.url.allow} (host names and CIDR ranges an ordinary user's URL import may reach
 * although they are not public, comma- or space-separated), {@code disk.store.url.connect_timeout}
 * and {@code disk.store.url.read_timeout} (seconds; the read timeout is the longest silence).
 */
public final class PdiskConfig implements Cloneable {

    private String serviceUser = "pdisk";
    private long sizeMaxGiB = 1024;
    /** Null until pdisk.cfg or an override sets it: then it follows the data directory. */
    private Path cacheLocation;
    private String gzip = "/usr/bin/gzip";
    private int serverPort = 443;
    private String nodeSshKeyFile = "/opt/stratuslab/storage/pdisk/cloud_node.key";
    private String nodeAdmin = "oneadmin";
    private String nodeVmDir = "/var/lib/one";
    private String nodeTool = "/usr/sbin/stratus-pdisk-client.py";
    private boolean nodeHotplug = true;
    private boolean cloudHotplug;
    /** Null until pdisk-backend.cfg or an override sets it: then a file backend in the data directory. */
    private BackendSettings backend;
    private Path dataDirectory = Path.of("/var/lib/stratuslab/pdisk");
    /** Null until pdisk.cfg or an override sets it: then the embedded H2 file in the data directory. */
    private DbSettings database;
    private List<String> urlAllowList = List.of();
    private Duration urlConnectTimeout = Duration.ofSeconds(30);
    private Duration urlReadTimeout = Duration.ofSeconds(120);
    private Path loginConf = Path.of("/etc/stratuslab/authn/login.conf");
    private String bindHost = "127.0.0.1";
    private int httpPort = 9206;
    private int httpsPort = 8445;
    private boolean tlsEnabled;
    private eu.stratuslab.authn.tls.TlsSettings tlsSettings;

    private static final int DB_POOL_SIZE = 8;

    private PdiskConfig() {
    }

    /** Defaults only: H2 database, file backend and cache all under {@code dataDirectory}. */
    public static PdiskConfig defaults(Path dataDirectory) {
        PdiskConfig c = new PdiskConfig();
        c.dataDirectory = dataDirectory;
        return c;
    }

    /** Reads both files; either may be null or absent, in which case defaults apply. */
    public static PdiskConfig load(Path pdiskCfg, Path backendCfg) {
        PdiskConfig c = new PdiskConfig();
        try {
            if (pdiskCfg != null && Files.exists(pdiskCfg)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(pdiskCfg)) {
                    p.load(in);
                }
                c.applyProperties(p);
            }
            if (backendCfg != null && Files.exists(backendCfg)) {
                c.backend = BackendSettings.from(IniFile.load(backendCfg));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pdisk configuration", e);
        }
        return c;
    }

    private void applyProperties(Properties p) {
        serviceUser = p.getProperty("disk.store.cloud.service.user", serviceUser).strip();
        sizeMaxGiB = Long.parseLong(p.getProperty("disk.store.size.max", Long.toString(sizeMaxGiB)).strip());
        String cache = p.getProperty("disk.store.cache.location");
        if (cache != null) {
            cacheLocation = Path.of(cache.strip());
        }
        gzip = p.getProperty("disk.store.utils.gzip", gzip).strip();
        serverPort = Integer.parseInt(p.getProperty("disk.store.server.port", Integer.toString(serverPort)).strip());
        nodeSshKeyFile = p.getProperty("disk.store.cloud.node.ssh_keyfile", nodeSshKeyFile).strip();
        nodeAdmin = p.getProperty("disk.store.cloud.node.admin", nodeAdmin).strip();
        nodeVmDir = p.getProperty("disk.store.cloud.node.vm_dir", nodeVmDir).strip();
        nodeTool = p.getProperty("disk.store.cloud.node.tool", nodeTool).strip();
        String dbUrl = p.getProperty("disk.store.db.url", "").strip();
        if (!dbUrl.isEmpty()) {
            database = new DbSettings(dbUrl, p.getProperty("disk.store.db.user", "").strip(),
                    p.getProperty("disk.store.db.password", ""), DB_POOL_SIZE);
        }
        urlAllowList = Arrays.stream(p.getProperty("disk.store.url.allow", "").split("[,\\s]+"))
                .map(String::strip).filter(x -> !x.isEmpty()).toList();
        urlConnectTimeout = seconds(p, "disk.store.url.connect_timeout", urlConnectTimeout);
        urlReadTimeout = seconds(p, "disk.store.url.read_timeout", urlReadTimeout);
        String hotplug = p.getProperty("disk.store.cloud.node.hotplug", nodeHotplug ? "ssh" : "none").strip();
        switch (hotplug) {
            case "ssh" -> {
                nodeHotplug = true;
                cloudHotplug = false;
            }
            case "none" -> {
                nodeHotplug = false;
                cloudHotplug = false;
            }
            case "cloud" -> {
                nodeHotplug = false;
                cloudHotplug = true;
            }
            default -> throw new IllegalArgumentException("pdisk.cfg: disk.store.cloud.node.hotplug must be 'ssh', "
                    + "'cloud' or 'none', not '" + hotplug + "'");
        }
    }

    private static Duration seconds(Properties p, String key, Duration dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("pdisk.cfg: " + key + " must be a positive number of seconds, not '" + v.strip() + "'");
    }

    /**
     * Whether attach/detach hot-plugs the volume on the node over ssh (the original behaviour) or
     * only records the mount ({@code none}: clouds whose hosts are not ssh-reachable nodes, such as
     * the embedded cloud's libvirt test host).
     */
    public boolean nodeHotplug() {
        return nodeHotplug;
    }

    public PdiskConfig withNodeHotplug(boolean on) { return with(c -> c.nodeHotplug = on); }

    /**
     * {@code disk.store.cloud.node.hotplug = cloud}: attach/detach go through the hot-plug of the
     * cloud pdisk runs in (the core's {@code VolumeHotplug}, wired by the launcher): the VM must be
     * RUNNING and the caller's, the device reaches the domain before the mount is recorded.
     */
    public boolean cloudHotplug() {
        return cloudHotplug;
    }

    public PdiskConfig withCloudHotplug(boolean on) {
        return with(c -> {
            c.cloudHotplug = on;
            c.nodeHotplug = c.nodeHotplug && !on;
        });
    }

    /** A copy with {@code change} applied: every field is an immutable value, so a shallow copy is a full one. */
    private PdiskConfig with(Consumer<PdiskConfig> change) {
        PdiskConfig c;
        try {
            c = (PdiskConfig) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e); // Cloneable
        }
        change.accept(c);
        return c;
    }

    public PdiskConfig withDataDirectory(Path dir) { return with(c -> c.dataDirectory = dir); }
    /** The site database (the launcher passes the cloud's {@code db.url}/{@code db.user}/{@code db.password}). */
    public PdiskConfig withDatabase(DbSettings db) { return with(c -> c.database = db); }
    /** Shorthand for {@link #withDatabase} with credentials in the URL (or none). */
    public PdiskConfig withJdbcUrl(String url) { return withDatabase(new DbSettings(url, null, null, DB_POOL_SIZE)); }
    public PdiskConfig withUrlAllowList(List<String> hostsOrCidrs) { return with(c -> c.urlAllowList = List.copyOf(hostsOrCidrs)); }
    public PdiskConfig withUrlTimeouts(Duration connect, Duration read) { return with(c -> { c.urlConnectTimeout = connect; c.urlReadTimeout = read; }); }
    public PdiskConfig withLoginConf(Path p) { return with(c -> c.loginConf = p); }
    public PdiskConfig withBindHost(String h) { return with(c -> c.bindHost = h); }
    public PdiskConfig withHttpPort(int p) { return with(c -> c.httpPort = p); }
    public PdiskConfig withHttpsPort(int p) { return with(c -> c.httpsPort = p); }
    public PdiskConfig withTls(boolean on) { return with(c -> c.tlsEnabled = on); }
    /** Key store and CA directory for the own HTTPS connector; also turns TLS on. */
    public PdiskConfig withTlsSettings(eu.stratuslab.authn.tls.TlsSettings t) { return with(c -> { c.tlsSettings = t; c.tlsEnabled = true; }); }
    public PdiskConfig withBackend(BackendSettings b) { return with(c -> c.backend = b); }
    public PdiskConfig withCacheLocation(Path p) { return with(c -> c.cacheLocation = p); }
    public PdiskConfig withSizeMaxGiB(long max) { return with(c -> c.sizeMaxGiB = max); }
    public PdiskConfig withServiceUser(String u) { return with(c -> c.serviceUser = u); }

    public String serviceUser() { return serviceUser; }
    public long sizeMaxGiB() { return sizeMaxGiB; }
    /** {@code disk.store.cache.location}, else {@code <data directory>/cache}. */
    public Path cacheLocation() { return cacheLocation != null ? cacheLocation : dataDirectory.resolve("cache"); }
    public String gzip() { return gzip; }
    public int serverPort() { return serverPort; }
    public String nodeSshKeyFile() { return nodeSshKeyFile; }
    public String nodeAdmin() { return nodeAdmin; }
    public String nodeVmDir() { return nodeVmDir; }
    public String nodeTool() { return nodeTool; }
    /** The pdisk-backend.cfg section, else the file backend in {@code <data directory>/volumes}. */
    public BackendSettings backend() { return backend != null ? backend : BackendSettings.file(dataDirectory.resolve("volumes")); }
    public Path dataDirectory() { return dataDirectory; }
    public Path loginConf() { return loginConf; }
    public String bindHost() { return bindHost; }
    public int httpPort() { return httpPort; }
    public int httpsPort() { return httpsPort; }
    public boolean tlsEnabled() { return tlsEnabled; }
    public eu.stratuslab.authn.tls.TlsSettings tlsSettings() { return tlsSettings; }

    /** The site database, else the embedded H2 file {@code <data directory>/pdisk} (core's settings). */
    public DbSettings database() {
        return database != null ? database : PdiskSchema.embedded(dataDirectory);
    }

    public String jdbcUrl() {
        return database().jdbcUrl();
    }

    /** {@code disk.store.url.allow}: host names and CIDR ranges (see {@link eu.stratuslab.infra.net.UrlPolicy}). */
    public List<String> urlAllowList() { return urlAllowList; }
    public Duration urlConnectTimeout() { return urlConnectTimeout; }
    public Duration urlReadTimeout() { return urlReadTimeout; }
}
