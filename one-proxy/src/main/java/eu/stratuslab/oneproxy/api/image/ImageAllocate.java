package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.image.allocate(S, template)} → image id; CREATE IMAGE. */
final class ImageAllocate extends AbstractMethod {
    ImageAllocate(Core core) {
        super(core, "one.image.allocate", "ImageAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String text = params.getString(1);
        Template t = Requests.parseTemplate(text, "Error allocating a new image.");
        core.authorizer().authorizeCreate(caller, ObjectType.IMAGE);
        return OneResult.ok(core.images().allocate(caller, t));
    }
}
