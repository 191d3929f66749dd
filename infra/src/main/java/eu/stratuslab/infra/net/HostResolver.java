package eu.stratuslab.infra.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, as a seam so tests can classify names without DNS or connections. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
