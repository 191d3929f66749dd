package eu.stratuslab.oneproxy.api;

/**
 * What names an oned request class to its callers: the XML-RPC method it serves (e.g.
 * {@code one.vm.info}) and the tag its error messages start with (e.g. {@code VirtualMachineInfo}).
 */
public record RequestName(String name, String tag) {
}
