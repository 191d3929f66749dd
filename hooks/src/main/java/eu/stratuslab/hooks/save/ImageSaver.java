package eu.stratuslab.hooks.save;

import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.hooks.cache.StoredEntries;
import eu.stratuslab.hooks.node.RegistrationFile;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskVolume;
import eu.stratuslab.hooks.transfer.DiskSource;
import eu.stratuslab.infra.fault.CrashPoint;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestException;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.marketplace.manifest.MarketplaceException;
import eu.stratuslab.marketplace.manifest.SigningCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Save as a new image (hooks.md §4.2), the epilog step of a VM that ends through {@code shutdown} or
 * {@code cancel} with {@code SAVE=yes} on DISK_ID 0.
 *
 * <p>Order: everything that can be checked without changing anything comes first (the root disk is a
 * marketplace image, its manifest is at hand, the root volume is registered); then the volumes are
 * detached, the root snapshot is rebased to a {@code MACHINE_IMAGE_ORIGIN}, its SHA-1 is computed
 * where the data is and gives the new identifier, the volume is handed to the user
 * ({@code identifier}, {@code owner}, {@code seed}, {@code tag}), the draft manifest is signed with a
 * throw-away certificate and uploaded, stored for the policy, mailed, and the
 * {@code MARKETPLACE_AND_IMAGEID} line is written. The SHA-1 is taken after the rebase: the rebased
 * volume holds exactly the snapshot's bytes, but flat, so it can be read in place.
 *
 * <p>Nothing is lost on failure: before the rebase the snapshot is untouched (the VM fails and its
 * finalize quarantines it); after the rebase the new origin is kept and never quarantined.
 */
public final class ImageSaver {
    private static final Logger LOG = LoggerFactory.getLogger(ImageSaver.class);
    static final String SIGNER_CN = "Jane Tester";
    static final String SIGNER_EMAIL = "jane.tester@example.org";
    static final String UNSIGNED = "manifest-not-signed.xml";
    static final String SIGNED = "manifest.xml";
    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SaveSettings settings;
    private final PdiskClient pdisk;
    private final MarketplaceClient marketplaces;
    private final StoredEntries stored;
    private final VmLog log;
    private final Clock clock;
    private final SaveMail mail;
    private final VolumeDigest digests;
    /** one.vm.savedisk's copies; null when this site has no image repository. */
    private final DiskSaveAs diskSaveAs;

    public ImageSaver(SaveSettings settings, PdiskClient pdisk, MarketplaceClient marketplaces, StoredEntries stored,
                      VmLog log, Clock clock) {
        this(settings, pdisk, marketplaces, stored, log, clock, null);
    }

    public ImageSaver(SaveSettings settings, PdiskClient pdisk, MarketplaceClient marketplaces, StoredEntries stored,
                      VmLog log, Clock clock, DiskSaveAs diskSaveAs) {
        this.diskSaveAs = diskSaveAs;
        this.settings = settings;
        this.pdisk = pdisk;
        this.marketplaces = marketplaces;
        this.stored = stored;
        this.log = log;
        this.clock = clock;
        this.mail = new SaveMail(settings);
        this.digests = new VolumeDigest(pdisk);
    }

    /**
     * The saved image.
     *
     * @param identifier  the new 27-character id
     * @param uuid        the pdisk volume now holding it ({@code MACHINE_IMAGE_ORIGIN}, owned by the user)
     * @param marketplace where its signed draft manifest was uploaded
     */
    public record Saved(String identifier, String uuid, URI marketplace) {
    }

    /**
     * The copies {@code one.vm.savedisk} asked for (before anything is detached: the disks are read
     * through the VM directory); each failure is returned, the epilog goes on.
     */
    public List<String> saveMarkedDisks(VirtualMachine vm, VmDirectory dir) {
        if (diskSaveAs != null) {
            return diskSaveAs.save(vm, dir);
        }
        return DiskSaveAs.marked(vm).isEmpty() ? List.of() : List.of("one.vm.savedisk: this site has no image repository");
    }

