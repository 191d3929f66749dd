package eu.stratuslab.cloud;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.scheduler.SchedulerSettings;
import eu.stratuslab.vmmanager.VmManager;
import eu.stratuslab.vmmanager.VmManagerSettings;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.server.OneProxyServer;
import eu.stratuslab.oneproxy.server.OneProxySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.FutureTask;
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
    /** cloud.cfg keys of the grid trust policy shared by the one-proxy and pdisk (authn.md §8.1). */
    public static final String NAMESPACE_MODE_KEY = "authn.namespace_mode";
    public static final String CRL_MODE_KEY = "authn.crl_mode";
    public static final String TRUST_RELOAD_KEY = "authn.trust_reload_ms";

    private final CloudHome home;
    private Core core;
    private VmManager vmManager;
    private eu.stratuslab.hooks.command.CommandHooks commandHooks;
    private OneProxyServer proxy;
    private PdiskPart pdisk;
    private MarketplacePart marketplace;
    private eu.stratuslab.quarantine.Quarantine quarantine;
    private GridTrust trust;
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private Credentials credentials;
    private Path localImage;
    /** Created once the cloud is READY and removed at shutdown (systemd's readiness poll); null: none. */
    private Path readyFile;
    /** Every meter of this cloud (docs/metrics.md); one registry per launcher, none static. */
    private final eu.stratuslab.infra.metrics.Metrics metrics = eu.stratuslab.infra.metrics.Metrics.prometheus();

    public CloudLauncher(CloudHome home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        CloudHome home = new CloudHome(Paths.get(System.getProperty("user.home"), ".stratuslab", "cloud"));
        Path readyFile = null;
        boolean writeConfigOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = new CloudHome(Paths.get(optionValue(args, ++i, "--home needs a directory"))
                        .toAbsolutePath());
                case "--root" -> home = CloudHome.system(Paths.get(optionValue(args, ++i, "--root needs a directory"))
                        .toAbsolutePath());
                case "--ready-file" -> readyFile = Paths.get(optionValue(args, ++i, "--ready-file needs a file"))
                        .toAbsolutePath();
                case "--write-config" -> writeConfigOnly = true;
                case "-h", "--help" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (writeConfigOnly) {
            // packaging: the default configuration files of the layout, without generated passwords
            writeConfiguration(home, Credentials.none());
            return;
        }
        CloudLauncher launcher = new CloudLauncher(home);
        launcher.readyFile = readyFile;
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

    private static String optionValue(String[] args, int i, String missing) {
        if (i >= args.length) {
            usage(missing);
        }
        return args[i];
    }

    private static void usage(String error) {
        PrintStream out = error == null ? System.out : System.err;
        if (error != null) {
            out.println("stratuslab up: " + error);
        }
        out.println("usage: ./stratuslab up [--home DIR]   (default DIR: ~/.stratuslab/cloud)");
        out.println("       stratuslab-cloud [--root DIR] [--ready-file FILE] [--write-config]");
        out.println("  --root DIR          the installed layout under DIR (/ on a real installation):");
        out.println("                      DIR/etc/stratuslab, DIR/var/lib/one, DIR/var/lib/stratuslab, DIR/var/log");
        out.println("  --ready-file FILE   created once READY is printed, removed at shutdown (service readiness)");
        out.println("  --write-config      write the missing default configuration files and exit");
        System.exit(error == null ? 0 : 2);
    }

    /**
     * Writes every configuration file of the home that is missing with its default text (files
     * that exist are kept as they are). The password file gets the given credentials.
     */
    static void writeConfiguration(CloudHome home, Credentials credentials) throws IOException {
        home.createDirectories();
        DefaultFiles.writeMissing(home, credentials);
        CloudHome.writeIfMissing(schedConf(home), SCHED_CONF_TEXT, false);
        HooksPart.writeMissing(home);
        QuarantinePart.writeMissing(home);
        VmHooksFile.writeMissing(home.etc().resolve("vm-hooks.conf"));
    }

    /** Starts everything; returns when READY has been printed. */
    public void start(PrintStream out) throws Exception {
        home.createDirectories();
        CloudConfig cfg = DefaultFiles.cloudConfig(home);
        CloudConfig.BootstrapMode mode = cfg.bootstrapMode();
        credentials = mode == CloudConfig.BootstrapMode.DEMO
                ? Credentials.loadOrCreate(home.credentials(), "oneadmin", DEMO_USER, "pdisk")
                : Credentials.loadOrCreate(home.credentials(), "oneadmin", "pdisk");
        writeConfiguration(home, credentials);
        // a shipped password file (the RPM's) gets the entries of the accounts generated on first start
        DefaultFiles.addMissingUsers(home.passwordFile(), credentials);

        char[] keyStorePassword = keyStorePassword();
        // before any endpoint is built: every password check shares this throttle (issue 13 item 7)
        eu.stratuslab.authn.LoginThrottle.Settings defaults = eu.stratuslab.authn.LoginThrottle.Settings.defaults();
        eu.stratuslab.authn.LoginThrottle.configureShared(new eu.stratuslab.authn.LoginThrottle.Settings(
                cfg.getInt("authn.throttle.address_failures", defaults.addressFailures()),
                cfg.getInt("authn.throttle.account_failures", defaults.accountFailures()),
                java.time.Duration.ofSeconds(cfg.getInt("authn.throttle.first_lockout_seconds",
                        (int) defaults.firstLockout().toSeconds())),
                java.time.Duration.ofSeconds(cfg.getInt("authn.throttle.max_lockout_seconds",
                        (int) defaults.maxLockout().toSeconds())),
                defaults.memory(), defaults.maxTracked()));
        // One grid trust policy for every certificate path (one-proxy and pdisk), configured once in cloud.cfg.
        trust = GridTrust.open(trustSettings(cfg), home.vomsDir());
        String probeUser = mode == CloudConfig.BootstrapMode.DEMO ? DEMO_USER : "oneadmin";
        if (cfg.proxyMode() == CloudConfig.ProxyMode.FORWARD) {
            startForwarding(cfg, keyStorePassword, probeUser, out);
            return;
        }
        // On the other core while the database loads (issue 14 item 10): the first open of the host
        // key store (password-based key derivation, slow while the JIT is cold), the marketplace,
        // whose signing key is a new RSA key pair at every start, and pdisk (its own schema and endpoint;
        // it needs nothing of the core).
        FutureTask<MarketplacePart> marketplaceBuild = new FutureTask<>(() -> {
            if (java.nio.file.Files.exists(home.keyStore())) {
                eu.stratuslab.authn.tls.ServerTls.hostCertificates(home.keyStore(), keyStorePassword);
            }
            return new MarketplacePart(home, cfg);
        });
        FutureTask<PdiskPart> pdiskBuild = new FutureTask<>(() -> {
            PdiskPart part = new PdiskPart(home, cfg, new eu.stratuslab.authn.tls.TlsSettings(home.keyStore(),
                    keyStorePassword, home.gridCertificates(), cfg.get("proxy.server_name", "localhost")), trust);
            try {
                // pdisk and the marketplace serve before the VM manager starts: its reconciliation may resume prologs
                part.start();
            } catch (Exception | Error e) {
                part.stop();
                throw e;
            }
            return part;
        });
        Thread builder = new Thread(() -> {
            marketplaceBuild.run();
            pdiskBuild.run();
        }, "cloud-start");
        builder.setDaemon(true);
        builder.start();
        try {
            core = Core.open(coreSettings(cfg));
            proxy = new OneProxyServer(core, proxySettings(cfg, keyStorePassword), trust, metrics);
        } catch (Exception | Error e) {
            try {
                adoptStartParts(marketplaceBuild, pdiskBuild); // so that close() stops them
            } catch (Exception other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        adoptStartParts(marketplaceBuild, pdiskBuild);
        marketplace.start();
        javax.net.ssl.SSLContext pdiskTrust = PinnedCertificateTrust.of(home.keyStore(), keyStorePassword);
        quarantine = QuarantinePart.open(home, HooksPart.pdiskClient(home, cfg, credentials, pdiskTrust,
                pdisk.endpoint()), HooksPart.pdiskSuperuser(home));
        var transfers = HooksPart.transferManager(home, cfg, credentials, pdiskTrust, core.lifecycle().log(),
                pdisk.endpoint(), marketplace.endpoint(), core.images(), quarantine, metrics);
        // Scheduler, VM manager on libvirt, VM monitor; reconciles database and hosts before placing anything.
        vmManager = VmManager.install(core, vmManagerSettings(cfg), schedulerSettings(), transfers, metrics);
        CloudGauges.bind(metrics, core, pdisk.services());
        // After a crash: pdisk's mounts against the reconciled VMs, before pdisk may hot-plug again.
        new VolumeReconciliation(core.vms(), home.varLibOne(), pdisk.mounts(), vmManager.volumeHotplug()).run();
        pdisk.useHotplug(vmManager.volumeHotplug());
        commandHooks = VmHooksFile.load(home.etc().resolve("vm-hooks.conf"));
        core.lifecycle().addHookListener(commandHooks);
        proxy.start();
        quarantine.startCleanup(); // hooks.md §5.2, every CLEANUP_INTERVAL of quarantine.cfg
        EmbeddedBootstrap bootstrap = new EmbeddedBootstrap(core, ApiRegistry.standard(core),
                home.root().resolve("var/lib/stratuslab/images"));
        bootstrap.run(cfg, mode, credentials, DEMO_USER);
        localImage = bootstrap.localImagePath();

        endpoints.put("one-proxy", proxy.proxyEndpoint().toString());
        endpoints.put("one-proxy-cert", proxy.certEndpoint().toString());
        endpoints.put("rpc2", proxy.rpc2Endpoint().toString());
        endpoints.put("metrics", proxy.rpc2MetricsEndpoint().toString());
        endpoints.put("pdisk", pdisk.endpoint().toString());
        endpoints.put("marketplace", marketplace.endpoint().toString());
        writeEndpoints();
        if (localImage != null) {
            marketplace.publishLocalImage(localImage, home.images());
        }

        // The probe user of the proxied paths exists already: a first request would create an account.
        new ReadinessCheck(credentials, probeUser).awaitReady(endpoints);
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
        if (readyFile != null) {
            CloudHome.writePrivate(readyFile, ProcessHandle.current().pid() + "\n", false);
        }
    }

    /**
     * Forward mode (authn.md §11, docs/forwarding.md): only the authenticated one-proxy connector,
     * relaying to the external oned. The core, scheduler, VM manager, hooks, pdisk, the marketplace
     * and /RPC2 belong to that OpenNebula installation and do not start; READY means the connector
     * authenticates and answers, whether or not the external oned is up yet (its absence is a
     * fault -504 per call, not a reason to refuse to start).
     */
    private void startForwarding(CloudConfig cfg, char[] keyStorePassword, String probeUser, PrintStream out)
            throws Exception {
        eu.stratuslab.oneproxy.forward.ForwardSettings forward = cfg.forwardSettings();
        if (!forward.backendIsLoopback()) {
            LOG.warn("proxy.forward.url {} is not a loopback address: the external oned must be reachable from this"
                    + " machine only, or anyone reaching it can act as any user", forward.backend());
        }
        proxy = OneProxyServer.forwarding(proxySettings(cfg, keyStorePassword), trust,
                new eu.stratuslab.oneproxy.forward.ForwardingDispatcher(forward));
        proxy.start();
        endpoints.put("one-proxy", proxy.proxyEndpoint().toString());
        endpoints.put("one-proxy-cert", proxy.certEndpoint().toString());
        writeEndpoints();
        new ReadinessCheck(credentials, probeUser).awaitForwarding(endpoints);
        out.println("StratusLab one-proxy in " + home.root() + ", forwarding to " + forward.backend());
        credentials.all().forEach((u, p) -> out.println("  credentials " + u + ":" + p));
        endpoints.forEach((n, u) -> out.println("  endpoint    " + n + " " + u));
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
                .withMonitorInterval(java.time.Duration.ofSeconds(cfg.getInt("vm.monitoring_interval", 10)))
                // VM directory on remote (qemu+ssh) nodes, OpenNebula's VM_DIR (docs/remote-nodes.md)
                .withNodeVmDir(java.nio.file.Path.of(cfg.get("node.vm_dir",
                        VmManagerSettings.DEFAULT_NODE_VM_DIR.toString())));
    }

    private static Path schedConf(CloudHome home) {
        return home.etc().resolve("sched.conf");
    }

    private static final String SCHED_CONF_TEXT = """
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
                """;

    /** OpenNebula's sched.conf, in the cloud home (written with commented defaults when missing). */
    private SchedulerSettings schedulerSettings() throws Exception {
        Path file = schedConf(home);
        try {
            return SchedulerSettings.parse(java.nio.file.Files.readString(file));
        } catch (eu.stratuslab.template.TemplateParseException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * authn.md §8.1 from cloud.cfg ({@code authn.namespace_mode}, {@code authn.crl_mode},
     * {@code authn.trust_reload_ms}) on the cloud's CA directory; an unknown value falls back to the
     * default, as the spec says, with a warning so that the typo is found.
     */
    private TrustSettings trustSettings(CloudConfig cfg) {
        String ns = cfg.get(NAMESPACE_MODE_KEY, null);
        String crl = cfg.get(CRL_MODE_KEY, null);
        String reload = cfg.get(TRUST_RELOAD_KEY, null);
        TrustSettings settings = TrustSettings.fromStrings(home.gridCertificates().toString(), ns, crl, reload);
        warnIfReplaced(NAMESPACE_MODE_KEY, ns, settings.namespaceMode().name());
        warnIfReplaced(CRL_MODE_KEY, crl, settings.crlMode().name());
        warnIfReplaced(TRUST_RELOAD_KEY, reload, Long.toString(settings.reloadInterval().toMillis()));
        return settings;
    }

    private static void warnIfReplaced(String key, String given, String used) {
        if (given != null && !given.trim().equalsIgnoreCase(used)) {
            LOG.warn("cloud.cfg: {} = {} is not a valid value; using {}", key, given, used);
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

    /** The running quarantine (null before start and after close). */
    eu.stratuslab.quarantine.Quarantine quarantine() {
        return quarantine;
    }

    public Core core() {
        return core;
    }

    /** The result of a start step run on another thread; its own exception when it failed. */
    private static <T> T built(FutureTask<T> step) throws Exception {
        try {
            return step.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Takes what the start thread built, so that close() stops it; the first failure is thrown. */
    private void adoptStartParts(FutureTask<MarketplacePart> marketplaceBuild, FutureTask<PdiskPart> pdiskBuild)
            throws Exception {
        Exception failure = null;
        try {
            marketplace = built(marketplaceBuild);
        } catch (Exception e) {
            failure = e;
        }
        try {
            pdisk = built(pdiskBuild);
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
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
        if (readyFile != null) {
            java.nio.file.Files.deleteIfExists(readyFile); // no longer ready: the poll of a restart waits again
        }
        quarantine = stopped(quarantine, q -> q.close()); // a cleanup in progress finishes while pdisk still answers
        pdisk = stopped(pdisk, PdiskPart::stop);
        marketplace = stopped(marketplace, MarketplacePart::stop);
        proxy = stopped(proxy, OneProxyServer::close);
        trust = stopped(trust, GridTrust::close);
        vmManager = stopped(vmManager, VmManager::close);
        commandHooks = stopped(commandHooks, h -> h.close());
        core = stopped(core, Core::close);
    }

    @FunctionalInterface
    private interface Stop<T> {
        void stop(T part) throws Exception;
    }

    /** Stops {@code part} when it was started; null, for the field that held it (a second close does nothing). */
    private static <T> T stopped(T part, Stop<T> stop) throws Exception {
        if (part != null) {
            stop.stop(part);
        }
        return null;
    }
}
