package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.templatepool.info(S, filter, startId, endId)} (missing ints → -1) → {@code <VMTEMPLATE_POOL>}. */
final class TemplatePoolInfo extends AbstractMethod {
    TemplatePoolInfo(Core core) {
        super(core, "one.templatepool.info", "TemplatePoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        PoolFilter filter = Requests.poolFilter(params, 1);
        return OneResult.ok(core.templates().poolDocument(caller, filter));
    }
}