    /**
     * The VM's disks are thrown away without an epilog (finalize, resubmit): the images savedisk
     * registered stay empty (ERROR), and what an interrupted save journalled no longer applies.
     */
    public void discarded(VirtualMachine vm, VmDirectory dir) {
        if (diskSaveAs != null) {
            diskSaveAs.abandon(vm);
        }
        try {
            new SaveJournal(dir.root().resolve(SaveJournal.FILE)).delete();
        } catch (IOException e) {
            LOG.warn("VM {}: cannot remove {}: {}", vm.id(), SaveJournal.FILE, e.getMessage());
        }
    }

    /**
     * Saves the root disk when the VM asks for it; does nothing otherwise.
     *
     * @param detachAll detaches every registered volume of the VM (hooks.md §4.1; it collects its own
     *                  errors): run once the checks passed, before the root volume is read
     * @param keep      told the uuid of a volume that must leave the VM's list of snapshots to
     *                  quarantine (a backend that rebases in place turns the snapshot itself into the image)
     * @return the saved image, empty when the VM did not ask
     * @throws IOException with the message of hooks.md §9 (without the {@code epilog: } prefix)
     */
    public Optional<Saved> saveIfRequested(VirtualMachine vm, VmDirectory dir, Runnable detachAll,
                                           Consumer<String> keep) throws IOException {
        Optional<SaveRequest> asked = SaveRequest.of(vm.template());
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        SaveRequest request = asked.get();
        // checks first: nothing changes when one fails
        Origin origin = origin(request.rootSource());
        SaveJournal journal = new SaveJournal(dir.root().resolve(SaveJournal.FILE));
        try {
            return Optional.of(save(vm, dir, request, origin, journal, detachAll, keep));
        } catch (IOException | RuntimeException e) {
            journal.delete(); // a failure is final (the VM fails); only a crash leaves the journal for a re-run
            throw e;
        }
    }

