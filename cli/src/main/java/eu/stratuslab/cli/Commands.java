package eu.stratuslab.cli;

import eu.stratuslab.cli.remote.OneClient;
import eu.stratuslab.cli.remote.PdiskClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers the commands of the sub-packages share. */
public final class Commands {
    private Commands() {
    }

    public static OneClient one(CliContext ctx, CloudOptions cloud) throws CliException {
        return cloud.connect(ctx);
    }

    public static PdiskClient pdisk(CliContext ctx, PdiskOptions pdisk, CloudOptions cloud) throws CliException {
        return pdisk.connect(ctx, cloud);
    }

    public static String pdiskBase(PdiskOptions pdisk, CloudOptions cloud) throws CliException {
        return pdisk.base(cloud);
    }

    /** VM ids from the arguments, or one per line of {@code file} (blank lines ignored). */
    public static List<Integer> vmIds(List<String> args, String file) throws CliException {
        List<String> raw = new ArrayList<>(args == null ? List.of() : args);
        if (file != null) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (!line.isBlank()) {
                        raw.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (raw.isEmpty()) {
            throw new CliException("no VM id given", 2);
        }
        List<Integer> ids = new ArrayList<>();
        for (String s : raw) {
            ids.add(vmId(s));
        }
        return ids;
    }

    public static int vmId(String s) throws CliException {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new CliException("not a VM id: " + s, 2);
        }
    }
}
