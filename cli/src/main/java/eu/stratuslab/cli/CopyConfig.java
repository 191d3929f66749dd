package eu.stratuslab.cli;

import eu.stratuslab.cli.config.UserConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stratus-copy-config [--force] [-c DEST]}: the reference configuration file to the user's (§2). */
@Command(description = "Copy the reference configuration file to ~/.stratuslab/stratuslab-user.cfg.")
public final class CopyConfig extends BaseCommand {
    @Option(names = "--force", description = "overwrite an existing file") boolean force;

    public CopyConfig(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        Path dest = configFile != null ? Path.of(configFile) : ctx.home().resolve(UserConfig.DEFAULT_FILE);
        if (Files.exists(dest) && !force) {
            throw new CliException(dest + " exists; use --force to overwrite it");
        }
        try (InputStream in = CopyConfig.class.getResourceAsStream("/stratuslab-user.cfg.ref")) {
            if (dest.getParent() != null) {
                Files.createDirectories(dest.getParent());
            }
            Files.write(dest, in.readAllBytes());
        } catch (IOException e) {
            throw new CliException("cannot write " + dest + ": " + e.getMessage());
        }
        ctx.out().println("Copied the reference configuration to " + dest);
        return 0;
    }
}
