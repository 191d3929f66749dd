package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.image.Image;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.image.chown(S, id, uid, gid)} (-1 keeps) → id; ADMIN. */
final class ImageChown extends AbstractMethod {
    ImageChown(Core core) {
        super(core, "one.image.chown", "ImageChown");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int uid = params.getInt(2);
        int gid = params.getInt(3);
        Image img = core.images().get(id);
        Requests.authorizeChown(core.authorizer(), caller, ObjectType.IMAGE, img, uid, gid);
        core.images().chown(id, uid, gid);
        return OneResult.ok(id);
    }
}
