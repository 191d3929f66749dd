package eu.stratuslab.marketplace.server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.Manifest;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestException;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.SigningCredentials;

/**
 * The marketplace without HTTP: stores signed entries that anyone posts, answers the current
 * entries of an image, and publishes the administrator's images (computing identifier, size and
 * checksum, and signing the entry with the marketplace's key). The {@link MarketplaceHandler}
 * serves it over HTTP; the launcher may call {@link #publish} directly.
 *
 * <p>Storage under the configured directory: {@code metadata/<id>/<email>/<created>.xml} (one
 * signed entry per file) and {@code images/<id>} or {@code images/<id>.gz} (stored images).
 */
public final class MarketplaceService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceService.class);
    private static final Pattern IMAGE_FILE = Pattern.compile("^[A-Za-z0-9_-]{27}(\\.gz)?$");
    private static final int BUFFER = 64 * 1024;
    private static final String SIGNER_NAME = "StratusLab marketplace";

    private final MarketplaceConfig config;
    private final Clock clock;
    private final EntryStore entries;
    private final Path images;
    private final ImageDownloader downloader;
    private final ManifestSigner signer;
    private volatile URI endpoint;

    public MarketplaceService(MarketplaceConfig config) throws IOException {
        this(config, Clock.systemUTC());
    }

    /** @param clock decides which entries are current and stamps published entries */
    public MarketplaceService(MarketplaceConfig config, Clock clock) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!EntryRules.isEndorserEmail(config.endorserEmail())) {
            throw new IllegalArgumentException("the endorser e-mail '" + config.endorserEmail()
                    + "' is not a plain e-mail address");
        }
        this.entries = new EntryStore(config.directory().resolve("metadata"));
        this.images = config.directory().resolve("images");
        Files.createDirectories(images);
        removeLeftoverTemporaryFiles();
        this.downloader = new ImageDownloader(config.downloadConnectTimeout(), config.downloadTimeout());
        SigningCredentials credentials = config.signingCredentials().orElseGet(() ->
                ManifestSigner.throwAwayCertificate(SIGNER_NAME, config.endorserEmail(), config.validityDays()));
        this.signer = new ManifestSigner(credentials);
        this.endpoint = config.publicEndpoint().map(MarketplaceService::withoutTrailingSlash).orElse(null);
    }

    private void removeLeftoverTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(images)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- endpoint

    /**
     * The URL clients reach the marketplace at (image locations, entry URLs): the configured public
     * endpoint, else the one the server set at start.
     */
    public URI endpoint() {
        URI e = endpoint;
        if (e == null) {
            throw new IllegalStateException("the marketplace endpoint is not known: configure a public endpoint"
                    + " or start the MarketplaceServer first");
        }
        return e;
    }

    /**
     * Sets the endpoint when no public endpoint is configured ({@link MarketplaceServer#start()}
     * calls it with its own address; a launcher mounting {@link MarketplaceServer#newContext} on
     * its own server calls it with that server's URL).
     */
    public void useEndpointIfUnset(URI serverEndpoint) {
        if (endpoint == null) {
            endpoint = withoutTrailingSlash(serverEndpoint);
        }
    }

    private static URI withoutTrailingSlash(URI u) {
        return URI.create(u.toString().replaceAll("/+$", ""));
    }

    /** {@code <endpoint>/metadata/<id>/<email>/<created>}. */
    public URI entryUri(StoredEntry e) {
        URI base = endpoint();
        try {
            return new URI(base.getScheme(), base.getAuthority(), base.getPath() + "/metadata/" + e.path(), null, null);
        } catch (URISyntaxException x) {
            throw new IllegalStateException("cannot build the URL of " + e.path(), x);
        }
    }

    /** {@code <endpoint>/metadata/<id>}. */
    public URI imageUri(String identifier) {
        return URI.create(endpoint() + "/metadata/" + identifier);
    }

    // ---------------------------------------------------------------- reading

    /** Per endorser, the latest non-deprecated entry still valid now (hooks.md §6); empty when none. */
    public List<StoredEntry> current(String identifier) {
        return entries.current(identifier, clock.instant());
    }

    /** {@link #current} of every image. */
    public List<StoredEntry> currentAll() {
        return entries.currentAll(clock.instant());
    }

    /** One entry by its address, current or not. */
    public Optional<StoredEntry> entry(String identifier, String endorser, String created) {
        return entries.get(identifier, endorser, created);
    }

    /** A stored image file by its name ({@code <id>} or {@code <id>.gz}). */
    public Optional<Path> imageFile(String name) {
        if (name == null || !IMAGE_FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path p = images.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    // ---------------------------------------------------------------- posting signed entries

    /**
     * Stores the signed entries of a posted document (a bare {@code rdf:RDF} or a
     * {@code <metadata>} with several). Every entry must carry a valid enveloped signature (signer
     * certificate valid now), the required elements, an endorser e-mail and a SHA-1 checksum that
     * yields its identifier. Nothing is stored unless every entry passes.
     *
     * @throws MarketplaceRequestException 400 (bad entry), 409 (an other entry with the same
     *         identifier, endorser and creation time exists), 413 (too large)
     */
    public List<StoredEntry> accept(byte[] xml) throws MarketplaceRequestException, IOException {
        if (xml.length > config.maxManifestBytes()) {
            throw new MarketplaceRequestException(413, "manifest too large: more than " + config.maxManifestBytes()
                    + " bytes");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(xml, config.maxManifestBytes());
        } catch (ManifestException e) {
            throw MarketplaceRequestException.badRequest(e.getMessage());
        }
        if (manifest.isEmpty()) {
            throw MarketplaceRequestException.badRequest("the manifest holds no rdf:RDF entry");
        }
        Instant now = clock.instant();
        List<StoredEntry> checked = new ArrayList<>();
        for (int i = 0; i < manifest.entries().size(); i++) {
            String prefix = manifest.entries().size() == 1 ? "" : "entry " + (i + 1) + ": ";
            try {
                checked.add(checkSigned(manifest.entries().get(i), now));
            } catch (MarketplaceRequestException e) {
                throw new MarketplaceRequestException(e.status(), prefix + e.getMessage());
            }
        }
        for (StoredEntry e : checked) {
            if (entries.put(e, false) == EntryStore.PutOutcome.CONFLICT) {
                throw new MarketplaceRequestException(409, "another entry of image " + e.identifier() + " by "
                        + e.endorser() + " created " + e.createdKey() + " already exists");
            }
            LOG.info("stored marketplace entry {}", e.path());
        }
        return checked;
    }

    private StoredEntry checkSigned(ManifestEntry entry, Instant now) throws MarketplaceRequestException {
        X509Certificate signer;
        try {
            signer = ManifestSigner.verify(entry.toXml(), now);
        } catch (ManifestException e) {
            throw MarketplaceRequestException.badRequest("signature check failed: " + e.getMessage());
        }
        StoredEntry key = EntryRules.checkPostable(entry);
        if (config.signerMustBeEndorser()) {
            Optional<String> signerEmail = SigningCredentials.emailOf(signer);
            if (signerEmail.isEmpty() || !signerEmail.get().equalsIgnoreCase(key.endorser())) {
                throw MarketplaceRequestException.badRequest("the endorser " + key.endorser()
                        + " is not the signer of the entry (" + signerEmail.orElse("no e-mail in the certificate") + ")");
            }
        }
        return key;
    }

    // ---------------------------------------------------------------- administrator publishing

    /**
     * Publishes an image for the administrator: computes identifier, size and SHA-1 of the
     * uncompressed image, writes a complete entry endorsed by the configured e-mail (created now,
     * valid for the configured days, {@code dcterms:compression} {@code gz} or {@code none}), signs
     * it with the marketplace's key and stores it, replacing an entry with the same address.
     * Stored images (uploads, local files) are served at {@code <endpoint>/images/<id>[.gz]}.
     *
     * @throws MarketplaceRequestException 400 (unreadable, empty or invalid gzip image, download
     *         failure), 413 (larger than the configured cap)
     */
    public PublishResult publish(ImageSource source, ImageDescription description)
            throws MarketplaceRequestException, IOException {
        Objects.requireNonNull(description, "description");
        Image image;
        try {
            if (source instanceof ImageSource.Upload upload) {
                image = storeStream(upload.stream());
            } else if (source instanceof ImageSource.LocalFile local) {
                image = storeFile(local.file());
            } else {
                ImageSource.Location remote = (ImageSource.Location) source;
                image = new Image(downloader.download(remote.uri(), body -> digest(body, remote.gzip())),
                        remote.uri().toString(), remote.gzip());
            }
        } catch (Streams.TooLargeException e) {
            throw new MarketplaceRequestException(413, e.getMessage());
        } catch (Streams.ClientBodyException e) {
            throw MarketplaceRequestException.badRequest("the upload was interrupted: " + e.getMessage());
        }
        if (image.digest.bytes == 0) {
            throw MarketplaceRequestException.badRequest("the image is empty");
        }
        String id = ImageIdentifier.fromSha1Hex(image.digest.sha1Hex);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ManifestEntry entry = description.describe(ManifestEntry.newEntry(id)
                .withBytes(image.digest.bytes)
                .withSha1(image.digest.sha1Hex)
                .withCreated(now)
                .withEndorserEmail(config.endorserEmail())
                .withValid(now.plus(Duration.ofDays(config.validityDays()))),
                id, image.gzip ? "gz" : "none", image.location);
        StoredEntry stored;
        try {
            stored = EntryRules.keyOf(signer.sign(entry));
        } catch (ManifestException e) {
            throw new IOException("cannot sign the entry of image " + id + ": " + e.getMessage(), e);
        }
        entries.put(stored, true);
        LOG.info("published image {} ({} bytes, sha1 {}) at {}", id, image.digest.bytes, image.digest.sha1Hex,
                image.location);
        return new PublishResult(id, imageUri(id), entryUri(stored), image.location, stored);
    }

    private record Digest(String sha1Hex, long bytes) {
    }

    private record Image(Digest digest, String location, boolean gzip) {
    }

    /** SHA-1 and size of the (decompressed, when {@code gzip}) content. */
    private Digest digest(InputStream raw, boolean gzip) throws IOException, MarketplaceRequestException {
        MessageDigest sha1 = sha1();
        long total = 0;
        try {
            InputStream in = Streams.capped(raw, config.maxImageBytes(), "the image");
            if (gzip) {
                in = Streams.capped(new GZIPInputStream(in, BUFFER), config.maxImageBytes(), "the uncompressed image");
            }
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha1.update(buffer, 0, n);
                total += n;
            }
        } catch (ZipException | EOFException e) {
            throw MarketplaceRequestException.badRequest("the image is not a valid gzip stream: " + e.getMessage());
        }
        return new Digest(HexFormat.of().formatHex(sha1.digest()), total);
    }

    private Image storeStream(InputStream upload) throws IOException, MarketplaceRequestException {
        Path tmp = temporaryFile();
        try {
            BufferedInputStream in = new BufferedInputStream(
                    Streams.capped(upload, config.maxImageBytes(), "the image"), BUFFER);
            boolean gzip = startsLikeGzip(in);
            Digest digest;
            if (gzip) {
                writeDurably(in, tmp);
                try (InputStream stored = Files.newInputStream(tmp)) {
                    digest = digest(stored, true);
                }
            } else {
                MessageDigest sha1 = sha1();
                long bytes = writeDurably(new DigestInputStream(in, sha1), tmp);
                digest = new Digest(HexFormat.of().formatHex(sha1.digest()), bytes);
            }
            return keep(tmp, digest, gzip);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Image storeFile(Path file) throws IOException, MarketplaceRequestException {
        if (!Files.isRegularFile(file)) {
            throw MarketplaceRequestException.badRequest("no image file at " + file);
        }
        boolean gzip;
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            gzip = startsLikeGzip(in);
        }
        Digest digest;
        try (InputStream in = Files.newInputStream(file)) {
            digest = digest(in, gzip);
        }
        String name = ImageIdentifier.fromSha1Hex(digest.sha1Hex) + (gzip ? ".gz" : "");
        if (digest.bytes == 0) {
            throw MarketplaceRequestException.badRequest("the image is empty");
        }
        if (!Files.exists(images.resolve(name))) {
            Path tmp = temporaryFile();
            try (InputStream in = Files.newInputStream(file)) {
                writeDurably(in, tmp);
                return keep(tmp, digest, gzip);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new Image(digest, imageLocation(name), gzip);
    }

    /** Moves a fully written temporary file to {@code images/<id>[.gz]} unless that image is already stored. */
    private Image keep(Path tmp, Digest digest, boolean gzip) throws IOException, MarketplaceRequestException {
        if (digest.bytes == 0) {
            throw MarketplaceRequestException.badRequest("the image is empty");
        }
        String name = ImageIdentifier.fromSha1Hex(digest.sha1Hex) + (gzip ? ".gz" : "");
        Path target = images.resolve(name);
        if (!Files.exists(target)) {
            EntryStore.moveIntoPlace(tmp, target);
        }
        return new Image(digest, imageLocation(name), gzip);
    }

    private String imageLocation(String name) {
        return endpoint() + "/images/" + name;
    }

    private Path temporaryFile() {
        return images.resolve("." + UUID.randomUUID() + ".tmp");
    }

    private static long writeDurably(InputStream in, Path target) throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                total += n;
            }
            out.flush();
            ch.force(true);
        }
        return total;
    }

    private static boolean startsLikeGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** The e-mail written as endorser of published images. */
    public String endorserEmail() {
        return config.endorserEmail();
    }

    long maxImageBytes() {
        return config.maxImageBytes();
    }

    int maxManifestBytes() {
        return config.maxManifestBytes();
    }

    @Override
    public void close() {
        downloader.close();
    }
}
