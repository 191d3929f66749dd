package eu.stratuslab.pdisk.service;

import java.util.ArrayList;
import java.util.List;

import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Hot-plugs a volume into a running VM by running the node tool over ssh (pdisk-api.md §11.3),
 * never with {@code --register}: the server records the mount itself. When not {@code enabled}
 * (disk.store.cloud.node.hotplug = none) mounts are only recorded.
 */
public record NodeHotplug(CommandRunner runner, String sshKeyFile, String admin, String nodeTool, boolean enabled) {

    public void attach(String node, String pdiskUri, String target, String vmId, String turl, String uuid) {
        if (!enabled) {
            return;
        }
        runner.runChecked(argv(node, "up", pdiskUri, target, vmId, turl, uuid), "Unable to attach persistent disk");
    }

    public void detach(String node, String pdiskUri, String target, String vmId, String turl, String uuid) {
        if (!enabled) {
            return;
        }
        runner.runChecked(argv(node, "down", pdiskUri, target, vmId, turl, uuid), "Unable to detach persistent disk");
    }

    List<String> argv(String node, String op, String pdiskUri, String target, String vmId, String turl, String uuid) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-p", "22", "-o", "ConnectTimeout=5", "-o",
                "StrictHostKeyChecking=no", "-i", sshKeyFile, admin + "@" + node, nodeTool, "--op", op, "--attach",
                "--mark", "--link", "--mount", "--pdisk-id", pdiskUri, "--target", target, "--vm-id", vmId, "--turl",
                turl, "--vm-disk-name", uuid));
        return argv;
    }
}
