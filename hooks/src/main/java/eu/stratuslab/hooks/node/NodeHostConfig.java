package eu.stratuslab.hooks.node;

import eu.stratuslab.infra.config.IniFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /etc/stratuslab/pdisk-host.conf} (pdisk-api.md §11.2), the node tool's settings. Missing keys
 * take the spec's defaults; a missing file means all defaults (then the password must come from
 * {@code --password}).
 */
public record NodeHostConfig(String pdiskUser, String pdiskPassword, String registerFilename, Path vmDir,
                             Path volumeMgmtDir, String iscsiadm, boolean iscsiDisconnect, String rbdBinary,
                             Path rbdDevices, String rbdIdentity) {

    public static final Path DEFAULT_FILE = Path.of("/etc/stratuslab/pdisk-host.conf");

    public static NodeHostConfig defaults() {
        return of(IniFile.parse(""));
    }

    public static NodeHostConfig load(Path file) throws IOException {
        return Files.isRegularFile(file) ? of(IniFile.load(file)) : defaults();
    }

    static NodeHostConfig of(IniFile ini) {
        String registerFilename = value(ini, "main", "register_filename", "pdisk");
        return new NodeHostConfig(
                value(ini, "main", "pdisk_user", "pdisk"),
                value(ini, "main", "pdisk_passwd", ""),
                registerFilename,
                Path.of(value(ini, "main", "vm_dir", "/var/lib/one")),
                Path.of(value(ini, "main", "volume_mgmt_dir", "/var/run/stratuslab")),
                value(ini, "iscsi", "iscsiadm", "/sbin/iscsiadm"),
                !"false".equalsIgnoreCase(value(ini, "iscsi", "disconnect", "true")),
                value(ini, "rbd", "binary", "/usr/bin/rbd"),
                Path.of(value(ini, "rbd", "devices", "/dev/rbd")),
                value(ini, "rbd", "identity", "cloud"));
    }

    private static String value(IniFile ini, String section, String key, String fallback) {
        return ini.find(key, section).map(String::strip).orElse(fallback);
    }
}
