package eu.stratuslab.cli.vm;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CloudOptions;
import eu.stratuslab.cli.Commands;
import eu.stratuslab.cli.remote.OneClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus-kill-instance} ({@code finalize}, never saves an image) and
 * {@code stratus-shutdown-instance} ({@code shutdown}) — legacy-cli.md §4.3, §4.4.
 */
@Command(description = "Stop virtual machines: kill-instance destroys them at once, shutdown-instance shuts them down.")
public final class VmAction extends BaseCommand {
    private final String action;

    @Mixin CloudOptions cloud;

    @Parameters(paramLabel = "ID", arity = "0..*") List<String> ids;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "file of VM ids, one per line") String inputFile;

    public VmAction(CliContext ctx, String action) {
        super(ctx);
        this.action = action;
    }

    @Override
    protected int run() throws Exception {
        List<Integer> vmIds = Commands.vmIds(ids, inputFile);
        OneClient one = Commands.one(ctx, cloud);
        for (int id : vmIds) {
            one.action(action, id);
        }
        return 0;
    }
}
