package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.image.* and one.imagepool.* methods. */
public final class ImageMethods {
    private ImageMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new ImageAllocate(core));
        registry.register(new ImageDelete(core));
        registry.register(new ImageInfo(core));
        registry.register(new ImageUpdate(core));
        registry.register(new ImageEnable(core));
        registry.register(new ImagePersistent(core));
        registry.register(new ImageChangeType(core));
        registry.register(new ImageChown(core));
        registry.register(new ImageChmod(core));
        registry.register(new ImagePoolInfo(core));
    }
}
