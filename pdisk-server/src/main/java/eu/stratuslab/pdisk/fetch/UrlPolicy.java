package eu.stratuslab.pdisk.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a URL import of an ordinary user may go (no server-side request forgery): only public
 * unicast addresses, unless the site's allow list ({@code disk.store.url.allow}: host names and
 * CIDR ranges, e.g. its own marketplace) names the host or the address. Refused: unspecified,
 * loopback, link-local, private (RFC 1918, 100.64.0.0/10, fc00::/7), multicast, reserved and the
 * server's own addresses. The superuser is not restricted (see {@link UrlGuard}).
 */
public final class UrlPolicy {

    /** Special-purpose ranges the JDK's {@code InetAddress.is*} methods do not cover. */
    private static final List<Named> SPECIAL = List.of(
            new Named(CidrRange.of("0.0.0.0/8"), "unspecified"),
            new Named(CidrRange.of("100.64.0.0/10"), "private (shared address space)"),
            new Named(CidrRange.of("192.0.0.0/24"), "reserved"),
            new Named(CidrRange.of("198.18.0.0/15"), "reserved"),
            new Named(CidrRange.of("240.0.0.0/4"), "reserved"),
            new Named(CidrRange.of("fc00::/7"), "private (unique local)"),
            new Named(CidrRange.of("fec0::/10"), "private (site-local)"),
            new Named(CidrRange.of("64:ff9b::/96"), "translated (NAT64)"),
            new Named(CidrRange.of("::/96"), "reserved (IPv4-compatible)"),
            new Named(CidrRange.of("2002::/16"), "translated (6to4)"));

    private record Named(CidrRange range, String name) {
    }

    private final List<CidrRange> allowedRanges;
    private final Set<String> allowedHosts;
    private final Supplier<Set<InetAddress>> ownAddresses;

    private UrlPolicy(List<CidrRange> allowedRanges, Set<String> allowedHosts, Supplier<Set<InetAddress>> ownAddresses) {
        this.allowedRanges = allowedRanges;
        this.allowedHosts = allowedHosts;
        this.ownAddresses = ownAddresses;
    }

    /** Public addresses only, plus {@code allowList} (host names and CIDR ranges). */
    public static UrlPolicy withAllowList(List<String> allowList) {
        return withAllowList(allowList, UrlPolicy::interfaceAddresses);
    }

    /** As {@link #withAllowList(List)} with the server's own addresses given (tests). */
    public static UrlPolicy withAllowList(List<String> allowList, Supplier<Set<InetAddress>> ownAddresses) {
        List<CidrRange> ranges = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (String entry : allowList) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            Optional<CidrRange> r = CidrRange.parse(e);
            if (r.isPresent()) {
                ranges.add(r.get());
            } else if (e.contains("/")) {
                throw new IllegalArgumentException("disk.store.url.allow: '" + e + "' is neither a host name nor a CIDR range");
            } else {
                hosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
        return new UrlPolicy(List.copyOf(ranges), Set.copyOf(hosts), ownAddresses);
    }

    /** Whether the allow list names this host (then its addresses are not classified). */
    public boolean hostAllowed(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Why an ordinary user's import may not connect to {@code address}, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        for (CidrRange r : allowedRanges) {
            if (r.contains(address)) {
                return Optional.empty();
            }
        }
        Optional<String> special = specialPurpose(address);
        if (special.isPresent()) {
            return special;
        }
        return ownAddresses.get().contains(address) ? Optional.of("an address of this server") : Optional.empty();
    }

    /** The class of a non-public address ("loopback", "private", ...), or empty for a public unicast one. */
    public static Optional<String> specialPurpose(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (a.isSiteLocalAddress() && !(a instanceof Inet6Address)) {
            return Optional.of("private (RFC 1918)");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        for (Named n : SPECIAL) {
            if (n.range().contains(a)) {
                return Optional.of(n.name());
            }
        }
        return Optional.empty();
    }

    /** Every address of every local interface (what "the server's own addresses" means). */
    static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> out = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: loopback and private ranges are refused anyway
        }
        return out;
    }

    @Override
    public String toString() {
        return "UrlPolicy[allow hosts=" + allowedHosts + ", ranges=" + allowedRanges + "]";
    }
}
