package eu.stratuslab.cloud;

import eu.stratuslab.quarantine.Quarantine;
import eu.stratuslab.quarantine.QuarantineCleaner;
import eu.stratuslab.quarantine.QuarantinedVolume;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./stratuslab quarantine [--home DIR] list | restore UUID [OWNER] | clean}: the
 * administrator's view of the quarantine of a cloud home (hooks.md §5), talking to its pdisk as the
 * superuser with the credentials and endpoint the running cloud wrote.
 * <ul>
 *   <li>{@code list}: one line per quarantined volume — UUID, quarantine stamp, expiry, previous
 *       owner, VM, identifier, tag;</li>
 *   <li>{@code restore UUID [OWNER]}: gives the volume back to its recorded previous owner (or to
 *       OWNER) and clears its quarantine stamp, before the cleanup takes it;</li>
 *   <li>{@code clean}: one cleanup run now (its run line goes to the cleanup log).</li>
 * </ul>
 */
public final class QuarantineCommand {
    static final String USAGE = """
            usage: ./stratuslab quarantine [--home DIR | --root DIR] list
                   ./stratuslab quarantine [--home DIR] restore UUID [OWNER]
                   ./stratuslab quarantine [--home DIR] clean
            (default DIR: ~/.stratuslab/cloud; the cloud must be running)""";

    private QuarantineCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status: 0 done, 1 refused or failed, 2 bad usage */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Paths.get(System.getProperty("user.home"), ".stratuslab", "cloud");
        boolean system = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home", "--root" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, args[i] + " needs a directory");
                    }
                    system = args[i].equals("--root"); // the installed layout (stratuslab-quarantine)
                    dir = Paths.get(args[++i]);
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            return usage(err, "a command is needed");
        }
        String command = words.get(0);
        boolean valid = switch (command) {
            case "list", "clean" -> words.size() == 1;
            case "restore" -> words.size() == 2 || words.size() == 3;
            default -> false;
        };
        if (!valid) {
            return usage(err, "unknown command or wrong arguments: " + String.join(" ", words));
        }
        CloudHome home = new CloudHome(dir.toAbsolutePath(), system);
        try (Quarantine quarantine = open(home)) {
            switch (command) {
                case "list" -> list(quarantine, out);
                case "restore" -> {
                    QuarantinedVolume v = quarantine.restore(words.get(1), words.size() == 3 ? words.get(2) : null);
                    out.println("RESTORED " + v.uuid() + " to " + v.previousOwner());
                }
                default -> {
                    QuarantineCleaner.Report r = quarantine.cleanOnce();
                    out.println("CLEANED " + r.volumesDeleted() + " volume(s), " + r.filesDeleted() + " file(s)");
                    r.errors().forEach(e -> err.println("quarantine: " + e));
                    return r.errors().isEmpty() ? 0 : 1;
                }
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("quarantine: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("quarantine: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static void list(Quarantine quarantine, PrintStream out) throws java.io.IOException {
        out.println("UUID\tQUARANTINED\tEXPIRES\tPREVIOUS_OWNER\tVM\tIDENTIFIER\tTAG");
        for (QuarantinedVolume v : quarantine.volumes()) {
            out.println(String.join("\t", v.uuid(), v.quarantine(),
                    v.expires() == null ? "never (unreadable stamp)"
                            : DateTimeFormatter.ISO_INSTANT.format(v.expires().truncatedTo(ChronoUnit.SECONDS)),
                    v.previousOwner().isEmpty() ? "-" : v.previousOwner(), v.vmId() < 0 ? "-" : Integer.toString(v.vmId()),
                    v.identifier().isEmpty() ? "-" : v.identifier(), v.tag()));
        }
    }

    /** The quarantine of the cloud in {@code home}, reaching pdisk as the running cloud does. */
    private static Quarantine open(CloudHome home) throws Exception {
        RunningCloud cloud = RunningCloud.of(home);
        URI embeddedPdisk = URI.create(cloud.requireEndpoint("pdisk"));
        CloudConfig cfg = CloudConfig.load(home.cloudCfg());
        return QuarantinePart.open(home, HooksPart.pdiskClient(home, cfg, cloud.credentials(), cloud.serverTrust(),
                embeddedPdisk), HooksPart.pdiskSuperuser(home));
    }

    private static int usage(PrintStream err, String error) {
        err.println("stratuslab quarantine: " + error);
        err.println(USAGE);
        return 2;
    }
}
