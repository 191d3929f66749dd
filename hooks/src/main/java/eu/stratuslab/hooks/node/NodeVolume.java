package eu.stratuslab.hooks.node;

import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node tool's {@code --op up} and {@code --op down} (pdisk-api.md §11.1) for one volume, with the
 * actions chosen by {@link Actions}. Both the command-line tool ({@link PdiskClientTool}) and the
 * in-process prolog/epilog ({@link VolumeAttacher}) run volumes through this class, so every step
 * exists once.
 *
 * <p>Up runs check, register, attach, mark, link, mount in that order and undoes the steps already
 * done, in reverse, when one fails. Down runs unmount, unlink, detach, unmark, unregister; every step
 * is tried and the first failure is reported.
 */
public final class NodeVolume {
    private static final Logger LOG = LoggerFactory.getLogger(NodeVolume.class);

    /**
     * @param check    {@code GET …/mounts/} must be empty (unless {@code --no-check})
     * @param register a {@code static} mount in pdisk
     * @param attach   the transport's attach (iSCSI login, RBD map)
     * @param mark     the URI in the VM's registration file
     * @param link     {@code <vm_dir>/<vmid>/images/<disk name>} → device
     * @param linkTo   a further link path, or null
     * @param mount    {@code virsh attach-disk one-<vmid> <link> <target>}
     */
    public record Actions(boolean check, boolean register, boolean attach, boolean mark, boolean link, Path linkTo,
                          boolean mount) {
    }

    /**
     * Where the steps act.
     *
     * @param node             the node name pdisk records with a registered mount
     * @param vmId             the VM (null when no action needs it)
     * @param registrationFile {@code <vm_dir>/<vmid>/<register_filename>}, null when not marking
     * @param vmLink           {@code <vm_dir>/<vmid>/images/<disk name>}, null when not linking
     * @param target           guest device for {@code --mount}, e.g. {@code vdz}
     */
    public record Place(String node, Integer vmId, Path registrationFile, Path vmLink, String target) {
    }

    private final PdiskClient pdisk;
    private final VolumeUri volume;
    private final VolumeTransport transport;
    private final CommandRunner runner;
    private final Consumer<String> progress;

    /**
     * @param transport how the volume reaches this node; null when neither attach nor link is asked
     * @param runner   runs {@code virsh} for {@code --mount} (unused otherwise)
     * @param progress one line per step, as the original printed them on stderr
     */
    public NodeVolume(PdiskClient pdisk, VolumeUri volume, VolumeTransport transport, CommandRunner runner,
                      Consumer<String> progress) {
        this.pdisk = pdisk;
        this.volume = volume;
        this.transport = transport;
        this.runner = runner;
        this.progress = progress;
    }

    private interface Step {
        void run() throws IOException;
    }

    /** @return the device or file the volume is on, on this node */
    public Path up(Actions a, Place p) throws IOException {
        Deque<Step> undo = new ArrayDeque<>();
        try {
            if (a.check()) {
                progress.accept("Checking for existing mount...");
                if (!pdisk.mounts(volume.uuid()).isEmpty()) {
                    throw new IOException("volume already mounted");
                }
            }
            if (a.register()) {
                progress.accept("Registering mount with pdisk service...");
                pdisk.register(volume.uuid(), p.node(), p.vmId());
                undo.push(() -> pdisk.unregister(volume.uuid(), p.vmId()));
            }
            Path device = transport == null ? null : transport.device(); // null: neither attach nor link asked
            if (a.attach()) {
                progress.accept("Attaching disk to hypervisor...");
                device = transport.attach();
                undo.push(transport::detach);
            }
            if (a.mark()) {
                progress.accept("Marking pdisk in volume list file...");
                RegistrationFile file = new RegistrationFile(p.registrationFile());
                file.append(volume.text());
                undo.push(() -> file.remove(volume.text()));
            }
            if (a.linkTo() != null) {
                progress.accept("Linking disk to " + a.linkTo());
                link(device, a.linkTo());
                undo.push(() -> Files.deleteIfExists(a.linkTo()));
            }
            if (a.link()) {
                progress.accept("Linking disk for virtual machine...");
                link(device, p.vmLink());
                undo.push(() -> Files.deleteIfExists(p.vmLink()));
                progress.accept("Created link: " + p.vmLink());
            }
            if (a.mount()) {
                progress.accept("Mounting disk on virtual machine...");
                virsh("attach-disk", "one-" + p.vmId(), p.vmLink().toString(), p.target());
            }
            return device;
        } catch (IOException | RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (IOException | RuntimeException r) {
                    LOG.warn("rollback of {} failed: {}", volume.uuid(), r.getMessage());
                }
            }
            throw e;
        }
    }

    public void down(Actions a, Place p) throws IOException {
        List<Step> steps = new java.util.ArrayList<>();
        if (a.mount()) {
            steps.add(() -> {
                progress.accept("Unmount the disk from the virtual machine...");
                virsh("detach-disk", "one-" + p.vmId(), p.target());
            });
        }
        if (a.link() || a.linkTo() != null) {
            steps.add(() -> {
                progress.accept("Unlink the disk from the virtual machine...");
                if (a.link()) {
                    Files.deleteIfExists(p.vmLink());
                }
                if (a.linkTo() != null) {
                    Files.deleteIfExists(a.linkTo());
                }
            });
        }
        if (a.attach()) {
            steps.add(() -> {
                progress.accept("Detach the disk from the hypervisor...");
                transport.detach();
            });
        }
        if (a.mark()) {
            steps.add(() -> {
                progress.accept("Unmarking pdisk in volume list file...");
                new RegistrationFile(p.registrationFile()).remove(volume.text());
            });
        }
        if (a.register()) {
            steps.add(() -> {
                progress.accept("Remove mount from the pdisk service...");
                pdisk.unregister(volume.uuid(), p.vmId());
            });
        }
        IOException first = null;
        for (Step s : steps) {
            try {
                s.run();
            } catch (IOException e) {
                first = first == null ? e : first;
                LOG.warn("detaching {}: {}", volume.uuid(), e.getMessage());
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Replaces {@code link} by a symbolic link to {@code device} and refuses a broken result. */
    static void link(Path device, Path link) throws IOException {
        Files.createDirectories(link.toAbsolutePath().getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, device);
        if (!Files.exists(link)) {
            Files.deleteIfExists(link);
            throw new IOException("link: created broken symlink from " + device + " to " + link);
        }
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("link: failed to create symlink " + link);
        }
    }

    private void virsh(String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("sudo", "/usr/bin/virsh"));
        argv.addAll(List.of(args));
        CommandResult r = runner.run(argv, Duration.ofMinutes(2));
        if (!r.succeeded()) {
            throw new IOException((args[0].startsWith("attach") ? "mount: error mounting disk on hypervisor ("
                    : "unmount: error dismounting disk from hypervisor (") + r.exitCode() + ")");
        }
    }
}
