package eu.stratuslab.core;

import eu.stratuslab.infra.CodedException;

/**
 * An application error of the OpenNebula 3.2 API. It is never an XML-RPC fault: the API layer turns
 * it into {@code [false, "[<Tag>] <message>", code]}. The message carries no tag; the request class
 * that knows its tag adds it.
 */
public class OneException extends CodedException {
    private static final long serialVersionUID = 1L;

    public OneException(int code, String message) {
        super(code, message);
    }

    public static OneException notFound(String objectName, int id) {
        return new OneException(ErrorCode.NO_EXISTS, "Error getting " + objectName + " [" + id + "].");
    }

    /** {@code object}, or NO_EXISTS {@code Error getting <objectName> [<id>].} when it is null. */
    public static <T> T requireFound(T object, String objectName, int id) throws OneException {
        if (object == null) {
            throw notFound(objectName, id);
        }
        return object;
    }

    public static OneException wrongState() {
        return new OneException(ErrorCode.ACTION, "Wrong state to perform action");
    }

    public static OneException internal(String message) {
        return new OneException(ErrorCode.INTERNAL, message);
    }

    public static OneException notAuthorized(int uid, String op, String obj, int id) {
        return new OneException(ErrorCode.AUTHORIZATION,
                "User [" + uid + "] : Not authorized to perform " + op + " " + obj + " [" + id + "].");
    }
}
