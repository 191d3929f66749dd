package eu.stratuslab.cli.vm;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.CloudOptions;
import eu.stratuslab.cli.Commands;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-connect-instance ID}: {@code ssh root@<IP>} on port 22 (legacy-cli.md §4.5). */
@Command(description = "Open an ssh session as root on a virtual machine.")
public final class ConnectInstance extends BaseCommand {
    @Mixin CloudOptions cloud;

    @Parameters(index = "0", paramLabel = "ID") String id;

    @Option(names = "--dry-run", description = "print the ssh command instead of running it") boolean dryRun;

    public ConnectInstance(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        VmView vm = VmView.parse(Commands.one(ctx, cloud).vmInfo(Commands.vmId(id)));
        String ip = vm.text("TEMPLATE/NIC/IP");
        if (ip.isEmpty()) {
            throw new CliException("VM " + id + " has no IP address");
        }
        List<String> command = List.of("ssh", "-p", "22", "root@" + ip);
        if (dryRun) {
            ctx.out().println(String.join(" ", command));
            return 0;
        }
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
