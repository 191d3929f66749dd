package eu.stratuslab.hooks.save;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <vm dir>/save.journal}: what a save has done so far, written (fsync) before the step it
 * guards has effects. An epilog that runs again after {@code kill -9} finds the root volume even
 * though the registration file was emptied by the detach, and does not rebase twice.
 * Lines: {@code root <uuid>}, {@code rebased <uuid>}.
 */
final class SaveJournal {
    static final String FILE = "save.journal";

    private final Path file;

    SaveJournal(Path file) {
        this.file = file;
    }

    Optional<String> root() throws IOException {
        return value("root");
    }

    Optional<String> rebased() throws IOException {
        return value("rebased");
    }

    void recordRoot(String uuid) throws IOException {
        if (root().isEmpty()) {
            append("root " + uuid);
        }
    }

    void recordRebased(String uuid) throws IOException {
        append("rebased " + uuid);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private Optional<String> value(String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Optional<String> last = Optional.empty();
        for (String line : lines) {
            String[] kv = line.strip().split(" ", 2);
            if (kv.length == 2 && kv[0].equals(key) && !kv[1].isBlank()) {
                last = Optional.of(kv[1].strip());
            }
        }
        return last;
    }

    private void append(String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
