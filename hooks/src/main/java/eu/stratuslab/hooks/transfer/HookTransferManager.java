package eu.stratuslab.hooks.transfer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.transfer.PreparedDisk;
import eu.stratuslab.core.transfer.TransferManager;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.hooks.cache.ImageCache;
import eu.stratuslab.hooks.context.ContextDisk;
import eu.stratuslab.hooks.context.ContextImageBuilder;
import eu.stratuslab.hooks.node.RegistrationFile;
import eu.stratuslab.hooks.node.VolumeAttacher;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskException;
import eu.stratuslab.hooks.pdisk.PdiskVolume;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transfer manager of the hooks (oned's TM with StratusLab's {@code tm_stratuslab}): the
 * prolog of hooks.md §3 as typed steps — disk plan, image cache and policy, per-VM copy-on-write
 * snapshot, node attachment, volatile disks, context image — and the epilog's volume detachment
 * and snapshot quarantine (§4.1, §5.1).
 *
 * <p>Crash safety: every snapshot this VM's prolog creates is written to {@code prolog.journal}
 * in the VM directory right after pdisk made it, and every attached volume is in the registration
 * file. A prolog that runs again (after {@code kill -9}) or fails first undoes what those two files
 * list, so nothing leaks and nothing is attached twice.
 */
