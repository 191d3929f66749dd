package eu.stratuslab.core.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code <vm_dir>/<vmid>/pdisk} (hooks.md §1.2, pdisk-api.md §11.1): one volume URI per line in
 * attach order, the first being the root disk. The prolog and epilog (hooks) and hot-plug (VM
 * manager) change it from different threads, so every read-modify-write holds one process-wide
 * lock per file (striped); the file is rewritten atomically so a crash never leaves half a line. A URI is
 * listed once.
 */
public final class RegistrationFile {
    /** Striped by path, so the locks of finished VMs need no cleaning up. */
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final Path file;
    private final Object lock;

    public RegistrationFile(Path file) {
        this.file = file;
        this.lock = LOCKS[Math.floorMod(file.toAbsolutePath().normalize().hashCode(), LOCKS.length)];
    }

    /** The volume uuid of a registration URI: what follows its last {@code /} or {@code :} (pdisk-api.md §9). */
    public static String volumeOf(String uri) {
        String s = uri.strip();
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
    }

    /** The unique non-empty lines, in file order ({@code stratus-list-registered-volumes.py}). */
    public List<String> uris() throws IOException {
        synchronized (lock) {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return new ArrayList<>(new LinkedHashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        }
    }

    public void append(String uri) throws IOException {
        synchronized (lock) {
            List<String> lines = new ArrayList<>(uris());
            if (!lines.contains(uri)) {
                lines.add(uri);
                write(lines);
            }
        }
    }

    public void remove(String uri) throws IOException {
        synchronized (lock) {
            List<String> lines = new ArrayList<>(uris());
            if (lines.remove(uri)) {
                write(lines);
            }
        }
    }

    /** Removes every line naming the volume, whatever URI form it was registered with. */
    public void removeVolume(String uuid) throws IOException {
        synchronized (lock) {
            List<String> lines = new ArrayList<>(uris());
            if (lines.removeIf(l -> volumeOf(l).equals(uuid))) {
                write(lines);
            }
        }
    }

    private void write(List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
