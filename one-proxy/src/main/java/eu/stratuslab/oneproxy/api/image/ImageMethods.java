package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.ChangeRequest;
import eu.stratuslab.oneproxy.api.family.OwnedFamilies;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/**
 * The one.image.* and one.imagepool.* methods (xmlrpc-api.md §4.6). Allocate needs NAME, a TYPE of
 * OS, CDROM or DATABLOCK and PATH or SOURCE; enable (READY ↔ DISABLED), persistent and chtype
 * need MANAGE, as delete and update do.
 */
public final class ImageMethods {
    private ImageMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return OwnedFamilies.with(core, Kinds.IMAGE,
                new ChangeRequest<>(core, Kinds.IMAGE, "enable", "Enable", Right.MANAGE, Params::getBoolean,
                        ImagePool::enable),
                new ChangeRequest<>(core, Kinds.IMAGE, "persistent", "Persistent", Right.MANAGE, Params::getBoolean,
                        ImagePool::persistent),
                new ChangeRequest<>(core, Kinds.IMAGE, "chtype", "ChangeType", Right.MANAGE, Params::getString,
                        ImagePool::changeType));
    }
}
