package eu.stratuslab.cloud;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.scheduler.SchedulerSettings;
import eu.stratuslab.core.vmmanager.VmManager;
import eu.stratuslab.core.vmmanager.VmManagerSettings;
import eu.stratuslab.core.db.DbSettings;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.server.OneProxyServer;
import eu.stratuslab.oneproxy.server.OneProxySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./stratuslab up [--home DIR]}: runs the whole cloud in the foreground on its embedded
 * default. Prints the generated credentials, writes {@code DIR/credentials.txt} and
 * {@code DIR/endpoints.txt}, and prints one line containing {@code READY} once every endpoint has
 * answered a real authenticated request.
 */
public final class CloudLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudLauncher.class);
    public static final String DEMO_USER = "demo";

    private final CloudHome home;
    private Core core;
    private VmManager vmManager;
    private eu.stratuslab.hooks.command.CommandHooks commandHooks;
    private OneProxyServer proxy;
    private PdiskPart pdisk;
    private MarketplacePart marketplace;
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private Credentials credentials;
    private Path localImage;

    public CloudLauncher(CloudHome home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(System.getProperty("user.home"), ".stratuslab", "cloud");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> {
                    if (i + 1 >= args.length) {
                        usage("--home needs a directory");
                    }
                    dir = Paths.get(args[++i]);
                }
                case "-h", "--help" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        CloudLauncher launcher = new CloudLauncher(new CloudHome(dir.toAbsolutePath()));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::closeQuietly, "stratuslab-shutdown"));
        try {
            launcher.start(System.out);
        } catch (Exception e) {
            LOG.error("the cloud could not start: {}", e.toString(), e);
            System.err.println("stratuslab: cannot start: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join(); // foreground until interrupted (Ctrl-C runs the shutdown hook)
    }

    private static void usage(String error) {
        PrintStream out = error == null ? System.out : System.err;
        if (error != null) {
            out.println("stratuslab up: " + error);
        }
        out.println("usage: ./stratuslab up [--home DIR]   (default DIR: ~/.stratuslab/cloud)");
        System.exit(error == null ? 0 : 2);
    }

    /** Starts everything; returns when READY has been printed. */
    public void start(PrintStream out) throws Exception {
        home.createDirectories();
        CloudConfig cfg = DefaultFiles.cloudConfig(home);
        CloudConfig.BootstrapMode mode = cfg.bootstrapMode();
        credentials = mode == CloudConfig.BootstrapMode.DEMO
                ? Credentials.loadOrCreate(home.credentials(), "oneadmin", DEMO_USER, "pdisk")
                : Credentials.loadOrCreate(home.credentials(), "oneadmin", "pdisk");
        DefaultFiles.writeMissing(home, credentials);

        char[] keyStorePassword = keyStorePassword();
        core = Core.open(coreSettings(cfg));
        proxy = new OneProxyServer(core, proxySettings(cfg, keyStorePassword));
        pdisk = new PdiskPart(home, cfg, new eu.stratuslab.authn.tls.TlsSettings(home.keyStore(), keyStorePassword,
                home.gridCertificates(), cfg.get("proxy.server_name", "localhost")));
        // pdisk and the marketplace serve before the VM manager starts: its reconciliation may resume prologs
        pdisk.start();
        marketplace = new MarketplacePart(home, cfg);
        marketplace.start();
        HooksPart.writeMissing(home);
        var transfers = HooksPart.transferManager(home, cfg, credentials,
                PinnedCertificateTrust.of(home.keyStore(), keyStorePassword), core.lifecycle().log(),
                pdisk.endpoint(), marketplace.endpoint());
        // Scheduler, VM manager on libvirt, VM monitor; reconciles database and hosts before placing anything.
        vmManager = VmManager.install(core, vmManagerSettings(cfg), schedulerSettings(), transfers);
        commandHooks = VmHooksFile.load(home.etc().resolve("vm-hooks.conf"));
        core.lifecycle().addHookListener(commandHooks);
        proxy.start();
        EmbeddedBootstrap bootstrap = new EmbeddedBootstrap(core, ApiRegistry.standard(core),
                home.root().resolve("var/lib/stratuslab/images"));
        bootstrap.run(cfg, mode, credentials, DEMO_USER);
        localImage = bootstrap.localImagePath();

        endpoints.put("one-proxy", proxy.proxyEndpoint().toString());
        endpoints.put("one-proxy-cert", proxy.certEndpoint().toString());
        endpoints.put("rpc2", proxy.rpc2Endpoint().toString());
        endpoints.put("pdisk", pdisk.endpoint().toString());
        endpoints.put("marketplace", marketplace.endpoint().toString());
        writeEndpoints();
        if (localImage != null) {
            marketplace.publishLocalImage(localImage, home.root().resolve("images.txt"));
        }

        // The probe user of the proxied paths exists already: a first request would create an account.
        new ReadinessCheck(credentials, mode == CloudConfig.BootstrapMode.DEMO ? DEMO_USER : "oneadmin")
                .awaitReady(endpoints);
        out.println("StratusLab cloud in " + home.root());
        credentials.all().forEach((u, p) -> out.println("  credentials " + u + ":" + p));
        endpoints.forEach((n, u) -> out.println("  endpoint    " + n + " " + u));
        if (localImage != null) {
            out.println("  local image " + localImage + " (DISK SOURCE for oneadmin-group users)");
        }
        marketplace.published().forEach((id, url) -> out.println("  image       " + id + " " + url
                + " (DISK SOURCE = \"" + id + "\" for every user)"));
        out.println("READY");
        out.flush();
    }

    private void writeEndpoints() throws IOException {
        StringBuilder sb = new StringBuilder();
        endpoints.forEach((n, u) -> sb.append(n).append(' ').append(u).append('\n'));
        CloudHome.writePrivate(home.endpoints(), sb.toString(), false);
    }

    private CoreSettings coreSettings(CloudConfig cfg) {
        String url = cfg.get("db.url", null);
        DbSettings db = url == null ? DbSettings.h2File(home.varLibOne(), "one")
                : new DbSettings(url, cfg.get("db.user", ""), cfg.get("db.password", ""), 16);
        return CoreSettings.defaults(db, home.varLibOne())
                .withDefaultNetwork(cfg.get("vm.default_network", "public"))
                .withAllowNoNic(cfg.getBoolean("vm.allow_no_nic", false))
                .withQuotas(cfg.quotas())
                .withInitialOneadminPassword(credentials.password("oneadmin"))
                .withMonitorInterval(java.time.Duration.ofSeconds(cfg.getInt("host.monitoring_interval", 60)));
    }

    private VmManagerSettings vmManagerSettings(CloudConfig cfg) {
        return VmManagerSettings.defaults()
                .withShutdownTimeout(java.time.Duration.ofSeconds(cfg.getInt("vm.shutdown_timeout", 300)))
                .withMonitorInterval(java.time.Duration.ofSeconds(cfg.getInt("vm.monitoring_interval", 10)));
    }

    /** OpenNebula's sched.conf, in the cloud home; commented defaults when missing. */
    private SchedulerSettings schedulerSettings() throws Exception {
        Path file = home.etc().resolve("sched.conf");
        CloudHome.writeIfMissing(file, """
                # Scheduler (OpenNebula sched.conf keys, plus SCHED_ON_EVENTS).
                # SCHED_ON_EVENTS = yes: a pass also runs whenever a VM becomes PENDING (allocate,
                # release, resume, resubmit) or capacity is freed, so SCHED_INTERVAL (seconds) is only
                # a safety net. SCHED_ON_EVENTS = no: placement happens only on the pass every
                # SCHED_INTERVAL seconds, within MAX_VM / MAX_DISPATCH / MAX_HOST, as mm_sched did; a
                # new VM then stays PENDING long enough to be held, released or deployed by hand
                # (OpenNebula client test suites expect this).
                SCHED_ON_EVENTS = yes
                SCHED_INTERVAL = 30
                # PENDING VMs considered per pass; VMs dispatched per pass (0 = unlimited);
                # VMs given to one host per pass.
                MAX_VM = 300
                MAX_DISPATCH = 30
                MAX_HOST = 1
                # POLICY 0 packing, 1 striping, 2 load-aware, 3 custom RANK
                DEFAULT_SCHED = [ POLICY = 1 ]
                """, false);
        try {
            return SchedulerSettings.parse(java.nio.file.Files.readString(file));
        } catch (eu.stratuslab.template.TemplateParseException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private OneProxySettings proxySettings(CloudConfig cfg, char[] keyStorePassword) {
        return new OneProxySettings(cfg.get("rpc2.host", "127.0.0.1"), cfg.getInt("rpc2.port", 2633),
                cfg.get("proxy.host", "127.0.0.1"), cfg.getInt("proxy.port", 2634), cfg.getBoolean("proxy.tls", true),
                "/one-proxy", cfg.getBoolean("proxy.legacy_paths", true), home.authn(), home.gridCertificates(),
                home.vomsDir(), home.keyStore(), keyStorePassword, cfg.get("proxy.server_name", "localhost"),
                cfg.getInt("proxy.max_request_bytes", 1 << 20), cfg.getInt("authn.cache_seconds", 60));
    }

    /** The generated key store protects nothing beyond the file mode; its password lives beside it. */
    private char[] keyStorePassword() {
        try {
            Path pw = home.keyStore().resolveSibling("server.p12.password");
            if (!java.nio.file.Files.exists(pw)) {
                CloudHome.writePrivate(pw, Credentials.randomPassword(24), true);
            }
            return java.nio.file.Files.readString(pw).trim().toCharArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    /** The embedded local disk image (a DISK SOURCE usable by oneadmin-group users). */
    public Path localImage() {
        return localImage;
    }

    public Core core() {
        return core;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            LOG.warn("error while stopping: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (pdisk != null) {
            pdisk.stop();
            pdisk = null;
        }
        if (marketplace != null) {
            marketplace.stop();
            marketplace = null;
        }
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (vmManager != null) {
            vmManager.close();
            vmManager = null;
        }
        if (commandHooks != null) {
            commandHooks.close();
            commandHooks = null;
        }
        if (core != null) {
            core.close();
            core = null;
        }
    }
}
