package eu.stratuslab.cli.volume;

import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stratus-create-volume -s N [-t TAG] [--public]} · {@code --cow UUID} · {@code --rebase UUID} (§4.9). */
@Command(description = "Create a persistent volume, a copy-on-write snapshot (--cow) or save a snapshot as an image (--rebase).")
public final class CreateVolume extends VolumeCommand {
    static final int MAX_SIZE = 1024;

    @Option(names = {"-s", "--size"}, paramLabel = "GiB") Integer size;
    @Option(names = {"-t", "--tag"}) String tag;
    @Option(names = "--public") boolean isPublic;
    @Option(names = "--cow", paramLabel = "UUID") String cow;
    @Option(names = "--rebase", paramLabel = "UUID") String rebase;

    public CreateVolume(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        String uuid;
        if (cow != null || rebase != null) {
            if (cow != null && rebase != null) {
                throw new CliException("--cow and --rebase exclude each other", 2);
            }
            // the user's own credentials: pdisk lets viewers snapshot and owners rebase (the legacy
            // client switched to the service host's superuser and so worked only there)
            uuid = pdisk().copyOrRebase(checkUuid(cow != null ? cow : rebase));
        } else {
            if (size == null || size < 1 || size > MAX_SIZE) {
                throw new CliException("Size must be an integer between 1 and " + MAX_SIZE, 2);
            }
            uuid = pdisk().create(size, checkTag(tag), isPublic);
        }
        ctx.out().println("DISK " + uuid);
        return 0;
    }
}
