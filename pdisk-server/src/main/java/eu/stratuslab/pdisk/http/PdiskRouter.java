package eu.stratuslab.pdisk.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dispatches inside one context: {@code /pswd/…} to the password-protected API,
 * {@code /cert/…} to the certificate-protected API (404 when not configured), everything else
 * to the static web UI.
 */
public final class PdiskRouter extends Handler.Abstract {

    private final Handler password;
    private final Handler certificate;
    private final Handler statics;

    public PdiskRouter(Handler password, Handler certificate, Handler statics) {
        this.password = password;
        this.certificate = certificate;
        this.statics = statics;
        addBean(password, true);
        if (certificate != null) {
            addBean(certificate, true);
        }
        addBean(statics, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/pswd") || path.startsWith("/pswd/")) {
            return password.handle(request, response, callback);
        }
        if (path.equals("/cert") || path.startsWith("/cert/")) {
            return certificate != null && certificate.handle(request, response, callback);
        }
        return statics.handle(request, response, callback);
    }

    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        password.setServer(server);
        if (certificate != null) {
            certificate.setServer(server);
        }
        statics.setServer(server);
    }
}
