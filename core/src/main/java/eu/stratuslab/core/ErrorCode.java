package eu.stratuslab.core;

/** OpenNebula 3.2 error codes (xmlrpc-api.md §3.5). */
public final class ErrorCode {
    public static final int SUCCESS = 0x0000;
    public static final int AUTHENTICATION = 0x0100;
    public static final int AUTHORIZATION = 0x0200;
    public static final int NO_EXISTS = 0x0400;
    public static final int ACTION = 0x0800;
    public static final int XML_RPC_API = 0x1000;
    public static final int INTERNAL = 0x2000;

    private ErrorCode() {
    }
}
