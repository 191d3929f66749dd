package eu.stratuslab.oneproxy.admin;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.infra.net.CidrRange;
import java.net.InetAddress;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics}: every meter in the Prometheus text format (issue 12 item 3), for oneadmin or
 * from loopback only. Two placements, two rules:
 * <ul>
 *   <li>{@link Access#ADMIN}: behind the one-proxy's Basic or certificate authentication; the
 *       account must be an administrator (oneadmin or the oneadmin group), others get 403;</li>
 *   <li>{@link Access#LOOPBACK}: without credentials on the /RPC2 listener (a Prometheus on the
 *       front-end); a peer that is not a loopback address gets 403, whatever address the listener
 *       was bound to.</li>
 * </ul>
 */
public final class MetricsHandler extends Handler.Abstract {

    public enum Access { ADMIN, LOOPBACK }

    private final Metrics metrics;
    private final Core core;
    private final Access access;

    public MetricsHandler(Metrics metrics, Core core, Access access) {
        super(InvocationType.BLOCKING);
        this.metrics = metrics;
        this.core = core;
        this.access = access;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (AdminResponses.onlyGet(request, response, callback)) {
            return true;
        }
        if (access == Access.LOOPBACK) {
            if (!isLoopback(Request.getRemoteAddr(request))) {
                return AdminResponses.refuse(response, callback, HttpStatus.FORBIDDEN_403,
                        "metrics: loopback clients only here; others use the one-proxy's /metrics as oneadmin");
            }
        } else {
            Caller caller = AdminResponses.caller(core, request);
            if (caller == null || !caller.isAdmin()) {
                return AdminResponses.refuse(response, callback, HttpStatus.FORBIDDEN_403, "metrics: oneadmin only");
            }
        }
        return AdminResponses.answer(response, callback, HttpStatus.OK_200, Metrics.CONTENT_TYPE, metrics.scrape());
    }

    /**
     * Whether a peer address is a loopback address (127.0.0.0/8, ::1, IPv4-mapped 127.x). Only IP
     * literals are looked at: a name (never given by Jetty for a peer) or garbage is not loopback.
     */
    public static boolean isLoopback(String address) {
        return address != null && CidrRange.literal(address).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
