package eu.stratuslab.hooks.node;

import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskException;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.infra.tls.UncheckedServerTls;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * {@code /usr/sbin/stratus-pdisk-client.py} (pdisk-api.md §11.1): attaches a pdisk volume to this node
 * for a VM and detaches it. The pdisk server runs it over ssh for hot-plug (§11.3) and on itself for
 * local attach (§11.4); existing node scripts call it by this name.
 *
 * <p>Exit status: 0 done; 1 a step failed (its message on stderr, earlier steps of {@code up} undone);
 * 2 bad usage (a {@code usage:} line and {@code stratus-pdisk-client.py: error: <reason>} on stderr, as
 * Python's optparse printed them). Progress lines go to stderr; the tool prints nothing on stdout.
 *
 * <p>Settings come from {@code /etc/stratuslab/pdisk-host.conf}, or the file named by the environment
 * variable {@code STRATUSLAB_PDISK_HOST_CONF}.
 */
public final class PdiskClientTool {

    static final String NAME = "stratus-pdisk-client.py";
    static final String USAGE = "usage: " + NAME + " --op up|down --pdisk-id URI [--turl TURL] [--vm-id ID]"
            + " [--vm-dir DIR] [--vm-disk-name NAME] [--target DEV] [--username USER] [--password PASSWORD]"
            + " [--attach] [--register] [--mark] [--link] [--link-to PATH] [--mount] [--no-check]";
    public static final String CONFIG_ENV = "STRATUSLAB_PDISK_HOST_CONF";

    private static final Set<String> VALUED = Set.of("--op", "--pdisk-id", "--turl", "--vm-id", "--vm-dir",
            "--vm-disk-name", "--target", "--username", "--password", "--link-to");
    private static final Set<String> FLAGS = Set.of("--attach", "--register", "--mark", "--link", "--mount",
            "--no-check");
    private static final int TLS_TRIES = 3;

    private PdiskClientTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    /** Runs the tool; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        try {
            parse(args, opts, flags);
            return execute(opts, flags, env, err);
        } catch (UsageException e) {
            err.println(USAGE);
            err.println();
            err.println(NAME + ": error: " + e.getMessage());
            return 2;
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --opt value} and {@code --opt=value}, like optparse. */
    static void parse(String[] args, Map<String, String> opts, Set<String> flags) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (VALUED.contains(name)) {
                if (a.contains("=")) {
                    opts.put(name, a.substring(a.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    opts.put(name, args[++i]);
                } else {
                    throw new UsageException(name + " option requires an argument");
                }
            } else if (FLAGS.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("-")) {
                throw new UsageException("no such option: " + name);
            } else {
                throw new UsageException("unexpected argument: " + a);
            }
        }
    }

    private static int execute(Map<String, String> o, Set<String> f, Map<String, String> env, PrintStream err)
            throws UsageException {
        String op = o.get("--op");
        if (op == null || op.isEmpty()) {
            throw new UsageException("--op option is mandatory");
        }
        if (!op.equals("up") && !op.equals("down")) {
            throw new UsageException("--op option only accepts 'up' or 'down'");
        }
        if (o.get("--pdisk-id") == null || o.get("--pdisk-id").isEmpty()) {
            throw new UsageException("--pdisk-id option is mandatory");
        }
        String vmId = o.get("--vm-id");
        boolean register = f.contains("--register");
        boolean link = f.contains("--link");
        boolean mark = f.contains("--mark");
        boolean mount = f.contains("--mount");
        if (register && vmId == null) {
            throw new UsageException("--register option needs --vm-id options");
        }
        if (link && (vmId == null || o.get("--vm-disk-name") == null)) {
            throw new UsageException("--link option needs --vm-disk-name, --vm-id options");
        }
        if (mount && (vmId == null || o.get("--target") == null)) {
            throw new UsageException("--mount option needs --target and --vm-id options");
        }
        if (mark && vmId == null) {
            throw new UsageException("--mark option needs --vm-id option");
        }
        Integer vm = null;
        if (vmId != null) {
            try {
                vm = Integer.valueOf(vmId.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--vm-id must be a VM number, not " + vmId);
            }
        }
        VolumeUri volume;
        try {
            volume = VolumeUri.parse(o.get("--pdisk-id"));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            NodeHostConfig cfg = NodeHostConfig.load(Path.of(env.getOrDefault(CONFIG_ENV,
                    NodeHostConfig.DEFAULT_FILE.toString())));
            Path vmDir = o.containsKey("--vm-dir") ? Path.of(o.get("--vm-dir")) : cfg.vmDir();
            Path vmRoot = vm == null ? null : vmDir.resolve(Integer.toString(vm));
            String user = o.getOrDefault("--username", cfg.pdiskUser());
            String password = o.getOrDefault("--password", cfg.pdiskPassword());
            String turl = o.getOrDefault("--turl", "");
            ProcessCommandRunner runner = new ProcessCommandRunner();
            VolumeTransport transport = VolumeTransport.of(turl.isBlank() ? VolumeTransport.defaultTurl(volume) : turl,
                    cfg, runner);
            PdiskClient pdisk = new PdiskClient(volume.endpoint(), user, password.toCharArray(), trustAnyCertificate(),
                    Duration.ofSeconds(60), Duration.ofSeconds(60));
            NodeVolume.Actions actions = new NodeVolume.Actions(!f.contains("--no-check"), register,
                    f.contains("--attach"), mark, link,
                    o.get("--link-to") == null || o.get("--link-to").isEmpty() ? null : Path.of(o.get("--link-to")),
                    mount);
            NodeVolume.Place place = new NodeVolume.Place(nodeAddress(), vm,
                    vmRoot == null ? null : vmRoot.resolve(cfg.registerFilename()),
                    vmRoot == null || o.get("--vm-disk-name") == null ? null
                            : vmRoot.resolve("images").resolve(o.get("--vm-disk-name")),
                    o.get("--target"));
            NodeVolume steps = new NodeVolume(pdisk, volume, transport, runner, err::println);
            retryingTls(() -> {
                if (op.equals("up")) {
                    steps.up(actions, place);
                } else {
                    steps.down(actions, place);
                }
            }, err);
            return 0;
        } catch (PdiskException e) {
            err.println(e.status() == 401 ? "pdisk refused the credentials of "
                    + o.getOrDefault("--username", configuredUser(env)) + " (HTTP 401)" : e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return 1;
        }
    }

    private static String configuredUser(Map<String, String> env) {
        try {
            return NodeHostConfig.load(Path.of(env.getOrDefault(CONFIG_ENV, NodeHostConfig.DEFAULT_FILE.toString())))
                    .pdiskUser();
        } catch (IOException e) {
            return "the configured user";
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    /** pdisk-api.md §11.1: three tries when the TLS handshake fails, 2 s apart. */
    private static void retryingTls(Action action, PrintStream err) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (IOException e) {
                if (attempt >= TLS_TRIES || !causedByTls(e)) {
                    throw e;
                }
                err.println("SSL ERROR ENCOUNTERED: " + e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(2); // the spec's pause between tries
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean causedByTls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The node's own address, recorded by pdisk as the mount's node (the original's gethostbyname(gethostname())). */
    private static String nodeAddress() throws IOException {
        return InetAddress.getLocalHost().getHostAddress();
    }

    /**
     * The original did no TLS verification (pdisk-api.md §11.1); node tools talk to the site's own pdisk
     * with its self-signed certificate. An extended manager, so the JDK adds no host name check either.
     */
    static SSLContext trustAnyCertificate() {
        return UncheckedServerTls.context();
    }
}
