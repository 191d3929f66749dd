package eu.stratuslab.oneproxy.api.image;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.imagepool.info(S, filter, startId, endId)} (missing ints → -1) → {@code <IMAGE_POOL>}. */
final class ImagePoolInfo extends AbstractMethod {
    ImagePoolInfo(Core core) {
        super(core, "one.imagepool.info", "ImagePoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        PoolFilter filter = Requests.poolFilter(params, 1);
        return OneResult.ok(core.images().poolDocument(caller, filter));
    }
}
