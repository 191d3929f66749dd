package eu.stratuslab.cloud;

import eu.stratuslab.oneproxy.forward.ForwardSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** What the one-proxy serves ({@code proxy.mode} key). */
    public enum ProxyMode {
        /** Our own core, scheduler and VM manager (the default). */
        INTEGRATED,
        /** An external OpenNebula's {@code /RPC2} (authn.md §11): nothing else of the cloud starts. */
        FORWARD
    }

    public ProxyMode proxyMode() {
        return choice("proxy.mode", ProxyMode.INTEGRATED);
    }

    /** The forward-mode settings ({@code proxy.forward.*} keys), checked. */
    public ForwardSettings forwardSettings() {
        try {
            return new ForwardSettings(
                    ForwardSettings.parseBackend("proxy.forward.url",
                            get("proxy.forward.url", ForwardSettings.DEFAULT_URL)),
                    Duration.ofMillis(getInt("proxy.forward.connect_timeout_ms",
                            (int) ForwardSettings.DEFAULT_CONNECT_TIMEOUT.toMillis())),
                    Duration.ofMillis(getInt("proxy.forward.read_timeout_ms",
                            (int) ForwardSettings.DEFAULT_READ_TIMEOUT.toMillis())),
                    getInt("proxy.forward.max_response_bytes",
                            (int) ForwardSettings.DEFAULT_MAX_RESPONSE_BYTES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public BootstrapMode bootstrapMode() {
        return choice("bootstrap", BootstrapMode.DEMO);
    }

    /** {@code key} as a constant of {@code fallback}'s enum, written in the file in any case; {@code fallback} when absent. */
    private <E extends Enum<E>> E choice(String key, E fallback) {
        String v = get(key, fallback.name().toLowerCase(java.util.Locale.ROOT));
        E[] all = fallback.getDeclaringClass().getEnumConstants();
        for (E e : all) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        String names = String.join(" or ", java.util.Arrays.stream(all).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        throw new IllegalArgumentException(file + ": " + key + " must be " + names + ", not '" + v + "'");
    }

    /**
     * The commented defaults written on first start: the reference copy {@code conf/cloud.cfg},
     * packaged as a resource beside this class (one text for the launcher and the RPM).
     */
    public static final String DEFAULT_TEXT = defaultText();

    private static String defaultText() {
        try (java.io.InputStream in = CloudConfig.class.getResourceAsStream("cloud.cfg")) {
            if (in == null) {
                throw new IllegalStateException("cloud.cfg (conf/cloud.cfg) is missing from the cloud jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
