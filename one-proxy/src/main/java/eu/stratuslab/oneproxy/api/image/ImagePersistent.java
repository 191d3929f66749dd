package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.image.Image;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.image.persistent(S, id, persistent)} → id; MANAGE. */
final class ImagePersistent extends AbstractMethod {
    ImagePersistent(Core core) {
        super(core, "one.image.persistent", "ImagePersistent");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        boolean persistent = params.getBoolean(2);
        Image img = core.images().get(id);
        core.authorizer().authorize(caller, ObjectType.IMAGE, img, Right.MANAGE);
        core.images().persistent(id, persistent);
        return OneResult.ok(id);
    }
}