public final class HookTransferManager implements TransferManager {
    private static final Logger LOG = LoggerFactory.getLogger(HookTransferManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAYOUT = "disks.json";
    private static final String JOURNAL = "prolog.journal";
    static final DateTimeFormatter QUARANTINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final HooksSettings settings;
    private final PdiskClient pdisk;
    private final ImageCache cache;
    private final LocalDisks local;
    private final ContextImageBuilder context;
    private final VmLog log;

    public HookTransferManager(HooksSettings settings, PdiskClient pdisk, ImageCache cache, CommandRunner runner,
                               VmLog log) {
        this.settings = settings;
        this.pdisk = pdisk;
        this.cache = cache;
        this.local = new LocalDisks(runner, settings.commandTimeout());
        this.context = new ContextImageBuilder(runner, settings.guestScripts(), settings.commandTimeout());
        this.log = log;
    }

    // =====================================================================================
    // prolog
    // =====================================================================================

    @Override
    public List<PreparedDisk> prolog(VirtualMachine vm, VmDirectory dir) throws IOException {
        DiskPlan plan = DiskPlan.of(vm.template(), vm.gid() == 0);
        String refusal = plan.firstRefusal();
        if (refusal != null) {
            throw new IOException(refusal);
        }
        undo(vm, dir); // what an interrupted earlier run left
        try {
            Files.createDirectories(dir.images());
        } catch (IOException e) {
            throw new IOException("prolog: cannot create " + dir.images() + ": " + e.getMessage(), e);
        }
        List<PreparedDisk> prepared = new ArrayList<>();
        try {
            for (DiskPlan.Disk d : plan.disks()) {
                PreparedDisk p = prepare(vm, dir, d);
                if (p != null) {
                    prepared.add(p);
                }
            }
            VectorAttribute ctx = vm.template().firstVector("CONTEXT");
            if (ctx != null) {
                Path image = dir.disk(plan.contextDiskId());
                ContextDisk c = context.build(ctx, dir.root(), image);
                prepared.add(new PreparedDisk(c.file().toString(), target(ctx.get("TARGET"), "CONTEXT"),
                        c.driverType(), c.cdrom(), c.cdrom()));
            }
            writeLayout(dir, prepared);
            return prepared;
        } catch (IOException | RuntimeException e) {
            String message = prologMessage(e);
            log.error(vm.id(), "TM", message);
            undo(vm, dir);
            throw new IOException(message, e);
        }
    }

    private PreparedDisk prepare(VirtualMachine vm, VmDirectory dir, DiskPlan.Disk d) throws IOException {
        Path file = dir.disk(d.diskId());
        Consumer<String> vmLog = line -> log.info(vm.id(), "TM", "DISK " + d.diskId() + ": " + line);
        switch (d.kind()) {
            case SKIPPED -> {
                vmLog.accept("swap of size 0 skipped");
                return null;
            }
            case SWAP -> {
                local.swap(d, file, vmLog);
                return new PreparedDisk(file.toString(), target(d.target(), "DISK " + d.diskId()), "raw", false, false);
            }
            case VOLATILE -> {
                local.volatileDisk(d, file, vmLog);
                return new PreparedDisk(file.toString(), target(d.target(), "DISK " + d.diskId()), "raw", d.readOnly(),
                        false);
            }
            case LOCAL_IMAGE -> {
                local.overlay(d, file);
                return new PreparedDisk(file.toString(), target(d.target(), "DISK " + d.diskId()), "qcow2",
                        d.readOnly(), d.cdrom());
            }
            case MARKETPLACE -> {
                return marketplaceImage(vm, dir, d, vmLog);
            }
            case PDISK -> throw new IOException("Persistent disks (" + d.source() + ") cannot be attached at boot yet");
            default -> throw new IOException(d.refusal());
        }
    }

    /** hooks.md §3.2: cached origin (policy checked), authorisation, snapshot owned by the VM owner, node attach. */
    private PreparedDisk marketplaceImage(VirtualMachine vm, VmDirectory dir, DiskPlan.Disk d, Consumer<String> vmLog)
            throws IOException {
        String id = DiskSource.marketplaceId(d.source());
        String mp = DiskSource.marketplaceOf(d.source());
        URI marketplace = mp == null ? settings.localMarketplace() : URI.create(mp);
        ImageCache.Origin origin = cache.origin(marketplace, id, vmLog);
        PdiskVolume o = origin.volume();
        if (!o.isPublic() && !o.owner().equals(vm.uname()) && !o.owner().equals(settings.pdiskSuperuser())) {
            throw new IOException("User " + vm.uname() + " is not authorized to start image " + id);
        }
        PdiskVolume snapshot = pdisk.copyOrRebase(o.uuid());
        journal(dir, snapshot.uuid());
        pdisk.update(snapshot.uuid(), Map.of("owner", vm.uname()));
        String turl = pdisk.turl(snapshot.uuid());
        Path link = attacher(vm).up(snapshot.uuid(), turl, dir, "disk." + d.diskId());
        vmLog.accept("snapshot " + snapshot.uuid() + " of origin " + o.uuid() + " attached");
        String format = Files.isRegularFile(link) ? LocalDisks.detectFormat(link) : "raw";
        return new PreparedDisk(link.toString(), target(d.target(), "DISK " + d.diskId()), format, d.readOnly(),
                d.cdrom());
    }

    private VolumeAttacher attacher(VirtualMachine vm) {
        HistoryRecord h = vm.lastHistory();
        return new VolumeAttacher(pdisk, nodeName(h == null ? null : h.hostname()));
    }

    /**
     * The node name pdisk records for a mount: the host name, or for hosts registered by libvirt URI
     * the URI's host ({@code qemu+ssh://node1/system} is node1), {@code localhost} when it has none.
     */
    static String nodeName(String hostName) {
        if (hostName == null || hostName.isBlank()) {
            return "localhost";
        }
        if (!hostName.contains("://")) {
            return hostName.strip();
        }
        try {
            String host = URI.create(hostName.strip()).getHost();
            return host == null || host.isBlank() ? "localhost" : host;
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }

    @Override
    public List<PreparedDisk> preparedDisks(VirtualMachine vm, VmDirectory dir) throws IOException {
        Path file = dir.root().resolve(LAYOUT);
        if (!Files.isRegularFile(file)) {
            throw new IOException("boot: the disks of VM " + vm.id() + " were not prepared (no " + file + ")");
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<PreparedDisk>>() { });
    }

    // =====================================================================================
    // epilog
    // =====================================================================================

    @Override
    public void epilog(VirtualMachine vm, VmDirectory dir) throws IOException {
        List<String> errors = release(vm, dir);
        removeDiskFiles(dir);
        if (!errors.isEmpty()) {
            throw new IOException("epilog: " + String.join("; ", errors));
        }
    }

    @Override
    public void epilogStop(VirtualMachine vm, VmDirectory dir) {
        // the VM's volumes stay registered and its directory stays on this (front-end) node
    }

    @Override
    public void discard(VirtualMachine vm, VmDirectory dir) {
        List<String> errors = release(vm, dir);
        errors.forEach(e -> log.error(vm.id(), "TM", "discard: " + e));
        try {
            removeDiskFiles(dir);
        } catch (IOException e) {
            log.error(vm.id(), "TM", "cannot remove the disk files: " + e.getMessage());
        }
    }

    /**
     * Detaches every registered volume (hooks.md §4.1) and quarantines this VM's snapshots (§5.1
     * step 2); every volume is attempted, errors are collected.
     */
    private List<String> release(VirtualMachine vm, VmDirectory dir) {
        List<String> errors = new ArrayList<>();
        detachRegistered(vm, dir, errors::add);
        String now = LocalDateTime.now().format(QUARANTINE_TIME);
        int before = errors.size();
        for (String snapshot : journalled(dir)) {
            try {
                pdisk.update(snapshot, Map.of("owner", settings.pdiskSuperuser(), "quarantine", now));
                log.info(vm.id(), "TM", "snapshot " + snapshot + " quarantined");
            } catch (PdiskException e) {
                if (e.status() != 404) {
                    errors.add("cannot quarantine " + snapshot + ": " + e.getMessage());
                }
            } catch (IOException e) {
                errors.add("cannot quarantine " + snapshot + ": " + e.getMessage());
            }
        }
        if (errors.size() == before) {
            try {
                Files.deleteIfExists(dir.root().resolve(JOURNAL)); // done: a later discard must not quarantine again
            } catch (IOException e) {
                errors.add("cannot remove " + JOURNAL + ": " + e.getMessage());
            }
        }
        return errors;
    }

    /** Detaches and unregisters every volume of the registration file; each failure goes to {@code errors}. */
    private void detachRegistered(VirtualMachine vm, VmDirectory dir, Consumer<String> errors) {
        VolumeAttacher attacher = attacher(vm);
        try {
            for (String uri : new RegistrationFile(dir.registrationFile()).uris()) {
                String uuid = uri.substring(uri.lastIndexOf('/') + 1);
                try {
                    attacher.down(uuid, dir, null);
                } catch (IOException e) {
                    errors.accept("cannot detach " + uuid + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            errors.accept("cannot read " + dir.registrationFile() + ": " + e.getMessage());
        }
    }

    private static void removeDiskFiles(VmDirectory dir) throws IOException {
        VmDirectory.deleteTree(dir.images());
        Files.deleteIfExists(dir.checkpoint());
    }

    // =====================================================================================
    // crash safety: journal and undo
    // =====================================================================================

    /** Detaches what is registered and deletes the snapshots the journal lists; then forgets both. */
    private void undo(VirtualMachine vm, VmDirectory dir) {
        detachRegistered(vm, dir, error -> LOG.warn("VM {}: while undoing its prolog: {}", vm.id(), error));
        for (String snapshot : journalled(dir)) {
            try {
                pdisk.delete(snapshot);
                log.info(vm.id(), "TM", "snapshot " + snapshot + " of an unfinished prolog deleted");
            } catch (PdiskException e) {
                if (e.status() != 404) {
                    log.error(vm.id(), "TM", "cannot delete snapshot " + snapshot + ": " + e.getMessage());
                }
            } catch (IOException e) {
                log.error(vm.id(), "TM", "cannot delete snapshot " + snapshot + ": " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(dir.root().resolve(JOURNAL));
            Files.deleteIfExists(dir.root().resolve(LAYOUT));
            VmDirectory.deleteTree(dir.images());
        } catch (IOException e) {
            LOG.warn("VM {}: cannot clean its directory: {}", vm.id(), e.getMessage());
        }
    }

    private static void journal(VmDirectory dir, String snapshotUuid) throws IOException {
        Files.writeString(dir.root().resolve(JOURNAL), snapshotUuid + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    private static List<String> journalled(VmDirectory dir) {
        Path file = dir.root().resolve(JOURNAL);
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).distinct().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void writeLayout(VmDirectory dir, List<PreparedDisk> disks) throws IOException {
        Path file = dir.root().resolve(LAYOUT);
        Path tmp = dir.root().resolve(LAYOUT + ".tmp");
        JSON.writeValue(tmp.toFile(), disks);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String target(String target, String what) throws IOException {
        if (target == null || target.isBlank()) {
            throw new IOException(what + " has no TARGET");
        }
        return target.strip();
    }

    private static String prologMessage(Exception e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.startsWith("prolog: ") ? m : "prolog: " + m;
    }
}
