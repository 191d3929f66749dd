package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.image.Image;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.image.update(S, id, template)} → id; MANAGE; replaces the template. */
final class ImageUpdate extends AbstractMethod {
    ImageUpdate(Core core) {
        super(core, "one.image.update", "ImageUpdate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String text = params.getString(2);
        Image img = core.images().get(id);
        core.authorizer().authorize(caller, ObjectType.IMAGE, img, Right.MANAGE);
        core.images().update(id, Requests.parseTemplate(text, "Cannot update template."));
        return OneResult.ok(id);
    }
}
