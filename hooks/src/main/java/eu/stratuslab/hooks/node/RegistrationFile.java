package eu.stratuslab.hooks.node;

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
 * attach order, the first being the root disk. Rewritten atomically so a crash never leaves half a
 * line; a URI is listed once.
 */
public final class RegistrationFile {
    private final Path file;

    public RegistrationFile(Path file) {
        this.file = file;
    }

    /** The unique non-empty lines, in file order ({@code stratus-list-registered-volumes.py}). */
    public synchronized List<String> uris() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }

    public synchronized void append(String uri) throws IOException {
        List<String> lines = new ArrayList<>(uris());
        if (!lines.contains(uri)) {
            lines.add(uri);
            write(lines);
        }
    }

    public synchronized void remove(String uri) throws IOException {
        List<String> lines = new ArrayList<>(uris());
        if (lines.remove(uri)) {
            write(lines);
        }
    }

    private void write(List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines.stream().map(l -> l + "\n").toList().stream().reduce("", String::concat)
                .getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
