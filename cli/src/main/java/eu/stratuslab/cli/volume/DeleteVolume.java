package eu.stratuslab.cli.volume;

import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.remote.PdiskClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stratus-delete-volume UUID…} (§4.12). */
@Command(description = "Delete persistent volumes.")
public final class DeleteVolume extends VolumeCommand {
    @Parameters(paramLabel = "UUID", arity = "1..*") List<String> uuids;

    public DeleteVolume(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        for (String u : uuids) {
            checkUuid(u);
        }
        PdiskClient client = pdisk();
        for (String u : uuids) {
            ctx.out().println("DELETED " + client.delete(u));
        }
        return 0;
    }
}
