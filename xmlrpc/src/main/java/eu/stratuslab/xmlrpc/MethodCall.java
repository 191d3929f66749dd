package eu.stratuslab.xmlrpc;

import java.util.List;

/**
 * A decoded XML-RPC request: the (case-sensitive) method name and its parameter values.
 *
 * <p>Parameter values use these Java types: {@link Integer} ({@code i4}/{@code int}), {@link Long}
 * ({@code i8}/{@code ex:i8}), {@link Boolean}, {@link String} ({@code string} or untyped),
 * {@link Double}, {@link java.util.Date} ({@code dateTime.iso8601}), {@code byte[]} ({@code base64}),
 * {@code List<Object>} ({@code array}), {@code Map<String,Object>} ({@code struct}, a
 * {@link java.util.LinkedHashMap}) and {@code null} ({@code nil}/{@code ex:nil}).
 */
public record MethodCall(String methodName, List<Object> params) {
}
