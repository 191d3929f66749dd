package eu.stratuslab.oneproxy.api.vmtemplate;

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

/** {@code one.template.allocate(S, template)} → template id; CREATE TEMPLATE. */
final class TemplateAllocate extends AbstractMethod {
    TemplateAllocate(Core core) {
        super(core, "one.template.allocate", "TemplateAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String text = params.getString(1);
        Template t = Requests.parseTemplate(text, "Error allocating a new virtual machine template.");
        core.authorizer().authorizeCreate(caller, ObjectType.TEMPLATE);
        return OneResult.ok(core.templates().allocate(caller, t));
    }
}
