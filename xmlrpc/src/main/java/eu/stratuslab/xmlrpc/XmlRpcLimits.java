package eu.stratuslab.xmlrpc;

/**
 * Request limits: maximum body size in bytes (HTTP 413 above it) and maximum nesting depth of
 * arrays/structs (fault -503 above it).
 */
public record XmlRpcLimits(int maxBodyBytes, int maxDepth) {

    public static final XmlRpcLimits DEFAULT = new XmlRpcLimits(1 << 20, 64);

    public XmlRpcLimits {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
        }
    }
}
