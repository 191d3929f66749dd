package eu.stratuslab.hooks.node;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a volume reaches this node, chosen by its TURL {@code <scheme>://<server>/<image>} (pdisk-api.md
 * §9, §11.1 step 3): {@code file} needs nothing, {@code iscsi} logs in with iscsiadm, {@code rbd} maps
 * the image. {@link #device()} is what {@code --link} points to.
 */
public sealed interface VolumeTransport {

    /** Makes the volume available on this node and returns {@link #device()}. */
    Path attach() throws IOException;

    /** Undoes {@link #attach()}. */
    void detach() throws IOException;

    /** The file or block device of the volume on this node. */
    Path device();

    Pattern TURL = Pattern.compile("(?<scheme>[^:/]+)://(?<server>[^/]*)/(?<image>.*)");

    /** The default TURL of pdisk-api.md §11.1 when {@code --turl} is empty. */
    static String defaultTurl(VolumeUri volume) {
        return "iscsi://" + volume.host() + ":3260/iqn.2011-01.eu.stratuslab:" + volume.uuid() + ":1";
    }

    /** The transport of a TURL; commands (iscsiadm, rbd) go through {@code runner}. */
    static VolumeTransport of(String turl, NodeHostConfig cfg, CommandRunner runner) throws IOException {
        Matcher m = TURL.matcher(turl.strip());
        if (!m.matches()) {
            throw new IOException("TURL " + turl + " does not match protocol://server/protocol-options");
        }
        String scheme = m.group("scheme").toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "file" -> new File(Path.of((m.group("server").isEmpty() ? "" : "/" + m.group("server")) + "/"
                    + m.group("image")));
            case "iscsi" -> Iscsi.of(turl.strip(), m.group("server"), m.group("image"), cfg, runner);
            case "rbd" -> new Rbd(m.group("image"), cfg, runner);
            default -> throw new IOException("Protocol " + m.group("scheme") + " not supported");
        };
    }

    /** File backend: the volume file itself, shared with the node. */
    record File(Path device) implements VolumeTransport {
        @Override
        public Path attach() throws IOException {
            if (!Files.exists(device, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("volume file " + device + " does not exist on this node");
            }
            return device;
        }

        @Override
        public void detach() {
            // nothing was attached
        }
    }

    /**
     * iSCSI (LVM/tgt, NetApp): node record and login per target; several LUNs of one target are
     * counted in {@code <volume_mgmt_dir>/<ip>-<port>-<iqn>/<TURL with / replaced by ->} so the last
     * one out logs out.
     */
    record Iscsi(String turl, String portalIp, String port, String iqn, String lun, NodeHostConfig cfg,
                 CommandRunner runner) implements VolumeTransport {

        static Iscsi of(String turl, String server, String image, NodeHostConfig cfg, CommandRunner runner)
                throws IOException {
            int colon = server.lastIndexOf(':');
            String host = colon < 0 ? server : server.substring(0, colon);
            String port = colon < 0 ? "3260" : server.substring(colon + 1);
            int lunCut = image.lastIndexOf(':');
            if (lunCut <= 0 || host.isEmpty()) {
                throw new IOException("TURL " + turl + " does not name an iSCSI target and LUN (<iqn>:<lun>)");
            }
            return new Iscsi(turl, InetAddress.getByName(host).getHostAddress(), port, image.substring(0, lunCut),
                    image.substring(lunCut + 1), cfg, runner);
        }

        @Override
        public Path device() {
            return Path.of("/dev/disk/by-path/ip-" + portalIp + ":" + port + "-iscsi-" + iqn + "-lun-" + lun);
        }

        private Path targetRecord() {
            return cfg.volumeMgmtDir().resolve(portalIp + "-" + port + "-" + iqn);
        }

        private CommandResult iscsiadm(String... args) {
            List<String> argv = new java.util.ArrayList<>(List.of("sudo", cfg.iscsiadm()));
            argv.addAll(List.of(args));
            return runner.run(argv, Duration.ofMinutes(2));
        }

        private String[] node(String... op) {
            return Stream.concat(Stream.of("--mode", "node", "--portal", portalIp + ":" + port, "--target", iqn),
                    Stream.of(op)).toArray(String[]::new);
        }

        @Override
        public Path attach() throws IOException {
            CommandResult r = iscsiadm(node("-o", "new"));
            if (!r.succeeded()) {
                throw new IOException("attach: error registering iSCSI disk with hypervisor (" + r.exitCode() + ")");
            }
            r = iscsiadm(node("--login"));
            if (r.exitCode() == 15) { // already logged in: another LUN of this target
                r = iscsiadm("--mode", "session", "--rescan");
                if (!r.succeeded()) {
                    throw new IOException("attach: error rescanning in iSCSI disk session (" + r.exitCode() + ")");
                }
            } else if (!r.succeeded()) {
                throw new IOException("attach: error logging in iSCSI disk session (" + r.exitCode() + ")");
            }
            Files.createDirectories(targetRecord().resolve(turl.replace('/', '-')));
            for (int tries = 0; !Files.exists(device()); tries++) {
                if (tries >= 5) {
                    throw new IOException("attach: storage path (" + device() + ") did not appear");
                }
                pause();
                iscsiadm("--mode", "session", "--rescan");
            }
            return device();
        }

        @Override
        public void detach() throws IOException {
            Files.deleteIfExists(targetRecord().resolve(turl.replace('/', '-')));
            boolean othersUseTarget;
            try (Stream<Path> s = Files.isDirectory(targetRecord()) ? Files.list(targetRecord()) : Stream.empty()) {
                othersUseTarget = s.findAny().isPresent();
            }
            if (othersUseTarget || !cfg.iscsiDisconnect()) {
                return;
            }
            for (String[] op : List.of(node("--logout"), node("-o", "delete"))) {
                CommandResult r = iscsiadm(op);
                if (!r.succeeded() && r.exitCode() != 15 && r.exitCode() != 21) { // 15, 21: no session / no record
                    throw new IOException("detach: error detaching iSCSI disk from node (" + r.exitCode() + ")");
                }
            }
            for (int tries = 0; Files.exists(device()); tries++) {
                if (tries >= 5) {
                    throw new IOException("detach: storage path (" + device() + ") did not disappear");
                }
                pause();
            }
            Files.deleteIfExists(targetRecord());
        }

        private static void pause() throws IOException {
            try {
                TimeUnit.SECONDS.sleep(1); // udev creates/removes by-path links asynchronously
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the iSCSI device", e);
            }
        }
    }

    /** Ceph RBD: the kernel client maps {@code <pool>/<image>} to {@code <devices>/<pool>/<image>}. */
    record Rbd(String image, NodeHostConfig cfg, CommandRunner runner) implements VolumeTransport {
        @Override
        public Path device() {
            return cfg.rbdDevices().resolve(image);
        }

        @Override
        public Path attach() throws IOException {
            CommandResult r = runner.run(List.of("sudo", cfg.rbdBinary(), "--id", cfg.rbdIdentity(), "map", image),
                    Duration.ofMinutes(2));
            if (!r.succeeded()) {
                throw new IOException("attach: error mapping RBD image to the host (" + r.exitCode() + ")");
            }
            return device();
        }

        @Override
        public void detach() throws IOException {
            CommandResult r = runner.run(List.of("sudo", cfg.rbdBinary(), "--id", cfg.rbdIdentity(), "unmap",
                    device().toString()), Duration.ofMinutes(2));
            if (!r.succeeded()) {
                throw new IOException("detach: error unmapping RBD image from the host (" + r.exitCode() + ")");
            }
        }
    }
}
