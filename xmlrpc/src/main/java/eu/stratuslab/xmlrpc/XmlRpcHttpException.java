package eu.stratuslab.xmlrpc;

import java.io.IOException;

/** The server answered an HTTP status other than 200 (message {@code HTTP <status>}). */
public final class XmlRpcHttpException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public XmlRpcHttpException(int status) {
        super("HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
