package eu.stratuslab.infra.net;

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
 * Where a fetch the cloud makes on an ordinary user's behalf may go (no server-side request
 * forgery): only public unicast addresses, unless the site's allow list (host names and CIDR
 * ranges, e.g. its own marketplace; pdisk's {@code disk.store.url.allow}) names the host or the
 * address. Shared by pdisk's URL import and the hooks' marketplace fetches (issue 13 item 2). Refused: unspecified,
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
    private final String allowListSetting;

    private UrlPolicy(String allowListSetting, List<CidrRange> allowedRanges, Set<String> allowedHosts,
                      Supplier<Set<InetAddress>> ownAddresses) {
        this.allowListSetting = allowListSetting;
        this.allowedRanges = allowedRanges;
        this.allowedHosts = allowedHosts;
        this.ownAddresses = ownAddresses;
    }

    /**
     * Public addresses only, plus {@code allowList} (host names and CIDR ranges).
     *
     * @param allowListSetting the configuration key of the allow list, named in refusals
     */
    public static UrlPolicy withAllowList(String allowListSetting, List<String> allowList) {
        return withAllowList(allowListSetting, allowList, UrlPolicy::interfaceAddresses);
    }

    /** As {@link #withAllowList(String, List)} with the server's own addresses given (tests). */
    public static UrlPolicy withAllowList(String allowListSetting, List<String> allowList,
                                          Supplier<Set<InetAddress>> ownAddresses) {
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
                throw new IllegalArgumentException(allowListSetting + ": '" + e + "' is neither a host name nor a CIDR range");
            } else {
                hosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
        return new UrlPolicy(allowListSetting, List.copyOf(ranges), Set.copyOf(hosts), ownAddresses);
    }

    /** The configuration key of the allow list (for messages). */
    public String allowListSetting() {
        return allowListSetting;
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
