package eu.stratuslab.cloud;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.hooks.save.SavedDiskSink;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outcome of {@code one.vm.savedisk}'s copy, told to the core's image pool (READY with SOURCE, or ERROR). */
final class ImagePoolSink implements SavedDiskSink {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePoolSink.class);
    private static final long MB = 1024 * 1024;

    private final ImagePool images;

    ImagePoolSink(ImagePool images) {
        this.images = images;
    }

    @Override
    public void saved(int imageId, Path file, long bytes) throws IOException {
        try {
            images.saveDone(imageId, file.toString(), (bytes + MB - 1) / MB);
        } catch (OneException e) {
            throw new IOException("image " + imageId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void failed(int imageId, String message) {
        try {
            images.saveFailed(imageId);
        } catch (OneException e) {
            // deleted meanwhile: nothing waits for it any more
            LOG.info("image {} gone before its save outcome ({}): {}", imageId, message, e.getMessage());
        }
    }
}
