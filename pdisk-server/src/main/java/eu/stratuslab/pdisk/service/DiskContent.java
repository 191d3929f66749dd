package eu.stratuslab.pdisk.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.pdisk.backend.StorageBackend;

/**
 * Moves bytes onto and off volumes: URL initialisation (download, gunzip, byte count and SHA-1
 * over the data written), staging of uploads, and gzip download. Temporary files live in the
 * cache directory and are always removed.
 */
public final class DiskContent {

    private static final Logger LOG = LoggerFactory.getLogger(DiskContent.class);
    static final long GIB = 1L << 30;

    private final StorageBackend backend;
    private final Path cacheDir;
    private final ImageDownloader downloader;

    public DiskContent(StorageBackend backend, Path cacheDir, ImageDownloader downloader) {
        this.backend = backend;
        this.cacheDir = cacheDir;
        this.downloader = downloader;
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

    /** Downloads {@code src}, writes it onto the new volume and checks size and checksum (400 otherwise). */
    public void initialiseFromUrl(String uuid, ContentSource src, long sizeGiB) {
        URI url;
        try {
            url = URI.create(src.url());
        } catch (IllegalArgumentException e) {
            throw PdiskException.badRequest("error initializing disk contents from " + src.url());
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw PdiskException.badRequest("error initializing disk contents from " + src.url());
        }
        Path part = cacheDir.resolve(uuid + ".part");
        Written written;
        try {
            downloader.download(url, part);
            try (InputStream in = Files.newInputStream(part)) {
                written = writeVolume(uuid, maybeGunzip(in, src.url().endsWith(".gz")), sizeGiB * GIB);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("initialisation of {} from {} failed: {}", uuid, src.url(), e.toString());
            throw PdiskException.badRequest("error initializing disk contents from " + src.url());
        } finally {
            deleteQuietly(part);
        }
        if (src.bytes() != null && written.bytes() != src.bytes()) {
            throw PdiskException.badRequest("size mismatch: " + written.bytes() + " (found) != " + src.bytes() + " (expected)");
        }
        if (src.sha1() != null && !written.sha1Hex().equals(src.sha1())) {
            throw PdiskException.badRequest("checksum mismatch: " + written.sha1Hex() + " (found) != " + src.sha1() + " (expected)");
        }
        LOG.info("disk {} initialised from {} ({} bytes, sha1 {})", uuid, src.url(), written.bytes(), written.sha1Hex());
    }

    /** Decompresses (when gzip) an uploaded image into {@code <cache>/<name>}, counting and hashing it. */
    public Written stage(InputStream upload, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            return copyCounting(maybeGunzip(upload, false), out, Long.MAX_VALUE);
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

    private static InputStream maybeGunzip(InputStream in, boolean declaredGzip) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        boolean gzipMagic = m1 == 0x1f && m2 == 0x8b;
        return declaredGzip || gzipMagic ? new GZIPInputStream(b, 1 << 16) : b;
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
                throw new IOException("content is larger than the volume (" + limitBytes + " bytes)");
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
