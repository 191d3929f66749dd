package eu.stratuslab.hooks.save;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the outcome of a {@code one.vm.savedisk} copy goes: the core's image pool, which makes the
 * image READY with its new SOURCE, or ERROR. A seam so the hooks need not know the pool.
 */
public interface SavedDiskSink {
    /** The disk was copied to {@code file} ({@code bytes} long). */
    void saved(int imageId, Path file, long bytes) throws IOException;

    /** The disk could not be copied, or the VM ended without saving it. */
    void failed(int imageId, String message);
}
