package eu.stratuslab.vmmanager.node;

import eu.stratuslab.core.transfer.PreparedDisk;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.CommandTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A VM's directory on a remote node (docs/remote-nodes.md). The front-end keeps its own VM
 * directory: the hooks prepare the disks and the context image there, and keep their journals and
 * registration file there. For a node reached over ssh ({@link SshNode}) that directory is copied
 * to {@code <node VM dir>/<vmid>} before the domain starts (links followed, so pdisk file volumes
 * travel as their content) and copied back, writing through the links into the volumes, before the
 * epilog or a stop; the node's copy is then removed. Every call goes through one
 * {@link CommandRunner} with a deadline.
 */
public final class NodeFiles {
    /** Paths handed to the node's shell: absolute, no quoting or expansion characters. */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._+/-]*");

    private final CommandRunner runner;
    private final Path nodeVmDir;
    private final Duration timeout;

    /**
     * @param nodeVmDir the VM directory on every remote node (OpenNebula's VM_DIR), e.g. {@code /var/lib/one}
     * @param timeout   deadline of one ssh or scp call (copies of whole disks included)
     */
    public NodeFiles(CommandRunner runner, Path nodeVmDir, Duration timeout) {
        if (!SAFE_PATH.matcher(nodeVmDir.toString()).matches()) {
            throw new IllegalArgumentException("the node VM directory must be an absolute path of letters, digits and "
                    + "._+-/ only: " + nodeVmDir);
        }
        this.runner = runner;
        this.nodeVmDir = nodeVmDir;
        this.timeout = timeout;
    }

    /** The VM's directory on the node (a path on the node, not on this machine). */
    public VmDirectory onNode(int vmId) {
        return VmDirectory.of(nodeVmDir, vmId);
    }

    /**
     * The prepared disks with the paths of the node: a path inside the front-end's VM directory
     * becomes the same path inside the node's; network disks and other paths stay as they are.
     */
    public List<PreparedDisk> onNode(List<PreparedDisk> disks, VmDirectory local) {
        VmDirectory node = onNode(local.vmId());
        List<PreparedDisk> moved = new ArrayList<>();
        for (PreparedDisk d : disks) {
            Path p = d.network() == null ? Path.of(d.path()) : null;
            moved.add(p != null && p.startsWith(local.root())
                    ? new PreparedDisk(node.root().resolve(local.root().relativize(p)).toString(), d.target(),
                    d.driverType(), d.readOnly(), d.cdrom(), null)
                    : d);
        }
        return moved;
    }

    /**
     * Copies the front-end's VM directory to the node (what is there already is overwritten). A
     * qcow2 disk whose backing file is on the front-end (a pdisk snapshot of a cached image, the
     * overlay of a local image) goes as a self-contained copy: the node has no such backing file.
     */
    public void push(SshNode node, VmDirectory local) throws IOException {
        run(node.ssh("mkdir -p '" + nodeVmDir + "'"), "create " + nodeVmDir + " on " + node);
        List<String> argv = node.scp();
        argv.add(local.root().toString());
        argv.add(node.remote(nodeVmDir + "/"));
        run(argv, "copy " + local.root() + " to " + node);
        VmDirectory remote = onNode(local.vmId());
        if (Files.isDirectory(local.images())) {
            try (var files = Files.list(local.images())) {
                for (Path disk : files.sorted().toList()) {
                    if (hasBackingFile(disk)) {
                        pushFile(node, disk, remote.images().resolve(disk.getFileName().toString()).toString());
                    }
                }
            }
        }
    }

    /**
     * Copies the node's VM directory back over the front-end's (disks written through their links
     * into the volumes they stand for); nothing when the node has none (already moved).
     */
    public void pull(SshNode node, VmDirectory local) throws IOException {
        String dir = onNode(local.vmId()).root().toString();
        if (!exists(node, dir)) {
            return;
        }
        List<String> argv = node.scp();
        argv.add(node.remote(dir));
        argv.add(local.root().getParent().toString() + "/");
        run(argv, "copy " + dir + " back from " + node);
    }

    /** Removes the VM's directory on the node; a missing one is fine. */
    public void delete(SshNode node, int vmId) throws IOException {
        String dir = onNode(vmId).root().toString();
        run(node.ssh("rm -rf -- '" + dir + "'"), "remove " + dir + " on " + node);
    }

    /**
     * Copies one file (links followed) to {@code nodePath} on the node; a qcow2 file with a backing
     * file as a self-contained qcow2 copy made with {@code qemu-img convert}.
     */
    public void pushFile(SshNode node, Path local, String nodePath) throws IOException {
        requireSafe(nodePath);
        Path flat = null;
        if (hasBackingFile(local)) {
            flat = local.resolveSibling("." + local.getFileName() + ".flat");
            run(List.of("qemu-img", "convert", "-O", "qcow2", local.toString(), flat.toString()),
                    "make a self-contained copy of " + local);
        }
        try {
            List<String> argv = node.scp();
            argv.add((flat == null ? local : flat).toString());
            argv.add(node.remote(nodePath));
            run(argv, "copy " + local + " to " + node);
        } finally {
            if (flat != null) {
                Files.deleteIfExists(flat);
            }
        }
    }

    /** A qcow2 file ({@code QFI\xfb}) whose header names a backing file (offset at bytes 8–15 not zero). */
    static boolean hasBackingFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            return head.length == 16 && head[0] == 'Q' && head[1] == 'F' && head[2] == 'I' && head[3] == (byte) 0xfb
                    && ByteBuffer.wrap(head, 8, 8).getLong() != 0;
        }
    }

    /** Copies one file back from the node over {@code local} (through its link) and removes it there. */
    public void pullFile(SshNode node, String nodePath, Path local) throws IOException {
        requireSafe(nodePath);
        if (exists(node, nodePath)) {
            List<String> argv = node.scp();
            argv.add(node.remote(nodePath));
            argv.add(local.toString());
            run(argv, "copy " + nodePath + " back from " + node);
        }
        deleteFile(node, nodePath);
    }

    /** Removes one file on the node; a missing one is fine. */
    public void deleteFile(SshNode node, String nodePath) throws IOException {
        requireSafe(nodePath);
        run(node.ssh("rm -f -- '" + nodePath + "'"), "remove " + nodePath + " on " + node);
    }

    /** Whether {@code path} exists on the node. */
    public boolean exists(SshNode node, String path) throws IOException {
        requireSafe(path);
        CommandResult r = call(node.ssh("test -e '" + path + "'"), "look for " + path + " on " + node);
        if (r.exitCode() == 0 || r.exitCode() == 1) {
            return r.exitCode() == 0;
        }
        throw failure("look for " + path + " on " + node, r);
    }

    private void run(List<String> argv, String what) throws IOException {
        CommandResult r = call(argv, what);
        if (!r.succeeded()) {
            throw failure(what, r);
        }
    }

    private CommandResult call(List<String> argv, String what) throws IOException {
        try {
            return runner.run(argv, timeout);
        } catch (CommandTimeoutException e) {
            throw new IOException("cannot " + what + ": no answer within " + timeout.toSeconds() + " s", e);
        }
    }

    private static IOException failure(String what, CommandResult r) {
        String out = r.output().strip();
        return new IOException("cannot " + what + ": " + (out.isEmpty() ? "exit status " + r.exitCode() : out));
    }

    private static void requireSafe(String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("unsafe node path: " + path);
        }
    }
}