    private Saved save(VirtualMachine vm, VmDirectory dir, SaveRequest request, Origin origin, SaveJournal journal,
                       Runnable detachAll, Consumer<String> keep) throws IOException {
        int id = vm.id();
        String rootUuid = journal.root().orElse(null); // an epilog run again after a crash
        if (rootUuid == null) {
            rootUuid = rootVolume(dir);
        }
        ManifestEntry originEntry = originEntry(origin, rootUuid, line -> log.info(id, "TM", line));
        URI target = uploadTarget(request, origin);
        log.info(id, "TM", "saving the root disk (volume " + rootUuid + ", image " + origin.id() + ") as a new image");

        journal.recordRoot(rootUuid);
        detachAll.run();
        PdiskVolume saved = rebased(journal, rootUuid);
        CrashPoint.reach("save.rebased"); // fault-injection tests kill the cloud here (journal written)
        if (saved.uuid().equals(rootUuid)) {
            keep.accept(rootUuid);
        }
        log.info(id, "TM", "root snapshot " + rootUuid + " rebased to origin " + saved.uuid());

        VolumeDigest.Digest digest = digests.of(saved.uuid());
        String newId = ImageIdentifier.fromSha1Hex(digest.sha1Hex());
        Map<String, String> handOver = new LinkedHashMap<>();
        handOver.put("identifier", newId);
        handOver.put("owner", vm.uname());
        handOver.put("seed", "on");
        handOver.put("tag", request.value(SaveRequest.NEWIMAGE_TITLE));
        pdisk.update(saved.uuid(), handOver);
        log.info(id, "TM", "volume " + saved.uuid() + ": SHA-1 " + digest.sha1Hex() + " of " + digest.bytes()
                + " bytes, identifier " + newId + ", owner " + vm.uname());

        Instant now = clock.instant();
        ManifestEntry draft = DraftManifest.build(originEntry, request,
                new DraftManifest.SavedImage(newId, digest.sha1Hex(), digest.bytes(), settings.location(saved.uuid())),
                now, settings.validityDays());
        Path work = Files.createTempDirectory(dir.root(), "save-");
        try {
            byte[] unsigned = draft.toXml();
            Files.write(work.resolve(UNSIGNED), unsigned);
            byte[] signed = sign(draft, work);
            Files.write(work.resolve(SIGNED), signed);
            URI entryUrl;
            try {
                entryUrl = marketplaces.upload(target, signed);
            } catch (MarketplaceException e) {
                throw new IOException("cannot upload the manifest of the new image " + newId + ": " + e.getMessage(), e);
            }
            log.info(id, "TM", "manifest of " + newId + " uploaded: " + entryUrl);
            storeForPolicy(id, saved.uuid(), signed);
            mail(vm, request, newId, saved.uuid(), target, unsigned);
            if (!request.value(SaveRequest.MSG_TYPE).isEmpty()) {
                log.write(id, "TM", VmLog.Level.W, "MSG_TYPE " + request.value(SaveRequest.MSG_TYPE)
                        + ": this site publishes no messages for saved images");
            }
            log.info(id, "TM", "tm_save_cache: MARKETPLACE_AND_IMAGEID " + target + " " + newId);
            journal.delete();
            return new Saved(newId, saved.uuid(), target);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Step 4, once: a rebase that an earlier run of this epilog finished (the process died after it)
     * is found through the journal instead of rebasing again.
     */
    private PdiskVolume rebased(SaveJournal journal, String rootUuid) throws IOException {
        Optional<String> earlier = journal.rebased();
        if (earlier.isPresent()) {
            PdiskVolume v = pdisk.find(earlier.get());
            if (v != null && "MACHINE_IMAGE_ORIGIN".equals(v.type())) {
                return v;
            }
        }
        PdiskVolume saved = pdisk.copyOrRebase(rootUuid);
        journal.recordRebased(saved.uuid());
        return saved;
    }

    // ------------------------------------------------------------------------------- the checks

    /** The image the root disk was started from. */
    record Origin(String id, URI marketplace) {
    }

    /**
     * hooks.md §4.2 step 5: the root SOURCE must be a marketplace image. A bare id is accepted too
     * (it is a marketplace image at {@code marketplace_endpoint_local}, §3.1).
     */
    Origin origin(String rootSource) throws IOException {
        DiskSource kind = DiskSource.classify(rootSource);
        if (kind == DiskSource.MARKETPLACE) {
            return new Origin(DiskSource.marketplaceId(rootSource), URI.create(DiskSource.marketplaceOf(rootSource)));
        }
        if (kind == DiskSource.MARKETPLACE_ID && ImageIdentifier.isIdentifier(rootSource)) {
            return new Origin(rootSource, settings.localMarketplace());
        }
        throw new IOException("Image saving needs a marketplace image as root disk");
    }

    /** Step 1: the first URI of the registration file is the root volume. */
    private static String rootVolume(VmDirectory dir) throws IOException {
        List<String> uris = new RegistrationFile(dir.registrationFile()).uris();
        if (uris.isEmpty()) {
            throw new IOException("Image saving found no root volume: " + dir.registrationFile() + " lists none");
        }
        String uri = uris.get(0);
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /**
     * Step 6's starting point: the first current entry of the origin image; when its marketplace has
     * none (or cannot be reached), the entries stored when the origin was cached (§3.2 step 5).
     */
    private ManifestEntry originEntry(Origin origin, String rootUuid, Consumer<String> vmLog) throws IOException {
        FetchResult fetched = marketplaces.fetch(origin.marketplace(), origin.id());
        if (!fetched.entries().isEmpty()) {
            return fetched.entries().get(0);
        }
        vmLog.accept("manifest of " + origin.id() + " from " + origin.marketplace() + ": " + fetched.message());
        PdiskVolume snapshot = pdisk.find(rootUuid);
        if (snapshot != null && snapshot.identifier().startsWith("snapshot:")) {
            List<ManifestEntry> kept = stored.load(snapshot.identifier().substring("snapshot:".length()));
            if (!kept.isEmpty()) {
                vmLog.accept("using the manifest entry stored with the cached origin of " + origin.id());
                return kept.get(0);
            }
        }
        throw new IOException("Failed to get manifest for image " + origin.id());
    }

    /** Step 8: the first of NEWIMAGE_MARKETPLACE, marketplace_endpoint_local, the origin's, the public one. */
    private URI uploadTarget(SaveRequest request, Origin origin) throws IOException {
        List<String> candidates = new ArrayList<>();
        candidates.add(request.value(SaveRequest.NEWIMAGE_MARKETPLACE));
        candidates.add(settings.localMarketplace().toString());
        candidates.add(origin.marketplace().toString());
        candidates.add(SaveSettings.DEFAULT_MARKETPLACE);
        String first = candidates.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElseThrow();
        try {
            URI u = URI.create(first);
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IOException("NEWIMAGE_MARKETPLACE is not a marketplace URL: " + first);
        }
    }

    // ------------------------------------------------------------------------------- the work

    /**
     * Step 6: a throw-away certificate ({@code Jane Tester}, valid {@code built_image_validity_period}
     * days), kept only in a PKCS#12 file under a random 6-character password, which signs the draft.
     */
    private byte[] sign(ManifestEntry draft, Path work) throws IOException {
        SigningCredentials throwAway = ManifestSigner.throwAwayCertificate(SIGNER_CN, SIGNER_EMAIL,
                settings.validityDays());
        char[] password = randomPassword();
        Path keyStore = work.resolve("signer.p12");
        throwAway.writePkcs12(keyStore, password);
        try {
            return new ManifestSigner(SigningCredentials.readPkcs12(keyStore, password)).signToXml(draft);
        } catch (ManifestException e) {
            throw new IOException("cannot sign the manifest of the new image: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
            Files.deleteIfExists(keyStore);
        }
    }

    static char[] randomPassword() {
        char[] p = new char[6];
        for (int i = 0; i < p.length; i++) {
            p[i] = PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length()));
        }
        return p;
    }

    /** Step 9: the new origin's entry for the policy of later deployments (§3.2 step 4). */
    private void storeForPolicy(int vmId, String uuid, byte[] signed) {
        try {
            stored.store(uuid, List.of(ManifestEntry.parse(signed)));
        } catch (IOException | ManifestException e) {
            // the marketplace has the entry; only a later outage would need this copy
            log.write(vmId, "TM", VmLog.Level.W, "cannot keep the manifest of origin " + uuid + ": " + e.getMessage());
        }
    }

    /** Step 10: only with CREATOR_EMAIL; a failure is logged, not fatal. */
    private void mail(VirtualMachine vm, SaveRequest request, String newId, String uuid, URI marketplace,
                      byte[] unsigned) {
        String to = request.value(SaveRequest.CREATOR_EMAIL);
        if (to.isEmpty()) {
            return;
        }
        try {
            mail.send(to, newId, uuid, marketplace.toString(), unsigned);
            log.info(vm.id(), "TM", "mail about " + newId + " sent to " + to);
        } catch (Exception e) { // jakarta.mail reports some failures unchecked; none may fail the save
            LOG.warn("VM {}: mail about image {} to {} through {}:{} failed: {}", vm.id(), newId, to,
                    settings.smtpHost(), settings.smtpPort(), e.toString());
            log.error(vm.id(), "TM", "cannot send the mail about " + newId + " to " + to + " through "
                    + settings.smtpHost() + ":" + settings.smtpPort() + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot remove temporary file {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot remove temporary directory {}: {}", dir, e.getMessage());
        }
    }
}
