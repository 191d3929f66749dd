package eu.stratuslab.oneproxy.admin;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** What the administrative endpoints (/metrics, /accounting) share: the caller and plain answers. */
final class AdminResponses {

    private AdminResponses() {
    }

    /** The core account of the user the authentication handler put into the request; null when none or disabled. */
    static Caller caller(Core core, Request request) throws OneException {
        Object attribute = request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        return attribute instanceof AuthenticatedUser user ? core.users().callerForAccount(user.accountName()) : null;
    }

    static boolean answer(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, BufferUtil.toBuffer(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static boolean refuse(Response response, Callback callback, int status, String message) {
        return answer(response, callback, status, "text/plain; charset=utf-8", message + "\n");
    }

    static boolean onlyGet(Request request, Response response, Callback callback) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        return refuse(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET");
    }
}
