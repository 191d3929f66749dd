package eu.stratuslab.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.Commands;
import eu.stratuslab.cli.remote.PdiskClient;
import eu.stratuslab.cli.vm.VmView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus-attach-volume -i VMID UUID…} and {@code stratus-detach-volume -i VMID UUID…}
 * (§4.13): hot-plug through pdisk's mounts API on the node of the VM's last history record. A
 * volume that fails is reported on its own line; the exit status is 255 when any failed.
 */
@Command(description = "Attach (hot-plug) persistent volumes to a running VM, or detach them.")
public final class MountVolume extends VolumeCommand {
    private static final int MAX_MOUNTS = 10;
    private final boolean attach;

    @Option(names = {"-i", "--instance"}, paramLabel = "VMID", required = true) String vmId;
    @Parameters(paramLabel = "UUID", arity = "1..*") List<String> uuids;

    public MountVolume(CliContext ctx, boolean attach) {
        super(ctx);
        this.attach = attach;
    }

    @Override
    protected int run() throws Exception {
        int id = Commands.vmId(vmId);
        for (String u : uuids) {
            checkUuid(u);
        }
        VmView vm = VmView.parse(Commands.one(ctx, cloud).vmInfo(id));
        if (attach && !"Running".equals(vm.stateLabel())) {
            throw new CliException("VM " + id + " is not running (" + vm.stateLabel() + ")");
        }
        String node = vm.hostname();
        if (attach && node.isEmpty()) {
            throw new CliException("VM " + id + " has no host");
        }
        PdiskClient client = pdisk();
        boolean failed = false;
        for (String u : uuids) {
            try {
                if (attach) {
                    JsonNode disk = client.get(u);
                    int count = disk == null ? 0 : Integer.parseInt(disk.path("count").asText("0"));
                    if (MAX_MOUNTS - count < 1) {
                        ctx.out().println("DISK " + u + ": Disk not available");
                        failed = true;
                        continue;
                    }
                    ctx.out().println("ATTACHED " + u + " in VM " + id + " on /dev/" + client.attach(u, node, id));
                } else {
                    ctx.out().println("DETACHED " + u + " from VM " + id + " on /dev/" + client.detach(u, id));
                }
            } catch (CliException e) {
                ctx.out().println("DISK " + u + ": " + e.getMessage());
                failed = true;
            }
        }
        return failed ? CliException.SERVER_REFUSED : 0;
    }
}
