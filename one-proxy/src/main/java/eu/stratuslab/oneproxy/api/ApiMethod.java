package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * One OpenNebula XML-RPC method, as one request class of oned. The dispatcher authenticates the
 * caller (param 0) before {@link #call}; a thrown {@link OneException} becomes
 * {@code [false, "[<tag>] <message>", code]}, an {@link XmlRpcFault} a fault.
 */
public interface ApiMethod {
    /** e.g. {@code one.vm.info}. */
    String name();

    /** The oned request-class name used as message prefix, e.g. {@code VirtualMachineInfo}. */
    String tag();

    OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault;
}
