package eu.stratuslab.hooks.save;

import eu.stratuslab.hooks.pdisk.PdiskClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * SHA-1 of a whole pdisk volume, computed where the data is (hooks.md §4.2 step 2): a volume whose
 * TURL is a {@code file://} path on this host (the file backend) is read in place; any other volume
 * (iSCSI, RBD, a pdisk on another host) is read through pdisk's own raw download, so no backend needs a
 * second way in.
 */
public final class VolumeDigest {
    private static final int BUFFER = 1 << 20;

    /** The digest in lower-case hex and the number of bytes it covers. */
    public record Digest(String sha1Hex, long bytes) {
    }

    private final PdiskClient pdisk;

    public VolumeDigest(PdiskClient pdisk) {
        this.pdisk = pdisk;
    }

    public Digest of(String uuid) throws IOException {
        String turl = pdisk.turl(uuid);
        Path file = localFile(turl);
        if (file != null && Files.isRegularFile(file) && !isQcow2(file)) {
            return ofFile(file);
        }
        try (InputStream in = new GZIPInputStream(pdisk.downloadGzip(uuid), BUFFER)) {
            return ofStream(in);
        }
    }

    static Digest ofFile(Path file) throws IOException {
        MessageDigest sha1 = sha1();
        long total = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buffer) >= 0) {
                buffer.flip();
                total += buffer.remaining();
                sha1.update(buffer);
                buffer.clear();
            }
        }
        return new Digest(HexFormat.of().formatHex(sha1.digest()), total);
    }

    static Digest ofStream(InputStream in) throws IOException {
        MessageDigest sha1 = sha1();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha1.update(buffer, 0, n);
            total += n;
        }
        return new Digest(HexFormat.of().formatHex(sha1.digest()), total);
    }

    private static Path localFile(String turl) {
        try {
            URI u = URI.create(turl.strip());
            return "file".equalsIgnoreCase(u.getScheme()) && u.getPath() != null ? Path.of(u.getPath()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A qcow2 file's bytes are not the image's bytes: such a volume is read through pdisk, which converts. */
    private static boolean isQcow2(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
