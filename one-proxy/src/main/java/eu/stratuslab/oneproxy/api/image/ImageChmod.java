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

/** {@code one.image.chmod(S, id, 9 × bit)} (-1 keeps) → id; MANAGE, ADMIN for the *_A bits. */
final class ImageChmod extends AbstractMethod {
    ImageChmod(Core core) {
        super(core, "one.image.chmod", "ImageChmod");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int[] bits = Requests.chmodBits(params, 2);
        Image img = core.images().get(id);
        Requests.authorizeChmod(core.authorizer(), caller, ObjectType.IMAGE, img, bits);
        core.images().chmod(id, bits);
        return OneResult.ok(id);
    }
}
