package eu.stratuslab.xmlrpc;

/**
 * The {@code [boolean, value, i4]} triple every OpenNebula method answers (spec §3.3).
 *
 * @param success {@code true} for {@code <boolean>1</boolean>}
 * @param value an {@link Integer} id or a {@link String} (XML document or error message), or an
 *        {@link XmlRpcText} (a document already encoded); {@link Boolean} and {@code List} of
 *        {@code Integer}, {@code String} and {@code Boolean} are encodable too
 * @param code 0 on success, the OpenNebula error code otherwise
 */
public record OneResult(boolean success, Object value, int code) {

    public static OneResult ok(int id) {
        return new OneResult(true, id, 0);
    }

    public static OneResult ok(String xmlDocument) {
        return new OneResult(true, xmlDocument, 0);
    }

    /** A large document assembled from encoded parts (see {@link XmlRpcText}). */
    public static OneResult ok(XmlRpcText xmlDocument) {
        return new OneResult(true, xmlDocument, 0);
    }

    public static OneResult error(String message, int code) {
        return new OneResult(false, message, code);
    }
}
