package eu.stratuslab.hooks.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <vm_dir>/<vmid>/pdisk} (hooks.md §1.2, pdisk-api.md §11.1): one volume URI per line in
 * attach order, the first being the root disk. The file is shared with the VM manager's hot-plug,
 * so this is the core's {@link eu.stratuslab.core.transfer.RegistrationFile} (one lock per file
 * in the process, atomic rewrites).
 */
public final class RegistrationFile {
    private final eu.stratuslab.core.transfer.RegistrationFile file;

    public RegistrationFile(Path file) {
        this.file = new eu.stratuslab.core.transfer.RegistrationFile(file);
    }

    /** The unique non-empty lines, in file order ({@code stratus-list-registered-volumes.py}). */
    public List<String> uris() throws IOException {
        return file.uris();
    }

    public void append(String uri) throws IOException {
        file.append(uri);
    }

    /**
     * Removes the volume {@code uri} names, whatever URI form it was registered with (a hot-plug
     * registers pdisk's own {@code pdisk://} form, the prolog the internal endpoint).
     */
    public void remove(String uri) throws IOException {
        file.removeVolume(eu.stratuslab.core.transfer.RegistrationFile.volumeOf(uri));
    }
}
