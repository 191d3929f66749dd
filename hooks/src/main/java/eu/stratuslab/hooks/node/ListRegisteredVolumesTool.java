package eu.stratuslab.hooks.node;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code /usr/sbin/stratus-list-registered-volumes.py --vm-id <id> [--vm-dir DIR]} (pdisk-api.md §11.1):
 * prints the unique non-empty lines of {@code <vm_dir>/<id>/<register_filename>} in file order, the
 * first being the root disk. Exit 0; 1 when the file cannot be read; 2 on bad usage.
 */
public final class ListRegisteredVolumesTool {

    static final String NAME = "stratus-list-registered-volumes.py";

    private ListRegisteredVolumesTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String vmId = null;
        String vmDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            if (!name.equals("--vm-id") && !name.equals("--vm-dir")) {
                return usage(err, a.startsWith("-") ? "no such option: " + name : "unexpected argument: " + a);
            }
            if (value == null) {
                return usage(err, name + " option requires an argument");
            }
            if (!a.contains("=")) {
                i++;
            }
            if (name.equals("--vm-id")) {
                vmId = value;
            } else {
                vmDir = value;
            }
        }
        if (vmId == null || vmId.isEmpty()) {
            return usage(err, "--vm-id option is mandatory");
        }
        try {
            NodeHostConfig cfg = NodeHostConfig.load(Path.of(env.getOrDefault(PdiskClientTool.CONFIG_ENV,
                    NodeHostConfig.DEFAULT_FILE.toString())));
            Path file = (vmDir == null ? cfg.vmDir() : Path.of(vmDir)).resolve(vmId).resolve(cfg.registerFilename());
            if (!Files.isRegularFile(file)) {
                err.println("No such file or directory: '" + file + "'");
                return 1;
            }
            new RegistrationFile(file).uris().forEach(out::println);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String reason) {
        err.println("usage: " + NAME + " --vm-id ID [--vm-dir DIR]");
        err.println();
        err.println(NAME + ": error: " + reason);
        return 2;
    }
}
