package eu.stratuslab.pdisk.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.pdisk.backend.StorageBackend;
import eu.stratuslab.pdisk.fetch.ImageFetcher;
import eu.stratuslab.infra.net.UrlRefusedException;

/**
 * Moves bytes onto and off volumes. URL initialisation is one pass with no temporary file: HTTP
 * body (resumed with {@code Range} when the connection breaks) → gunzip/bunzip2 → volume, with
 * byte count and SHA-1 computed over the data written. Uploads are staged in the cache directory
 * (the identifier depends on the content's SHA-1 before anything is created); downloads are
 * streamed through gzip.
 */
public final class DiskContent {

    private static final Logger LOG = LoggerFactory.getLogger(DiskContent.class);
    static final long GIB = 1L << 30;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};

    private final StorageBackend backend;
    private final Path cacheDir;
    private final UrlImports imports;

    public DiskContent(StorageBackend backend, Path cacheDir, UrlImports imports) {
        this.backend = backend;
        this.cacheDir = cacheDir;
        this.imports = imports;
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create cache directory " + cacheDir, e);
        }
    }

    /** Bytes written and their SHA-1. */
    public record Written(long bytes, byte[] sha1) {
        public String sha1Hex() {
            return HexFormat.of().formatHex(sha1);
        }
    }

    /**
     * Checks {@code src}'s URL for {@code caller} before anything is created: 400 for a malformed
     * URL, a scheme other than http(s) or an unknown host; 403 when the site does not allow it.
     */
    public void checkSource(Caller caller, ContentSource src) {
        URI url = parseUrl(src);
        try {
            imports.guardFor(caller, src).check(url);
        } catch (UrlRefusedException e) {
            throw refused(src, e);
        } catch (UnknownHostException e) {
            throw PdiskException.badRequest(initError(src) + ": unknown host " + url.getHost());
        }
    }

    /**
     * Streams {@code src} onto the new volume and checks size and checksum (400 otherwise; 403 when
     * a redirect leads where the caller may not go). The caller removes row and volume on failure.
     */
    public void initialiseFromUrl(String uuid, ContentSource src, long sizeGiB, Caller caller) {
        URI url = parseUrl(src);
        long volumeBytes = sizeGiB * GIB;
        Written written;
        try (InputStream body = imports.open(url, caller, src, rawLimit(volumeBytes))) {
            written = writeVolume(uuid, decompressing(body, url.getPath()), volumeBytes);
        } catch (UrlRefusedException e) {
            LOG.warn("initialisation of {} from {} refused: {}", uuid, ImageFetcher.display(url), e.getMessage());
            throw refused(src, e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("initialisation of {} from {} failed: {}", uuid, ImageFetcher.display(url), e.toString());
            throw PdiskException.badRequest(initError(src) + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
        if (src.bytes() != null && written.bytes() != src.bytes()) {
            throw PdiskException.badRequest("size mismatch: " + written.bytes() + " (found) != " + src.bytes() + " (expected)");
        }
        if (src.sha1() != null && !written.sha1Hex().equals(src.sha1())) {
            throw PdiskException.badRequest("checksum mismatch: " + written.sha1Hex() + " (found) != " + src.sha1() + " (expected)");
        }
        LOG.info("disk {} initialised from {} ({} bytes, sha1 {})", uuid, ImageFetcher.display(url), written.bytes(),
                written.sha1Hex());
    }

    /**
     * Compressed data may be slightly larger than what it decompresses to (incompressible data in
     * gzip or bzip2 grows by well under 2%): the transfer is capped a little above the volume, the
     * data written exactly at it.
     */
    static long rawLimit(long volumeBytes) {
        return volumeBytes + volumeBytes / 50 + (1L << 20);
    }

    private static URI parseUrl(ContentSource src) {
        try {
            return new URI(src.url());
        } catch (URISyntaxException e) {
            throw PdiskException.badRequest(initError(src) + ": malformed URL");
        }
    }

    private static String initError(ContentSource src) {
        return "error initializing disk contents from " + src.url();
    }

    private static PdiskException refused(ContentSource src, UrlRefusedException e) {
        return new PdiskException(e.isBadInput() ? 400 : 403, initError(src) + ": " + e.getMessage());
    }

    /** Decompresses (gzip or bzip2) an uploaded image into {@code <cache>/<name>}, counting and hashing it. */
    public Written stage(InputStream upload, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            return copyCounting(decompressing(upload, ""), out, Long.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    public Path cacheFile(String name) {
        return cacheDir.resolve(name);
    }

    /** Copies a staged file onto the volume. */
    public Written writeVolume(String uuid, InputStream data, long limitBytes) throws IOException {
        try (OutputStream out = backend.openForWrite(uuid)) {
            return copyCounting(data, out, limitBytes);
        }
    }

    /** Streams the raw volume through gzip (no cache file, so nothing half-written is ever served). */
    public void writeGzip(String uuid, OutputStream out) throws IOException {
        try (InputStream in = backend.openForRead(uuid); GZIPOutputStream gz = fastGzip(out)) {
            in.transferTo(gz);
            gz.finish();
        }
    }

    /** Level 1: disks are mostly zeros or already-compressed data, where higher levels only cost CPU. */
    private static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }

    /**
     * gzip when the name ends in {@code .gz} or the data starts with the gzip magic, bzip2 when it
     * ends in {@code .bz2} or starts with {@code BZh}; otherwise the data as it is. Concatenated
     * members are read as one stream, as {@code gunzip}/{@code bunzip2} do.
     */
    static InputStream decompressing(InputStream in, String name) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(BZIP2_MAGIC.length);
        byte[] head = b.readNBytes(BZIP2_MAGIC.length);
        b.reset();
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz") || startsWith(head, GZIP_MAGIC)) {
            return new GzipCompressorInputStream(b, true);
        }
        if (n.endsWith(".bz2") || startsWith(head, BZIP2_MAGIC)) {
            return new BZip2CompressorInputStream(b, true);
        }
        return b;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static Written copyCounting(InputStream in, OutputStream out, long limitBytes) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestOutputStream digest = new DigestOutputStream(out, sha1);
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > limitBytes) {
                throw new ImageFetcher.ContentTooLargeException(limitBytes);
            }
            digest.write(buf, 0, n);
        }
        digest.flush();
        return new Written(total, sha1.digest());
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temporary file: nothing else to do
        }
    }
}
