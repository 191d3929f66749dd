package eu.stratuslab.cloud;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code etc/stratuslab/cloud.cfg}: the settings of this project's core and listeners (the
 * original spread them over oned.conf and the Jetty files). Java properties syntax.
 */
public final class CloudConfig {
    private final Properties props;
    private final Path file;

    private CloudConfig(Path file, Properties props) {
        this.file = file;
        this.props = props;
    }

    public static CloudConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new CloudConfig(file, p);
    }

    public String get(String key, String def) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public int getInt(String key, int def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a number, not '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(file + ": " + key + " must be true or false, not '" + v + "'");
        };
    }

    /** What the first start creates beside the core's own bootstrap objects ({@code bootstrap} key). */
    public enum BootstrapMode {
        /** The StratusLab installer's objects: the demo user, a host, a local image, the three networks. */
        DEMO,
        /**
         * Only what the core creates (users oneadmin and serveradmin, groups oneadmin and users, the
         * two default ACL rules), so the first host, network, image, template and VM get id 0 and
         * OpenNebula 3.2 client test suites that count objects run (xmlrpc-api.md §12).
         */
        MINIMAL
    }

    /** Every entry of the file (keys as written). */
    public java.util.Map<String, String> entries() {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
        return m;
    }

    /** The default per-user quotas ({@code quota.*} keys). */
    public eu.stratuslab.core.vm.QuotaSettings quotas() {
        try {
            return eu.stratuslab.core.vm.QuotaSettings.parse(entries());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public BootstrapMode bootstrapMode() {
        String v = get("bootstrap", "demo");
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "demo" -> BootstrapMode.DEMO;
            case "minimal" -> BootstrapMode.MINIMAL;
            default -> throw new IllegalArgumentException(file + ": bootstrap must be demo or minimal, not '" + v + "'");
        };
    }

    public static final String DEFAULT_TEXT = """
            # StratusLab cloud configuration (etc/stratuslab/cloud.cfg).
            # Java properties syntax: 'key = value'; lines starting with '#' are comments.
            # Edit and restart './stratuslab up' to apply. Authentication is configured in authn/.

            # What the first start creates. 'demo': the StratusLab installer's objects (user demo,
            # the host below, the image 'local', the networks public, local and private). 'minimal':
            # only oneadmin, serveradmin, the groups oneadmin and users and the two default ACL rules,
            # so the first image, network, template and VM get id 0 (OpenNebula 3.2 test suites).
            bootstrap = demo

            # Core database. Empty: the embedded H2 file database under var/lib/one/.
            # Production: db.url = jdbc:mariadb://127.0.0.1:3306/opennebula with db.user and db.password.
            db.url =
            db.user =
            db.password =

            # /RPC2: OpenNebula tools, hooks and scripts authenticate with the session string
            # 'user:password'. Keep it on loopback unless you know why.
            rpc2.host = 127.0.0.1
            rpc2.port = 2633

            # The authenticated one-proxy connector: /one-proxy/pswd/xmlrpc, /one-proxy/cert/xmlrpc,
            # the legacy /pswd/xmlrpc and /cert/xmlrpc, and /pdisk/... . Use 0.0.0.0 to serve users
            # on other machines.
            proxy.host = 127.0.0.1
            proxy.port = 2634
            # HTTPS with the certificate in etc/stratuslab/tls/server.p12 (self-signed, generated on
            # first start when absent). 'false' only behind a TLS-terminating reverse proxy.
            proxy.tls = true
            proxy.legacy_paths = true
            proxy.max_request_bytes = 1048576
            # Seconds a verified credential (password, certificate) is reused without running the
            # login modules again; 0 verifies every request. Changes to the files always apply at once.
            authn.cache_seconds = 60

            # The persistent-disk service (pdisk.cfg and pdisk-backend.cfg hold its own settings).
            pdisk.port = 8445
            pdisk.tls = true

            # The embedded marketplace (manifests of the site's images at /marketplace/metadata/<id>,
            # publishing for oneadmin; see docs/marketplace.md). HTTP on loopback by default.
            marketplace.port = 8447
            marketplace.endorser = oneadmin@localhost

            # The host registered on first start. Drivers use OpenNebula's names: vmm_kvm runs VMs
            # through libvirt at the URI the host name gives (a libvirt URI as the name is used as
            # is; 'localhost' is qemu:///system; other names qemu+ssh://<name>/system); vmm_dummy
            # completes every transition at once. The embedded default is libvirt's test driver.
            host.name = test:///default
            host.im = im_kvm
            host.vmm = vmm_kvm
            host.vnm = dummy
            host.tm = tm_stratuslab

            # Seconds before an ACPI shutdown that the guest ignores is turned into a destroy, and
            # between two polls of running domains.
            vm.shutdown_timeout = 300
            vm.monitoring_interval = 10

            # Default per-user quotas on the VMs that are not DONE (OpenNebula's quota driver): the sum
            # of their CPU, the sum of their MEMORY (MB, or with MB/GB), their number. 0 = unlimited.
            # quota.group.<group>.<cpu|memory|vms> sets them for the members of a group and
            # quota.user.<user>.<cpu|memory|vms> for one user; a user's template (QUOTA_CPU,
            # QUOTA_MEMORY, QUOTA_VMS) overrides all. Group oneadmin is never limited.
            quota.cpu = 20
            quota.memory = 0
            quota.vms = 0
            # quota.group.users.memory = 1GB
            # quota.user.demo.vms = 10

            # Network given to VMs whose template has no NIC.
            vm.default_network = public
            # 'true' lets a VM without NIC be allocated when the default network does not exist
            # (OpenNebula tool suites on installations without networks; breaks the legacy CLI).
            vm.allow_no_nic = false
            """;
}
