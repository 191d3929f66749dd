package eu.stratuslab.cli.vm;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.CloudOptions;
import eu.stratuslab.cli.Commands;
import eu.stratuslab.cli.remote.OneClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-describe-instance [-v|-vvv] [-n] [ID…]} (legacy-cli.md §4.2, §7). */
@Command(description = "Show the state of virtual machines.")
public final class DescribeInstance extends BaseCommand {
    @Mixin CloudOptions cloud;

    @Parameters(paramLabel = "ID", arity = "0..*") List<String> ids;

    @Option(names = {"-v", "--verbose"}, description = "-v: error messages of failed VMs; -vvv ID: every attribute")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-n", "--numeric"}, description = "show IP addresses instead of host names") boolean numeric;

    @Option(names = {"-m", "--multi"}, description = "every cloud of the 'endpoints' configuration entry (lines: endpoint user password)")
    boolean multi;

    @Option(names = "--endpoint-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "bound of each call with -m (configuration key endpoint_timeout)")
    int endpointTimeout;

    public DescribeInstance(CliContext ctx) {
        super(ctx);
    }

    public CloudOptions cloudOptions() {
        return cloud;
    }

    @Override
    protected int run() throws Exception {
        if (multi) {
            return runOnEveryEndpoint();
        }
        OneClient one = Commands.one(ctx, cloud);
        List<VmView> vms = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            vms.addAll(VmView.parsePool(one.ownVms()));
        } else {
            for (String id : ids) {
                vms.add(VmView.parse(one.vmInfo(Commands.vmId(id))));
            }
        }
        if (verbose.length >= 3) {
            if (vms.size() != 1) {
                throw new CliException("-vvv shows one VM: give exactly one ID", 2);
            }
            VmView vm = vms.get(0);
            for (Map.Entry<String, String> e : vm.flatten().entrySet()) {
                ctx.out().println(e.getKey() + " = " + e.getValue());
            }
            ctx.out().println("state_summary = " + vm.stateLabel());
            return 0;
        }
        UnaryOperator<String> hostOf = numeric ? ip -> ip : DescribeInstance::reverseDns;
        ctx.out().print(DescribeTable.render(vms, hostOf, verbose.length >= 1));
        return 0;
    }

    /**
     * {@code -m}: one table per line of the {@code endpoints} key, each headed {@code :: <endpoint>};
     * a cloud that fails or does not answer within the timeout gets an error line and the others
     * are still shown (exit status 255 when any failed).
     */
    private int runOnEveryEndpoint() throws Exception {
        String lines = config.get("endpoints").orElseThrow(
                () -> new CliException("-m needs the 'endpoints' configuration key (lines: endpoint username password)", 2));
        UnaryOperator<String> hostOf = numeric ? ip -> ip : DescribeInstance::reverseDns;
        boolean failed = false;
        for (String line : lines.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (line.isBlank()) {
                continue;
            }
            if (parts.length != 3) {
                throw new CliException("'endpoints' lines are: endpoint username password", 2);
            }
            ctx.out().println(":: " + parts[0]);
            try {
                OneClient one = OneClient.connect(parts[0], parts[1], parts[2], () -> cloud.tlsForDownloads(ctx),
                        java.time.Duration.ofSeconds(endpointTimeout));
                ctx.out().print(DescribeTable.render(VmView.parsePool(one.ownVms()), hostOf, verbose.length >= 1));
            } catch (CliException e) {
                ctx.err().println("Error: " + parts[0] + ": " + e.getMessage());
                failed = true;
            }
        }
        return failed ? CliException.SERVER_REFUSED : 0;
    }

    static String reverseDns(String ip) {
        try {
            return InetAddress.getByName(ip).getCanonicalHostName();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
