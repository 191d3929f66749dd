package eu.stratuslab.quarantine;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Who a quarantined volume belonged to, so that a restore can give it back: one small properties
 * file per volume in {@code <LOCATION>/.volumes/<uuid>} ({@code owner}, {@code vm},
 * {@code quarantined}). pdisk itself has no field for it: quarantine sets the owner to the
 * superuser. Written atomically before the volume is relabelled, so a crash never loses the owner.
 * The directory cleanup leaves these files alone; they go with their volume.
 */
final class OwnerRecords {
    static final String DIRECTORY = ".volumes";
    private static final Pattern UUID = Pattern.compile("[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}");

    /** The owner a volume had before quarantine, the VM it came from, when it was quarantined. */
    record Entry(String owner, int vmId, Instant quarantined) {
    }

    private final Path dir;

    OwnerRecords(Path location) {
        this.dir = location.resolve(DIRECTORY);
    }

    Path directory() {
        return dir;
    }

    static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }

    synchronized void write(String uuid, Entry entry) throws IOException {
        Path file = file(uuid);
        if (!Files.isDirectory(dir)) {
            // who owned what is the administrator's business only, like the quarantined directories
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Properties p = new Properties();
        p.setProperty("owner", entry.owner());
        p.setProperty("vm", Integer.toString(entry.vmId()));
        p.setProperty("quarantined", entry.quarantined().toString());
        StringWriter text = new StringWriter();
        p.store(text, "previous owner of quarantined volume " + uuid);
        Path tmp = dir.resolve(uuid + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the record, or null when there is none (or it cannot be read) */
    synchronized Entry read(String uuid) {
        Path file = file(uuid);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return new Entry(p.getProperty("owner", ""), Integer.parseInt(p.getProperty("vm", "-1").strip()),
                    Instant.parse(p.getProperty("quarantined").strip()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    synchronized void remove(String uuid) throws IOException {
        Files.deleteIfExists(file(uuid));
    }

    synchronized List<String> uuids() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (isUuid(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private Path file(String uuid) {
        if (!isUuid(uuid)) {
            throw new IllegalArgumentException("not a volume UUID: '" + uuid + "'");
        }
        return dir.resolve(uuid.toLowerCase(java.util.Locale.ROOT));
    }
}
