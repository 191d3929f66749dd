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
import eu.stratuslab.hooks.node.NetworkVolumes;
import eu.stratuslab.hooks.node.RegistrationFile;
import eu.stratuslab.hooks.node.VolumeAttacher;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskException;
import eu.stratuslab.hooks.pdisk.PdiskVolume;
import eu.stratuslab.hooks.save.ImageSaver;
import eu.stratuslab.hooks.save.SaveRequest;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.quarantine.FinishedVm;
import eu.stratuslab.quarantine.Quarantine;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import eu.stratuslab.infra.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transfer manager of the hooks (oned's TM with StratusLab's {@code tm_stratuslab}): the
 * prolog of hooks.md §3 as typed steps — disk plan, image cache and policy, per-VM copy-on-write
 * snapshot, node attachment, volatile disks, context image — and the epilog's volume detachment
 * (§4.1), after which the quarantine module takes the VM's snapshots and directory (§5.1).
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
    private static final java.util.regex.Pattern PDISK_UUID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final HooksSettings settings;
    private final PdiskClient pdisk;
    private final ImageCache cache;
    private final LocalDisks local;
    private final ContextImageBuilder context;
    private final VmLog log;
    /** Save as a new image (hooks.md §4.2); null on a site that does not save images. */
    private final ImageSaver saver;
    private final Quarantine quarantine;
    private final Metrics metrics;
    /** Timer of the prolog and epilog steps: tags {@code phase} (prolog, epilog), {@code step}, {@code outcome}. */
    public static final String STEP_METER = "stratuslab.transfer.step";

    /** @param quarantine takes the snapshots and the directory of every VM whose directory is removed */
    public HookTransferManager(HooksSettings settings, PdiskClient pdisk, ImageCache cache, CommandRunner runner,
                               VmLog log, Quarantine quarantine) {
        this(settings, pdisk, cache, runner, log, null, quarantine);
    }

    /**
     * @param saver      saves root disks marked SAVE=yes as new images; null on a site that does not
     * @param quarantine takes the snapshots and the directory of every VM whose directory is removed
     */
    public HookTransferManager(HooksSettings settings, PdiskClient pdisk, ImageCache cache, CommandRunner runner,
                               VmLog log, ImageSaver saver, Quarantine quarantine) {
        this(settings, pdisk, cache, runner, log, saver, quarantine, Metrics.none());
    }

    /** @param metrics times every prolog and epilog step ({@value #STEP_METER}) */
    public HookTransferManager(HooksSettings settings, PdiskClient pdisk, ImageCache cache, CommandRunner runner,
                               VmLog log, ImageSaver saver, Quarantine quarantine, Metrics metrics) {
        this.metrics = Metrics.orNone(metrics);
        this.saver = saver;
        this.settings = settings;
        this.pdisk = pdisk;
        this.cache = cache;
        this.local = new LocalDisks(runner, settings.commandTimeout());
        this.context = new ContextImageBuilder(runner, settings.guestScripts(), settings.commandTimeout());
        this.log = log;
        this.quarantine = quarantine;
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
                PreparedDisk p = metrics.time(STEP_METER, () -> prepare(vm, dir, d), "phase", "prolog",
                        "step", d.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (p != null) {
                    prepared.add(p);
                }
            }
            VectorAttribute ctx = vm.template().firstVector("CONTEXT");
            if (ctx != null) {
                Path image = dir.disk(plan.contextDiskId());
                ContextDisk c = metrics.time(STEP_METER, () -> context.build(ctx, dir.root(), image), "phase", "prolog",
                        "step", "context");
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
            case PDISK -> {
                return persistentDisk(vm, dir, d, vmLog);
            }
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
        PreparedDisk networkDisk = networkDisk(vm, dir, snapshot.uuid(), turl, d, d.readOnly());
        if (networkDisk != null) {
            vmLog.accept("snapshot " + snapshot.uuid() + " of origin " + o.uuid() + " registered, opened by the "
                    + "hypervisor at " + networkDisk.path());
            return networkDisk;
        }
        Path link = attacher(vm).up(snapshot.uuid(), turl, dir, "disk." + d.diskId());
        vmLog.accept("snapshot " + snapshot.uuid() + " of origin " + o.uuid() + " attached");
        String format = Files.isRegularFile(link) ? LocalDisks.detectFormat(link) : "raw";
        return new PreparedDisk(link.toString(), target(d.target(), "DISK " + d.diskId()), format, d.readOnly(),
                d.cdrom());
    }

    /**
     * hooks.md §3.4: a user's pdisk volume (any URI form of pdisk-api.md §9), always reached through
     * the internal endpoint; the owner check and the type rules before anything is attached. The
     * volume is only registered and linked, never journalled: undo and epilog detach it, nothing
     * deletes or quarantines it.
     */
    private PreparedDisk persistentDisk(VirtualMachine vm, VmDirectory dir, DiskPlan.Disk d, Consumer<String> vmLog)
            throws IOException {
        String uuid = DiskSource.pdiskUuid(d.source());
        if (!PDISK_UUID.matcher(uuid).matches()) {
            throw new IOException("Unsupported disk source: " + d.source());
        }
        PdiskVolume v = pdisk.find(uuid);
        if (v == null) {
            throw new IOException("Persistent disk " + uuid + " does not exist");
        }
        if (!mayUse(vm.uname(), v)) {
            throw new IOException("User " + vm.uname() + " is not authorized to use disk " + uuid);
        }
        boolean readOnly = d.readOnly();
        if (d.diskId() == 0) {
            if (!"MACHINE_IMAGE_LIVE".equals(v.type())) {
                throw new IOException("Only a live persistent disk can be booted from.");
            }
            if (v.count() != 0) {
                throw new IOException("User count must be zero to boot from persistent disk " + uuid + ".");
            }
        } else if ("DATA_IMAGE_RAW_READONLY".equals(v.type())) {
            readOnly = true; // §3.4 item 6
        } else if (!"DATA_IMAGE_RAW_READ_WRITE".equals(v.type())) {
            throw new IOException("Persistent disk " + uuid + " has type " + v.type()
                    + "; only DATA_IMAGE_RAW_READONLY or DATA_IMAGE_RAW_READ_WRITE can be attached.");
        }
        String turl = pdisk.turl(uuid);
        PreparedDisk networkDisk = networkDisk(vm, dir, uuid, turl, d, readOnly);
        if (networkDisk != null) {
            vmLog.accept("persistent disk " + uuid + " registered, opened by the hypervisor at " + networkDisk.path()
                    + (readOnly ? " read-only" : ""));
            return networkDisk;
        }
        Path link = attacher(vm).up(uuid, turl, dir, "disk." + d.diskId());
        vmLog.accept("persistent disk " + uuid + " attached" + (readOnly ? " read-only" : ""));
        String format = Files.isRegularFile(link) ? LocalDisks.detectFormat(link) : "raw";
        return new PreparedDisk(link.toString(), target(d.target(), "DISK " + d.diskId()), format, readOnly,
                d.cdrom());
    }

    /** §3.4 item 3: the owner in either form (identity or account name), a PUBLIC disk, or pdisk's own. */
    private boolean mayUse(String uname, PdiskVolume v) {
        String owner = v.owner();
        return v.isPublic() || owner.equals(uname) || owner.equals(settings.pdiskSuperuser())
                || java.net.URLEncoder.encode(owner, StandardCharsets.UTF_8).equals(uname);
    }

    /**
     * A volume the hypervisor opens itself (an iSCSI LUN, {@link NetworkVolumes}): its mount registered and
     * the registration file marked, no device on the node; null for volumes attached on the node.
     */
    private PreparedDisk networkDisk(VirtualMachine vm, VmDirectory dir, String uuid, String turl, DiskPlan.Disk d,
                                     boolean readOnly) throws IOException {
        PreparedDisk.NetworkSource network = NetworkVolumes.of(turl);
        if (network == null) {
            return null;
        }
        attacher(vm).registerOnly(uuid, dir);
        return new PreparedDisk(turl, target(d.target(), "DISK " + d.diskId()), "raw", readOnly, d.cdrom(), network);
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
        // save-as first: it reads the root volume before the volumes are detached; it throws when the
        // save fails, and then nothing is quarantined (the finalize does it, hooks.md §4.2); a saved
        // snapshot leaves the journal, so it never reaches the quarantine
        List<String> errors = new ArrayList<>(epilogStep("save", () -> saveAsNewImage(vm, dir)));
        errors.addAll(epilogStep("release", () -> release(vm, dir)));
        errors.addAll(epilogStep("quarantine", () -> quarantine(vm, dir, snapshotsOf(dir), false))); // §5.1: the last step
        if (!errors.isEmpty()) {
            throw new IOException("epilog: " + String.join("; ", errors));
        }
    }

    /** One timed epilog step; a step that reports errors counts as {@code outcome=error}. */
    private List<String> epilogStep(String step, Metrics.Work<List<String>, IOException> work) throws IOException {
        long start = System.nanoTime();
        List<String> errors = null;
        try {
            errors = work.run();
            return errors;
        } finally {
            metrics.record(STEP_METER, System.nanoTime() - start, errors != null && errors.isEmpty() ? "ok" : "error",
                    "phase", "epilog", "step", step);
        }
    }

    // ---- save as a new image (hooks.md §4.2); the work is in save.ImageSaver -------------------

    /**
     * Copies the disks {@code one.vm.savedisk} marked, then saves the root disk when DISK_ID 0 says
     * {@code SAVE=yes}, detaching every volume first. A failed root save fails the epilog before
     * anything is quarantined, so the snapshot is kept.
     *
     * @return the errors (savedisk copies, detaching) to report with the epilog's own
     */
    private List<String> saveAsNewImage(VirtualMachine vm, VmDirectory dir) throws IOException {
        List<String> errors = new ArrayList<>();
        try {
            if (saver == null) {
                if (SaveRequest.of(vm.template()).isPresent()) {
                    throw new IOException("image saving is not configured on this site");
                }
                return errors;
            }
            errors.addAll(saver.saveMarkedDisks(vm, dir));
            saver.saveIfRequested(vm, dir, () -> detachRegistered(vm, dir, errors::add),
                    saved -> forgetJournalled(dir, saved));
            return errors;
        } catch (IOException | RuntimeException e) {
            List<String> all = new ArrayList<>();
            all.add(e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage());
            all.addAll(errors);
            String message = "epilog: " + String.join("; ", all);
            log.error(vm.id(), "TM", message);
            throw new IOException(message, e);
        }
    }

    /** Takes a snapshot that became a saved image off the journal, so it is never quarantined. */
    private static void forgetJournalled(VmDirectory dir, String uuid) {
        Path file = dir.root().resolve(JOURNAL);
        try {
            List<String> left = journalled(dir).stream().filter(s -> !s.equals(uuid)).toList();
            Path tmp = dir.root().resolve(JOURNAL + ".tmp");
            Files.write(tmp, left.stream().map(s -> s + "\n").toList().stream().reduce("", String::concat)
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot take " + uuid + " off " + file, e);
        }
    }

    @Override
    public void epilogStop(VirtualMachine vm, VmDirectory dir) {
        // the VM's volumes stay registered and its directory stays on the front-end (a remote node's
        // copy was moved back by the VM manager before this call, docs/remote-nodes.md)
    }

    @Override
    public void discard(VirtualMachine vm, VmDirectory dir) {
        if (saver != null) {
            saver.discarded(vm, dir); // finalize never saves (hooks.md §4.2)
        }
        List<String> volumes = snapshotsOf(dir);
        List<String> errors = release(vm, dir);
        errors.addAll(quarantine(vm, dir, volumes, true)); // hooks.md §5.1: the last chance, the directory moves
        errors.forEach(e -> log.error(vm.id(), "TM", "discard: " + e));
    }

    /** Detaches every registered volume (hooks.md §4.1); every volume is attempted, errors are collected. */
    private List<String> release(VirtualMachine vm, VmDirectory dir) {
        List<String> errors = new ArrayList<>();
        detachRegistered(vm, dir, errors::add);
        return errors;
    }

    // =====================================================================================
    // quarantine (hooks.md §5.1): the quarantine module's work, called once at the end
    // =====================================================================================

    /**
     * The VM's snapshot volumes and its directory go into quarantine. With {@code finalAttempt}
     * false (the epilog) a volume that cannot be quarantined leaves the directory in place, so a
     * finalize of the FAILED VM tries again.
     *
     * @return the problems, for the hook's failure message
     */
    private List<String> quarantine(VirtualMachine vm, VmDirectory dir, List<String> volumes, boolean finalAttempt) {
        List<String> errors = quarantine.quarantineVm(new FinishedVm(vm.id(), vm.uname(), dir.root(), volumes,
                finalAttempt));
        if (errors.isEmpty()) {
            log.info(vm.id(), "TM", "snapshots and VM directory quarantined");
        }
        return errors.stream().map(e -> "quarantine: " + e).toList();
    }

    /**
     * The UUIDs of the volumes this VM had: the registration file (boot-time, hot-plugged and
     * snapshot volumes) and the prolog's journal of snapshots.
     */
    /**
     * The volumes the quarantine looks at: the snapshots this VM's prolog made (journalled). A volume
     * the user brought as a {@code pdisk:} disk stays the user's, even a {@code MACHINE_IMAGE_LIVE}
     * one whose identifier is {@code snapshot:…} (a persistent root disk): the rule "the
     * user's volumes keep their owner" wins over hooks.md §5.1 step 2 (docs/decisions.md).
     */
    private static List<String> snapshotsOf(VmDirectory dir) {
        return List.copyOf(new LinkedHashSet<>(journalled(dir)));
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
