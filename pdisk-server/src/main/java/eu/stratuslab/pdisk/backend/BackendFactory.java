package eu.stratuslab.pdisk.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import eu.stratuslab.pdisk.config.BackendSettings;
import eu.stratuslab.infra.exec.CommandRunner;

/** Builds the backend named by the {@code type} of the chosen {@code pdisk-backend.cfg} section. */
public final class BackendFactory {

    private BackendFactory() {
    }

    public static StorageBackend create(BackendSettings s, CommandRunner runner) {
        switch (s.type()) {
            case "file":
                if ("iscsi".equalsIgnoreCase(s.get("export").orElse(""))) {
                    return new IscsiBackend("file+iscsi", new RawFileBlockStore(Path.of(s.require("volume_name")), runner),
                            exporter(s, runner), portalHost(s), portalPort(s));
                }
                return new FileBackend(Path.of(s.require("volume_name")), runner, s.get("qemu_img").orElse("qemu-img"));
            case "lvm":
                return new IscsiBackend("lvm", new LvmBlockStore(s.require("volume_name"), runner,
                        Duration.ofMillis(Long.parseLong(s.get("settle_delay_ms").orElse("2000")))),
                        exporter(s, runner), portalHost(s), portalPort(s));
            case "ceph":
                return new RbdBackend(runner, s.require("identity"),
                        Arrays.stream(s.require("monitors").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList(),
                        s.require("pool_name"), s.require("snapshot_name"));
            default:
                throw new IllegalArgumentException("pdisk-backend.cfg: unsupported backend type '" + s.type()
                        + "' (supported: LVM, File, Ceph)");
        }
    }

    private static TgtExporter exporter(BackendSettings s, CommandRunner runner) {
        return new TgtExporter(runner, Path.of(s.get("iscsi_conf").orElse("/etc/stratuslab/iscsi.conf")),
                Integer.parseInt(s.get("tgt_control_port").orElse("0")));
    }

    private static int portalPort(BackendSettings s) {
        return Integer.parseInt(s.get("iscsi_port").orElse("3260"));
    }

    /** The section name is the proxy host; {@code local} means this server (§10.2). */
    static String portalHost(BackendSettings s) {
        if (s.get("turl_host").isPresent()) {
            return s.require("turl_host");
        }
        if (!"local".equals(s.proxyHost())) {
            return s.proxyHost();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

}
