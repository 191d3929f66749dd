package eu.stratuslab.cloud;

import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskQuarantineStore;
import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.quarantine.Quarantine;
import eu.stratuslab.quarantine.QuarantineSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The quarantine of an embedded cloud (hooks.md §5): {@code quarantine.cfg} in the cloud's etc
 * directory (written with a location under the cloud home when missing), the fallback period of
 * {@code stratuslab.cfg [quarantine] quarantine_period}, pdisk reached as its superuser like the
 * hooks, and the cleanup's run log {@code var/log/one/one-quarantine-cleanup.log}.
 */
final class QuarantinePart {
    private QuarantinePart() {
    }

    static Path runLog(CloudHome home) {
        return home.logs().resolve("one/one-quarantine-cleanup.log");
    }

    static void writeMissing(CloudHome home) throws IOException {
        CloudHome.writeIfMissing(home.quarantineCfg(), """
                # Quarantine of finished VMs (hooks.md §5.3; reference: conf/quarantine.cfg), shell style KEY=value.
                # Quarantine period: a number with optional unit m, h or d (s also accepted); a bare number means hours.
                # Without PERIOD, stratuslab.cfg [quarantine] quarantine_period applies (bare number = minutes).
                PERIOD=48
                # Where finished VM directories are kept during the period (/var/lib/one/quarantine on a system install).
                LOCATION=%s
                # How often the cleanup runs; a bare number means minutes.
                CLEANUP_INTERVAL=15m
                # COMMAND=/usr/sbin/tmpwatch   (legacy; ignored)
                """.formatted(home.varLibOne().resolve("quarantine").toAbsolutePath()), false);
    }

    /** Reads the settings; a bad value is an error naming the file and the key. */
    static QuarantineSettings settings(CloudHome home) throws IOException {
        IniFile site = IniFile.load(home.stratuslabCfg());
        String fallback = site.get("quarantine", "quarantine_period").filter(v -> !v.isBlank()).orElse(null);
        return QuarantineSettings.load(home.quarantineCfg(), fallback);
    }

    /** The quarantine (its cleanup not started yet) talking to pdisk through {@code pdisk}. */
    static Quarantine open(CloudHome home, PdiskClient pdisk, String superuser) throws IOException {
        return new Quarantine(settings(home), new PdiskQuarantineStore(pdisk, superuser), runLog(home),
                Clock.systemDefaultZone());
    }
}
