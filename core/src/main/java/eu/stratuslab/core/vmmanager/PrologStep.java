package eu.stratuslab.core.vmmanager;

import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The prolog until the image-cache and pdisk hooks exist (hooks.md §3): in
 * {@code <varDir>/<vmid>/images/} a qcow2 overlay per local image DISK (oneadmin group only),
 * swap and volatile files, and the context image. Marketplace and pdisk sources are refused with
 * a message that says what is missing. Running it again replaces what a previous run left.
 */
final class PrologStep {
    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private final NodeTools tools;
    private final ContextImage context;
    private final VmLog log;

    PrologStep(NodeTools tools, VmLog log) {
        this.tools = tools;
        this.context = new ContextImage(tools);
        this.log = log;
    }

    /** @throws IOException with the TEMPLATE/ERROR/MESSAGE text ("prolog: …") */
    void run(VirtualMachine vm, VmDirectory dir) throws IOException {
        Template t = vm.template();
        DiskPlan plan = DiskPlan.of(t, vm.gid() == 0);
        String refusal = plan.firstRefusal();
        if (refusal != null) {
            throw new IOException(refusal);
        }
        try {
            Files.createDirectories(dir.images());
        } catch (IOException e) {
            throw new IOException("prolog: cannot create " + dir.images() + ": " + e.getMessage(), e);
        }
        for (DiskPlan.Disk d : plan.disks()) {
            Path file = dir.disk(d.diskId());
            switch (d.kind()) {
                case SKIPPED -> log.info(vm.id(), "TM", "DISK " + d.diskId() + ": swap of size 0 skipped");
                case SWAP -> {
                    sparse(file, d.sizeMb());
                    if (NodeTools.available("mkswap")) {
                        tools.run(List.of("mkswap", file.toString()));
                    } else {
                        log.info(vm.id(), "TM", "DISK " + d.diskId() + ": mkswap not installed, swap file left raw");
                    }
                }
                case VOLATILE -> {
                    sparse(file, d.sizeMb());
                    makeFileSystem(vm.id(), d, file);
                }
                case LOCAL_IMAGE -> overlay(d, file);
                default -> throw new IOException("prolog: DISK " + d.diskId() + " cannot be prepared");
            }
            restrict(file);
        }
        VectorAttribute ctx = t.firstVector("CONTEXT");
        if (ctx != null) {
            Path image = dir.disk(plan.contextDiskId());
            context.build(ctx, dir, image);
            restrict(image);
        }
    }

    private void overlay(DiskPlan.Disk d, Path file) throws IOException {
        Path source = Path.of(d.source());
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new IOException("prolog: disk image not found or not readable: " + d.source());
        }
        String format = d.format() != null && (d.format().equals("raw") || d.format().equals("qcow2"))
                ? d.format() : detectFormat(source);
        Files.deleteIfExists(file);
        try {
            tools.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", format, "-b",
                    source.toAbsolutePath().toString(), file.toString()));
        } catch (IOException e) {
            throw new IOException("prolog: cannot create the overlay of DISK " + d.diskId() + ": " + e.getMessage(), e);
        }
    }

    /** qcow2 files start with "QFI\xfb"; everything else is used as raw. */
    static String detectFormat(Path source) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(source)) {
            int n = in.readNBytes(head, 0, 4);
            return n == 4 && Arrays.equals(head, QCOW_MAGIC) ? "qcow2" : "raw";
        }
    }

    private void makeFileSystem(int vmId, DiskPlan.Disk d, Path file) throws IOException {
        String fs = d.format().toLowerCase(Locale.ROOT);
        if (fs.equals("raw")) {
            return;
        }
        String mkfs = "mkfs." + fs;
        if (!fs.matches("[a-z0-9]+") || !NodeTools.available(mkfs)) {
            log.info(vmId, "TM", "DISK " + d.diskId() + ": " + mkfs + " not available, volatile disk left unformatted");
            return;
        }
        List<String> cmd = fs.startsWith("ext") ? List.of(mkfs, "-F", "-q", file.toString()) : List.of(mkfs, file.toString());
        try {
            tools.run(cmd);
        } catch (IOException e) {
            throw new IOException("prolog: cannot format DISK " + d.diskId() + " as " + fs + ": " + e.getMessage(), e);
        }
    }

    private static void sparse(Path file, long sizeMb) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(sizeMb * 1024 * 1024);
        }
    }

    /** ug+rw, o-rwx (hooks.md §3.5). */
    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            // not fatal: the directory is private to the service account anyway
        }
    }
}
